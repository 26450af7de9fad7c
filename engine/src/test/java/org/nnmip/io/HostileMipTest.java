package org.nnmip.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.SolutionChecker;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;

/**
 * Numerically hostile small MIPs (coefficients spanning up to 1e-4 ... 1e4 with row scaling, near-parallel rows,
 * huge and tiny bounds) cross-checked against OR-Tools SCIP: our OPTIMAL matches SCIP's optimum with a feasible
 * incumbent, our INFEASIBLE only on instances infeasible by construction; NUMERICAL_TROUBLE is accepted.
 */
class HostileMipTest {
    private static final int COUNT = 40;

    record Instance(Model model, boolean feasible, double scale) { }

    static Instance generate(long seed) {
        Random rnd = new Random(seed);
        int n = 6 + rnd.nextInt(10);
        int m = 3 + rnd.nextInt(8);
        int e = new int[] {1, 2, 4}[rnd.nextInt(3)];
        Model model = new Model("hostile" + seed);
        Variable[] v = new Variable[n];
        double[] x0 = new double[n];
        double scale = 1;
        LinearExpr.Builder obj = LinearExpr.builder();
        for (int j = 0; j < n; j++) {
            boolean integer = rnd.nextBoolean();
            double lo = integer ? -rnd.nextInt(6) : -Math.pow(10, (rnd.nextDouble() * 2 - 1) * 3);
            double hi = rnd.nextInt(6) == 0 ? (integer ? 1e6 : 1e6 * rnd.nextDouble()) : (integer ? rnd.nextInt(11) : Math.pow(10, (rnd.nextDouble() * 2 - 1) * 3));
            if (hi < lo) hi = lo + (integer ? 1 : 1e-6);
            v[j] = model.addVariable("x" + j, lo, hi, integer ? VarType.INTEGER : VarType.CONTINUOUS);
            double t = Math.min(hi, lo + 20);
            x0[j] = integer ? lo + rnd.nextInt((int) (t - lo) + 1) : lo + rnd.nextDouble() * (t - lo);
            double c = (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, (rnd.nextDouble() * 2 - 1) * e);
            obj.add(c, v[j]);
            scale += Math.abs(c) * Math.max(Math.abs(lo), Math.abs(hi));
        }
        model.setObjective(obj.build(), rnd.nextBoolean() ? ObjectiveSense.MINIMIZE : ObjectiveSense.MAXIMIZE);
        double[][] rows = new double[m][n];
        for (int i = 0; i < m; i++) {
            double rowScale = Math.pow(10, (rnd.nextDouble() * 2 - 1) * e);
            if (i > 0 && rnd.nextInt(3) == 0) { // near-parallel to an earlier row
                int k = rnd.nextInt(i);
                for (int j = 0; j < n; j++) rows[i][j] = rows[k][j] * rowScale;
                int j = rnd.nextInt(n);
                rows[i][j] += Math.pow(10, -6 - 3 * rnd.nextDouble()) * (1 + Math.abs(rows[i][j]));
            } else {
                for (int j = 0; j < n; j++) {
                    if (rnd.nextDouble() < 0.5) rows[i][j] = (rnd.nextBoolean() ? 1 : -1) * rowScale * Math.pow(10, (rnd.nextDouble() * 2 - 1) * e);
                }
            }
            double act = 0;
            double mag = 0;
            for (int j = 0; j < n; j++) { act += rows[i][j] * x0[j]; mag += Math.abs(rows[i][j] * x0[j]); }
            double slack = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * (1 + mag); // degenerate: x0 on the row
            int[] idx = new int[n];
            for (int j = 0; j < n; j++) idx[j] = j;
            // x0 stays feasible whatever the rounding: the bound is pushed out by a relative 1e-9 of the row's size.
            double pad = 1e-9 * (1 + mag);
            if (rnd.nextBoolean()) model.addConstraint("r" + i, idx, rows[i].clone(), Double.NEGATIVE_INFINITY, act + slack + pad);
            else model.addConstraint("r" + i, idx, rows[i].clone(), act - slack - pad, Double.POSITIVE_INFINITY);
        }
        boolean feasible = rnd.nextInt(5) != 0;
        if (!feasible) {
            int[] idx = new int[n];
            double[] a = new double[n];
            double[] b = new double[n];
            double delta = Math.pow(10, -6 - 3 * rnd.nextDouble());
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                a[j] = (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, (rnd.nextDouble() * 2 - 1) * e);
                b[j] = a[j] * (1 + delta);
            }
            model.addConstraint("p", idx, a, 1, Double.POSITIVE_INFINITY);
            model.addConstraint("q", idx, b, Double.NEGATIVE_INFINITY, 1 - 1e-3);
        }
        return new Instance(model, feasible, scale);
    }

    @Test
    void hostileMipsAgreeWithScipOrAreFlagged() {
        List<String> wrong = new ArrayList<>();
        int optimal = 0;
        int infeasible = 0;
        int scipWrong = 0;
        for (int k = 0; k < COUNT; k++) {
            long seed = 91_000 + k;
            Instance in = generate(seed);
            MipResult r = new MipSolver().solve(in.model(), MipParameters.defaults().withThreads(1).withTimeLimitSeconds(20).withRelativeGap(1e-9).withAbsoluteGap(1e-9));
            double[] scip = OrToolsReference.solveWithScip(in.model(), 20);
            String tag = "seed " + seed + (in.feasible() ? "" : " (infeasible)") + ": " + r.status() + " " + r.objective() + " SCIP " + scip[0];
            switch (r.status()) {
                case OPTIMAL -> {
                    optimal++;
                    if (!in.feasible()) wrong.add(tag);
                    else if (!SolutionChecker.withDefaults().check(in.model(), r.incumbent().orElseThrow()).feasible()) wrong.add(tag + " (incumbent infeasible)");
                    else if (!Double.isNaN(scip[0])) {
                        double tol = 2e-4 * Math.max(1, Math.abs(scip[0])) + 1e-7 * in.scale();
                        double better = in.model().sense() == ObjectiveSense.MAXIMIZE ? scip[0] - r.objective() : r.objective() - scip[0];
                        if (better > tol) {
                            wrong.add(tag + " (SCIP's optimum is better)");
                        } else if (-better > tol) {
                            // Ours is better: right only if our point is feasible in exact arithmetic. SCIP does
                            // claim OPTIMAL for worse points on some of these (seed 91024: 5584.2 vs our 13155.9,
                            // our point exactly feasible), so then it is SCIP that is wrong.
                            if (!exactlyFeasible(in.model(), r.incumbent().get())) wrong.add(tag + " (better than SCIP but not exactly feasible)");
                            else scipWrong++;
                        }
                    }
                }
                case INFEASIBLE -> {
                    infeasible++;
                    if (in.feasible()) wrong.add(tag);
                }
                case NUMERICAL_TROUBLE, TIME_LIMIT -> { }
                default -> wrong.add(tag + " (unexpected status)");
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " wrong answers");
        assertTrue(optimal > COUNT / 2 && infeasible > 3, optimal + " optimal, " + infeasible + " infeasible");
        assertTrue(scipWrong <= 3, scipWrong + " instances where SCIP's optimum is worse than our exactly feasible point");
    }

    /** Rows and bounds hold in exact (BigDecimal) arithmetic up to 1e-9 of each row's magnitude; integers are integral. */
    static boolean exactlyFeasible(Model model, double[] x) {
        for (Variable v : model.variables()) {
            double xj = x[v.index()];
            if (xj < v.lower() - 1e-9 || xj > v.upper() + 1e-9) return false;
            if (v.isIntegral() && Math.abs(xj - Math.rint(xj)) > 1e-9) return false;
        }
        for (org.nnmip.model.Constraint c : model.constraints()) {
            java.math.BigDecimal act = java.math.BigDecimal.ZERO;
            double mag = 0;
            for (int k = 0; k < c.size(); k++) {
                act = act.add(new java.math.BigDecimal(c.coefficient(k)).multiply(new java.math.BigDecimal(x[c.variableIndex(k)])));
                mag += Math.abs(c.coefficient(k) * x[c.variableIndex(k)]);
            }
            double a = act.doubleValue();
            double tol = 1e-9 * (1 + mag);
            if (a < c.lower() - tol || a > c.upper() + tol) return false;
        }
        return true;
    }
}
