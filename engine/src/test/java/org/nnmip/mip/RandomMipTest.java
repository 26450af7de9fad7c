package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;

/**
 * Seeded random small MIPs (knapsacks, set covers, general integers, big-M ReLU rows, some infeasible) solved by
 * our branch-and-bound and by OR-Tools' SCIP; pure-integer tiny ones also by brute-force enumeration.
 */
class RandomMipTest {
    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    record Generated(MipInstance instance, String kind) {
    }

    /** SCIP's answer: optimal objective, or NaN when infeasible. */
    static double scip(MipInstance inst) {
        LpProblem p = inst.relaxation();
        MPSolver solver = MPSolver.createSolver("SCIP");
        List<MPVariable> vars = new ArrayList<>();
        for (int j = 0; j < p.numColumns(); j++) {
            double lo = p.columnLower(j), up = p.columnUpper(j);
            vars.add(inst.isInteger(j) ? solver.makeIntVar(lo, up, "x" + j) : solver.makeNumVar(lo, up, "x" + j));
        }
        for (int i = 0; i < p.numRows(); i++) {
            MPConstraint c = solver.makeConstraint(p.rowLower(i), p.rowUpper(i));
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            for (int k = 0; k < idx.length; k++) c.setCoefficient(vars.get(idx[k]), val[k]);
        }
        MPObjective o = solver.objective();
        for (int j = 0; j < p.numColumns(); j++) o.setCoefficient(vars.get(j), p.objective(j));
        o.setOffset(p.objectiveOffset());
        if (p.sense() == Sense.MAXIMIZE) o.setMaximization(); else o.setMinimization();
        MPSolver.ResultStatus st = solver.solve();
        double v = st == MPSolver.ResultStatus.OPTIMAL ? o.value() : Double.NaN;
        if (st != MPSolver.ResultStatus.OPTIMAL && st != MPSolver.ResultStatus.INFEASIBLE) {
            throw new IllegalStateException("SCIP status " + st);
        }
        solver.delete();
        return v;
    }

