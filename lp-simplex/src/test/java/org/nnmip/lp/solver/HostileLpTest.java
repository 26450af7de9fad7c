package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.linearsolver.MPSolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpCertificates;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * Numerically hostile LPs with a known answer by construction: coefficients spanning up to 1e-9 ... 1e9, badly scaled
 * rows and columns, near-parallel rows, highly degenerate optimal vertices (many active rows with zero duals), and
 * tiny or huge bounds. Our answer must be right (the constructed optimum, which GLOP also checks) or say
 * NUMERICAL_TROUBLE (or hit the iteration limit) — never a wrong OPTIMAL, INFEASIBLE or UNBOUNDED.
 */
class HostileLpTest {
    private static final int COUNT = 300;

    /** An LP with a primal point x*, duals y* and reduced costs d* that satisfy KKT by construction. */
    record Hostile(LpProblem lp, double optimum, double scale, boolean feasible) { }

    static Hostile generate(long seed) {
        Random rnd = new Random(seed);
        int n = 5 + rnd.nextInt(20);
        int m = 3 + rnd.nextInt(18);
        int e = new int[] {1, 3, 6, 9}[rnd.nextInt(4)]; // coefficient magnitudes 10^[-e, e]
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            double rowScale = Math.pow(10, (rnd.nextDouble() * 2 - 1) * e / 2.0);
            for (int j = 0; j < n; j++) {
                if (rnd.nextDouble() < 0.4) a[i][j] = (rnd.nextBoolean() ? 1 : -1) * rowScale * Math.pow(10, (rnd.nextDouble() * 2 - 1) * e / 2.0);
            }
            if (i > 0 && rnd.nextInt(4) == 0) { // near-parallel to an earlier row
                int k = rnd.nextInt(i);
                double f = Math.pow(10, (rnd.nextDouble() * 2 - 1) * e / 3.0);
                for (int j = 0; j < n; j++) a[i][j] = a[k][j] * f;
                int j = rnd.nextInt(n);
                a[i][j] = a[i][j] * (1 + Math.pow(10, -6 - 4 * rnd.nextDouble())) + (a[i][j] == 0 ? Math.pow(10, -e) : 0);
            }
        }
        double[] x = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] d = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = (rnd.nextDouble() * 2 - 1) * Math.pow(10, (rnd.nextDouble() * 2 - 1) * e / 3.0);
            double w = Math.pow(10, (rnd.nextDouble() * 2 - 1) * 6); // tiny to huge bound widths
            double dj = Math.pow(10, (rnd.nextDouble() * 2 - 1) * e / 2.0);
            switch (rnd.nextInt(4)) {
                case 0 -> { lo[j] = x[j]; hi[j] = rnd.nextBoolean() ? x[j] + w : Double.POSITIVE_INFINITY; d[j] = rnd.nextInt(3) == 0 ? 0 : dj; }
                case 1 -> { hi[j] = x[j]; lo[j] = rnd.nextBoolean() ? x[j] - w : Double.NEGATIVE_INFINITY; d[j] = rnd.nextInt(3) == 0 ? 0 : -dj; }
                case 2 -> { lo[j] = x[j]; hi[j] = x[j]; d[j] = (rnd.nextBoolean() ? 1 : -1) * dj; } // fixed
                default -> { lo[j] = rnd.nextBoolean() ? x[j] - w : Double.NEGATIVE_INFINITY; hi[j] = x[j] + w * rnd.nextDouble() + 1e-300; d[j] = 0; }
            }
        }
        double[] r = new double[m];
        double[] rl = new double[m];
        double[] ru = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) r[i] += a[i][j] * x[j];
            double w = Math.pow(10, (rnd.nextDouble() * 2 - 1) * 6) * (1 + Math.abs(r[i]));
            double yi = Math.pow(10, (rnd.nextDouble() * 2 - 1) * e / 2.0);
            boolean degenerate = rnd.nextInt(3) == 0; // active row with a zero dual
            switch (rnd.nextInt(4)) {
                case 0 -> { rl[i] = r[i]; ru[i] = rnd.nextBoolean() ? r[i] + w : Double.POSITIVE_INFINITY; y[i] = degenerate ? 0 : yi; }
                case 1 -> { ru[i] = r[i]; rl[i] = rnd.nextBoolean() ? r[i] - w : Double.NEGATIVE_INFINITY; y[i] = degenerate ? 0 : -yi; }
                case 2 -> { rl[i] = r[i]; ru[i] = r[i]; y[i] = (rnd.nextBoolean() ? 1 : -1) * yi; }
                default -> { rl[i] = r[i] - w; ru[i] = r[i] + w; y[i] = 0; }
            }
        }
        boolean feasible = rnd.nextInt(5) != 0;
        double[] c = d.clone();
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[j] += a[i][j] * y[i];
        LpProblem lp = new LpProblem();
        for (int j = 0; j < n; j++) lp.addColumn("x" + j, c[j], lo[j], hi[j]);
        double scale = 1;
        for (int i = 0; i < m; i++) {
            List<Integer> idx = new ArrayList<>();
            List<Double> val = new ArrayList<>();
            for (int j = 0; j < n; j++) if (a[i][j] != 0) { idx.add(j); val.add(a[i][j]); }
            lp.addRow("r" + i, idx.stream().mapToInt(Integer::intValue).toArray(), val.stream().mapToDouble(Double::doubleValue).toArray(), rl[i], ru[i]);
            scale += Math.abs(y[i] * r[i]);
        }
        if (!feasible) {
            // Infeasible by a clear margin: v.x >= 1 and (1 + delta) v.x <= 1 - gap with a near-parallel copy of v.
            int[] idx = new int[n];
            double[] v = new double[n];
            double[] w = new double[n];
            double delta = Math.pow(10, -6 - 4 * rnd.nextDouble());
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                v[j] = (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, (rnd.nextDouble() * 2 - 1) * e / 2.0);
                w[j] = v[j] * (1 + delta);
            }
            lp.addRow("p", idx, v, 1, Double.POSITIVE_INFINITY);
            lp.addRow("q", idx, w, Double.NEGATIVE_INFINITY, 1 - 1e-3);
        }
        double opt = 0;
        for (int j = 0; j < n; j++) {
            opt += c[j] * x[j];
            double width = Double.isFinite(hi[j] - lo[j]) ? hi[j] - lo[j] : 0;
            scale += Math.abs(c[j]) * (Math.abs(x[j]) + width) + Math.abs(d[j] * x[j]);
        }
        return new Hostile(lp, opt, scale, feasible);
    }

    /**
     * Seed 177314 (issue 5): the dual simplex stopped with a row dual of 9.7e-12 of the wrong sign, within the dual
     * feasibility tolerance, on a row of width 1.35e13: OPTIMAL 1724654.73 while the optimum is 1724590.73 (GLOP
     * agrees). The primal-dual gap check must catch it and the primal clean-up reach the true optimum. Unscaled
     * (where the old unscaled re-solve returned the wrong point unchecked) the clean-up cannot keep rows of size
     * 1e12 within an absolute tolerance: right or NUMERICAL_TROUBLE. Seed 176164: the clean-up fails on the
     * scaled LP and the unscaled re-solve must answer instead. Seed 604: the scaled optimum violates a row by 2e-5
     * relative unscaled (objective below the optimum): right or flagged.
     */
    @Test
    void primalDualGapIsCleanedUp() {
        for (long seed : new long[] {177_314, 176_164, 604}) {
            Hostile h = generate(seed);
            for (boolean scaling : new boolean[] {true, false}) {
                LpSolver s = new LpSolver(h.lp(), LpParameters.defaults().withScaling(scaling));
                String tag = "seed " + seed + " scaling " + scaling;
                LpStatus st = s.solve();
                if ((!scaling || seed == 604) && st == LpStatus.NUMERICAL_TROUBLE) continue;
                assertEquals(LpStatus.OPTIMAL, st, tag);
                LpResult r = s.result();
                assertEquals(h.optimum(), r.objective(), 1e-6 * h.scale(), tag);
                double bound = LpCertificates.lagrangianBound(h.lp(), r.rowDuals());
                // Seed 604 has a column whose reduced cost meets an infinite bound: no finite bound to compare.
                if (seed != 604) assertEquals(r.objective(), bound, 1e-6 * Math.abs(r.objective()), tag + ": duals prove the optimum");
                assertTrue(LpCertificates.checkPrimal(h.lp(), r.columnValues(), 1e-8).ok(), tag);
            }
        }
        Hostile h = generate(177_314);
        Glop.Answer g = Glop.solve(h.lp());
        assertEquals(MPSolver.ResultStatus.OPTIMAL, g.status());
        assertEquals(h.optimum(), g.objective(), 1e-6 * h.scale(), "GLOP agrees with the construction");
    }

    @Test
    void hostileLpsAreSolvedRightOrFlagged() {
        int[] counts = new int[LpStatus.values().length];
        List<String> wrong = new ArrayList<>();
        int glopWrong = 0;
        for (int k = 0; k < COUNT; k++) {
            long seed = 77_000 + k;
            Hostile h = generate(seed);
            LpSolver s = new LpSolver(h.lp(), LpParameters.defaults().withIterationLimit(50_000));
            LpStatus st = s.solve();
            counts[st.ordinal()]++;
            LpResult r = s.result();
            double tol = 1e-6 * h.scale();
            String tag = "seed " + seed + (h.feasible() ? "" : " (infeasible)") + ": " + st;
            switch (st) {
                case OPTIMAL -> {
                    if (!h.feasible()) wrong.add(tag + " on an infeasible LP");
                    else if (Math.abs(r.objective() - h.optimum()) > tol) wrong.add(tag + " objective " + r.objective() + " vs constructed " + h.optimum() + " (tol " + tol + ")");
                }
                case INFEASIBLE -> { if (h.feasible()) wrong.add(tag + " on a feasible LP"); }
                case UNBOUNDED -> {
                    // The construction is bounded in exact arithmetic, but rounding c = A'y + d can leave a direction
                    // of descent of order 1e-16 |A'y| (seed 178238; GLOP agrees): accept only a checked ray.
                    if (!h.feasible()) wrong.add(tag + " on an infeasible LP");
                    else {
                        try {
                            Kkt.assertRay(h.lp(), r.primalRay().orElseThrow(), 1e-9);
                        } catch (AssertionError e) {
                            wrong.add(tag + " with an invalid ray: " + e.getMessage());
                        }
                    }
                }
                case NUMERICAL_TROUBLE, ITERATION_LIMIT -> { }
                default -> wrong.add(tag + " unexpected");
            }
            // GLOP as a second opinion on the construction itself (not part of the pass criterion for us).
            Glop.Answer g = Glop.solve(h.lp());
            if (h.feasible() && g.status() == MPSolver.ResultStatus.OPTIMAL && Math.abs(g.objective() - h.optimum()) > tol) glopWrong++;
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(wrong.size(), 20)), wrong.size() + " wrong answers");
        assertTrue(counts[LpStatus.OPTIMAL.ordinal()] > COUNT / 3, "most hostile LPs should still be solved: " + java.util.Arrays.toString(counts));
        assertTrue(counts[LpStatus.INFEASIBLE.ordinal()] > 10, java.util.Arrays.toString(counts));
        assertTrue(glopWrong < COUNT / 20, "the construction disagrees with GLOP on " + glopWrong + " LPs");
    }
}