    static Generated knapsack(Random r) {
        int n = 5 + r.nextInt(11);
        int m = 1 + r.nextInt(3);
        LpProblem p = new LpProblem();
        p.setSense(Sense.MAXIMIZE);
        for (int j = 0; j < n; j++) p.addColumn("x" + j, 1 + r.nextInt(30), 0, 1);
        for (int i = 0; i < m; i++) {
            int[] idx = new int[n];
            double[] val = new double[n];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                val[j] = 1 + r.nextInt(20);
                sum += val[j];
            }
            p.addRow("c" + i, idx, val, Double.NEGATIVE_INFINITY, Math.floor(sum * (0.3 + 0.4 * r.nextDouble())));
        }
        return new Generated(MipInstance.of(p, all(n, true)), "knapsack");
    }

    static Generated setCover(Random r) {
        int n = 6 + r.nextInt(10);
        int m = 4 + r.nextInt(10);
        LpProblem p = new LpProblem();
        for (int j = 0; j < n; j++) p.addColumn("x" + j, 1 + r.nextInt(10), 0, 1);
        for (int i = 0; i < m; i++) {
            List<Integer> cols = new ArrayList<>();
            for (int j = 0; j < n; j++) if (r.nextDouble() < 0.3) cols.add(j);
            if (cols.isEmpty()) cols.add(r.nextInt(n));
            int[] idx = cols.stream().mapToInt(Integer::intValue).toArray();
            double[] val = new double[idx.length];
            java.util.Arrays.fill(val, 1);
            p.addRow("c" + i, idx, val, 1, Double.POSITIVE_INFINITY);
        }
        return new Generated(MipInstance.of(p, all(n, true)), "setcover");
    }

    /** General integers in small boxes, some continuous columns, mixed row senses (some instances infeasible). */
    static Generated generalInteger(Random r, boolean pureInteger) {
        int n = 3 + r.nextInt(4);
        int m = 2 + r.nextInt(3);
        LpProblem p = new LpProblem();
        boolean[] integer = new boolean[n];
        for (int j = 0; j < n; j++) {
            integer[j] = pureInteger || r.nextDouble() < 0.7;
            double lo = -r.nextInt(4);
            p.addColumn("x" + j, r.nextInt(21) - 10, lo, lo + 1 + r.nextInt(6));
        }
        for (int i = 0; i < m; i++) {
            int[] idx = new int[n];
            double[] val = new double[n];
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                val[j] = r.nextInt(11) - 5;
            }
            double rhs = r.nextInt(15) - 4;
            switch (r.nextInt(4)) {
                case 0 -> p.addRow("c" + i, idx, val, rhs, rhs);
                case 1 -> p.addRow("c" + i, idx, val, rhs, Double.POSITIVE_INFINITY);
                default -> p.addRow("c" + i, idx, val, Double.NEGATIVE_INFINITY, rhs);
            }
        }
        if (r.nextBoolean()) p.setSense(Sense.MAXIMIZE);
        return new Generated(MipInstance.of(p, integer), pureInteger ? "pure-integer" : "general");
    }

    /**
     * A tiny ReLU network encoded with big-M rows: y = max(0, w'x + b) via y >= 0, y >= a, y <= a + M(1 - z),
     * y <= M z, z binary; optimise a random combination of the outputs over the input box.
     */
    static Generated relu(Random r) {
        int in = 2 + r.nextInt(2);
        int hidden = 2 + r.nextInt(4);
        LpProblem p = new LpProblem();
        int nCols = in + 2 * hidden;
        boolean[] integer = new boolean[nCols];
        for (int k = 0; k < in; k++) p.addColumn("x" + k, 0, -1, 1);
        double bigM = 0;
        for (int h = 0; h < hidden; h++) {
            double[] w = new double[in];
            double b = r.nextGaussian();
            double bound = Math.abs(b);
            for (int k = 0; k < in; k++) {
                w[k] = r.nextGaussian();
                bound += Math.abs(w[k]);
            }
            double mBig = Math.ceil(bound) + 1;
            bigM = Math.max(bigM, mBig);
            int y = p.addColumn("y" + h, r.nextGaussian(), 0, mBig);
            int z = p.addColumn("z" + h, 0, 0, 1);
            integer[z] = true;
            int[] idx = new int[in + 1];
            double[] val = new double[in + 1];
            for (int k = 0; k < in; k++) {
                idx[k] = k;
                val[k] = -w[k];
            }
            idx[in] = y;
            val[in] = 1;
            p.addRow("lo" + h, idx, val, b, Double.POSITIVE_INFINITY); // y - w'x >= b
            int[] idx2 = java.util.Arrays.copyOf(idx, in + 2);
            double[] val2 = java.util.Arrays.copyOf(val, in + 2);
            idx2[in + 1] = z;
            val2[in + 1] = mBig;
            p.addRow("up" + h, idx2, val2, Double.NEGATIVE_INFINITY, b + mBig); // y - w'x + M z <= b + M
            p.addRow("on" + h, new int[] {y, z}, new double[] {1, -mBig}, Double.NEGATIVE_INFINITY, 0);
        }
        if (r.nextBoolean()) p.setSense(Sense.MAXIMIZE);
        return new Generated(MipInstance.of(p, integer), "relu");
    }

    static boolean[] all(int n, boolean v) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, v);
        return b;
    }

    /** Enumerates every integer point of a pure-integer instance; NaN when infeasible. */
    static double bruteForce(MipInstance inst) {
        LpProblem p = inst.relaxation();
        int n = p.numColumns();
        double[] x = new double[n];
        double sign = p.sense().sign();
        double[] best = {Double.POSITIVE_INFINITY};
        enumerate(p, x, 0, sign, best);
        return best[0] == Double.POSITIVE_INFINITY ? Double.NaN : sign * best[0];
    }

    private static void enumerate(LpProblem p, double[] x, int j, double sign, double[] best) {
        if (j == x.length) {
            double[] ax = p.rowActivities(x);
            for (int i = 0; i < ax.length; i++) {
                if (ax[i] < p.rowLower(i) - 1e-9 || ax[i] > p.rowUpper(i) + 1e-9) return;
            }
            best[0] = Math.min(best[0], sign * p.objectiveValue(x));
            return;
        }
        for (double v = p.columnLower(j); v <= p.columnUpper(j); v++) {
            x[j] = v;
            enumerate(p, x, j + 1, sign, best);
        }
    }

    static void check(Generated g, MipResult r, double expected, String label) {
        if (Double.isNaN(expected)) {
            assertEquals(MipStatus.INFEASIBLE, r.status(), label);
            assertTrue(r.incumbent().isEmpty(), label);
            return;
        }
        assertEquals(MipStatus.OPTIMAL, r.status(), label);
        assertEquals(expected, r.objective(), 1e-6 * Math.max(1, Math.abs(expected)), label);
        MipData d = new MipData(g.instance());
        assertNull(d.violation(r.incumbent().orElseThrow(), 1e-6, 1e-6), label);
        double sign = d.sign;
        assertTrue(sign * r.bestBound() <= sign * r.objective() + 1e-6 * Math.max(1, Math.abs(expected)), label);
    }

    @Test
    void agreesWithScipOnRandomInstances() {
        Random r = new Random(20261125L);
        int checked = 0, infeasible = 0;
        MipParameters params = MipParameters.defaults().withThreads(1).withRelativeGap(1e-9);
        for (int t = 0; t < 240; t++) {
            Generated g = switch (t % 4) {
                case 0 -> knapsack(r);
                case 1 -> setCover(r);
                case 2 -> generalInteger(r, false);
                default -> relu(r);
            };
            double expected = scip(g.instance());
            MipResult res = new MipSolver().solve(g.instance(), params);
            check(g, res, expected, g.kind() + " #" + t);
            checked++;
            if (Double.isNaN(expected)) infeasible++;
        }
        assertEquals(240, checked);
        assertTrue(infeasible > 0, "the generator should produce some infeasible instances");
    }

    @Test
    void agreesWithBruteForceOnTinyPureIntegerInstances() {
        Random r = new Random(7);
        MipParameters params = MipParameters.defaults().withThreads(1).withRelativeGap(0);
        for (int t = 0; t < 80; t++) {
            Generated g = generalInteger(r, true);
            double expected = bruteForce(g.instance());
            check(g, new MipSolver().solve(g.instance(), params), expected, "tiny #" + t);
        }
    }

    @Test
    void twoThreadsAgreeWithOne() {
        Random r = new Random(99);
        for (int t = 0; t < 60; t++) {
            Generated g = switch (t % 3) {
                case 0 -> knapsack(r);
                case 1 -> relu(r);
                default -> generalInteger(r, false);
            };
            MipResult one = new MipSolver().solve(g.instance(), MipParameters.defaults().withThreads(1)
                    .withRelativeGap(1e-9));
            MipResult two = new MipSolver().solve(g.instance(), MipParameters.defaults().withThreads(2)
                    .withRelativeGap(1e-9));
            assertEquals(one.status(), two.status(), "#" + t);
            if (one.status() == MipStatus.OPTIMAL) {
                assertEquals(one.objective(), two.objective(), 1e-6 * Math.max(1, Math.abs(one.objective())),
                        "#" + t);
            }
        }
    }

    @Test
    void deterministicParallelModeAgreesWithScip() {
        Random r = new Random(555);
        MipParameters params = MipParameters.defaults().withThreads(2).withDeterministic(true).withRelativeGap(1e-9);
        for (int t = 0; t < 60; t++) {
            Generated g = switch (t % 4) {
                case 0 -> knapsack(r);
                case 1 -> setCover(r);
                case 2 -> generalInteger(r, false);
                default -> relu(r);
            };
            check(g, new MipSolver().solve(g.instance(), params), scip(g.instance()), "deterministic " + g.kind()
                    + " #" + t);
        }
    }
}
