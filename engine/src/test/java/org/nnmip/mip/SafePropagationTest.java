package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpProblem;

/**
 * Safe-mode {@link DomainPropagator}: on hostile rows (coefficients 1e-9..1e9, cancelling terms) whose known
 * feasible point sits exactly where the propagated bounds land, the safe bounds keep the point (checked in exact
 * arithmetic) while the tolerance-based bounds cut it off; and safe mode with propagation agrees with SCIP on
 * MIPs built from such rows.
 */
class SafePropagationTest {

    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    /** A row through a known point, with the box chosen so that propagation tightens right onto the point. */
    record Hostile(MipInstance instance, double[] point, double[] lo, double[] up) {}

    /**
     * m rows over n columns: each row mixes tiny (1e-9) and huge (1e9) coefficients, two huge terms of opposite
     * sign cancel at the point, and both sides are the exact activity at the point rounded outward to double. The
     * box holds the point at the bound that minimises (or maximises) every row's activity but for its last column,
     * so the exact implied bound on that column is the point's own value.
     */
    static Hostile hostile(Random r, int n, boolean integers) {
        LpProblem p = new LpProblem();
        double[] x = new double[n];
        double[] lo = new double[n];
        double[] up = new double[n];
        boolean[] isInt = new boolean[n];
        for (int j = 0; j < n; j++) {
            isInt[j] = integers && j % 2 == 0;
            x[j] = isInt[j] ? r.nextInt(2001) - 1000 : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(7) - 3);
            lo[j] = isInt[j] ? x[j] - 1 - r.nextInt(50) : x[j] - r.nextDouble() * 100;
            up[j] = isInt[j] ? x[j] + 1 + r.nextInt(50) : x[j] + r.nextDouble() * 100;
            p.addColumn("x" + j, r.nextGaussian(), -1e6, 1e6);
        }
        // One row per "last" column; the other columns of that row sit at a box bound at the point.
        for (int last = 0; last < n; last++) {
            int len = Math.min(n, 3 + r.nextInt(6));
            int[] idx = new int[len];
            double[] val = new double[len];
            boolean[] used = new boolean[n];
            used[last] = true;
            idx[len - 1] = last;
            for (int k = 0; k < len - 1; k++) {
                int j;
                do j = r.nextInt(n); while (used[j]);
                used[j] = true;
                idx[k] = j;
            }
            for (int k = 0; k < len; k++) {
                double mag = Math.pow(10, r.nextInt(19) - 9) * (1 + r.nextDouble());
                val[k] = r.nextBoolean() ? mag : -mag;
            }
            // cancellation: two huge coefficients of opposite sign on columns with close values
            val[0] = 1e9 * (1 + r.nextDouble());
            if (len > 2) val[1] = -val[0] * (1 + 1e-7 * r.nextGaussian());
            BigDecimal act = BigDecimal.ZERO;
            for (int k = 0; k < len; k++) act = act.add(new BigDecimal(val[k]).multiply(new BigDecimal(x[idx[k]])));
            p.addRow("r" + last, idx, val, down(act), upward(act));
        }
        MipInstance inst = MipInstance.of(p, isInt);
        return new Hostile(inst, x, lo, up);
    }

    /** The largest double not above v. */
    static double down(BigDecimal v) {
        double d = v.doubleValue();
        return new BigDecimal(d).compareTo(v) > 0 ? Math.nextDown(d) : d;
    }

    /** The smallest double not below v. */
    static double upward(BigDecimal v) {
        double d = v.doubleValue();
        return new BigDecimal(d).compareTo(v) < 0 ? Math.nextUp(d) : d;
    }

    /** Places the point on the activity-extreme corner of each row's non-last columns (where we can). */
    static void pinToPoint(MipData d, double[] x, double[] lo, double[] up, Random r) {
        for (int i = 0; i < d.m; i++) {
            int[] idx = d.rowIndex[i];
            for (int k = 0; k < idx.length - 1; k++) {
                int j = idx[k];
                // minimise activity at the point for the <= side, or maximise it for the >= side
                boolean minSide = r.nextBoolean();
                if ((d.rowValue[i][k] > 0) == minSide) lo[j] = x[j]; else up[j] = x[j];
            }
        }
    }

    /** Null when x lies in [lo, up] and satisfies every row exactly (BigDecimal), else what it violates. */
    static String exactViolation(MipData d, double[] x, double[] lo, double[] up) {
        for (int j = 0; j < d.n; j++) {
            // doubles compare exactly; the BigDecimal form spells the exact claim
            if (lo[j] > Double.NEGATIVE_INFINITY && new BigDecimal(x[j]).compareTo(new BigDecimal(lo[j])) < 0) {
                return "x" + j + " = " + x[j] + " < lo " + lo[j];
            }
            if (up[j] < Double.POSITIVE_INFINITY && new BigDecimal(x[j]).compareTo(new BigDecimal(up[j])) > 0) {
                return "x" + j + " = " + x[j] + " > up " + up[j];
            }
        }
        for (int i = 0; i < d.m; i++) {
            BigDecimal act = BigDecimal.ZERO;
            for (int k = 0; k < d.rowIndex[i].length; k++) {
                act = act.add(new BigDecimal(d.rowValue[i][k]).multiply(new BigDecimal(x[d.rowIndex[i][k]])));
            }
            if ((d.rowLower[i] > Double.NEGATIVE_INFINITY && act.compareTo(new BigDecimal(d.rowLower[i])) < 0)
                    || (d.rowUpper[i] < Double.POSITIVE_INFINITY && act.compareTo(new BigDecimal(d.rowUpper[i])) > 0)) {
                return "row " + i + " violated";
            }
        }
        return null;
    }

    @Test
    void safePropagationKeepsAFeasiblePointOnHostileRows() {
        Random r = new Random(20261202L);
        int plainCut = 0, safeTightenings = 0;
        for (int t = 0; t < 300; t++) {
            Hostile h = hostile(r, 4 + r.nextInt(10), t % 2 == 0);
            MipData d = new MipData(h.instance());
            double[] lo = h.lo().clone(), up = h.up().clone();
            pinToPoint(d, h.point(), lo, up, r);
            assertEquals(null, exactViolation(d, h.point(), lo, up), "generator #" + t);

            double[] sl = lo.clone(), su = up.clone();
            DomainPropagator safe = new DomainPropagator(d, true);
            assertTrue(safe.propagate(sl, su, null, 0, Long.MAX_VALUE / 4), "safe declared a feasible box infeasible #" + t);
            assertEquals(null, exactViolation(d, h.point(), sl, su), "safe propagation cut the point off #" + t);
            safeTightenings += (int) safe.tightenings();

            double[] pl = lo.clone(), pu = up.clone();
            boolean ok = new DomainPropagator(d).propagate(pl, pu, null, 0, Long.MAX_VALUE / 4);
            if (!ok || exactViolation(d, h.point(), pl, pu) != null) plainCut++;
        }
        // The rows are hostile enough that tolerance-based propagation does cut the point off, and safe
        // propagation still tightens.
        assertTrue(plainCut > 0, "plain propagation never over-tightened: the test is not hostile");
        assertTrue(safeTightenings > 300, "safe propagation should still tighten: " + safeTightenings);
    }

    @Test
    void safePropagationKeepsEveryFeasiblePointAndStillWorks() {
        // Pure-integer random instances, one column fixed: every enumerated feasible point with that value stays
        // inside the safe bounds, and safe propagation tightens and detects infeasibility about as often as plain.
        Random r = new Random(4242);
        int safeTight = 0, plainTight = 0, safeInfeasible = 0, plainInfeasible = 0;
        for (int t = 0; t < 200; t++) {
            MipInstance inst = RandomMipTest.generalInteger(r, true).instance();
            MipData d = new MipData(inst);
            int j = r.nextInt(d.n);
            double v = d.lower[j] + r.nextInt((int) (d.upper[j] - d.lower[j]) + 1);
            double[] lo = d.lower.clone(), up = d.upper.clone();
            lo[j] = v;
            up[j] = v;
            double[] pl = lo.clone(), pu = up.clone();
            DomainPropagator safe = new DomainPropagator(d, true);
            DomainPropagator plain = new DomainPropagator(d);
            boolean ok = safe.propagate(lo, up, new int[] {j}, 1, 1_000_000);
            if (!plain.propagate(pl, pu, new int[] {j}, 1, 1_000_000)) plainInfeasible++;
            if (!ok) safeInfeasible++;
            safeTight += (int) safe.tightenings();
            plainTight += (int) plain.tightenings();
            for (double[] pt : CutsAndPropagationTest.feasiblePoints(inst)) {
                if (pt[j] != v) continue;
                assertTrue(ok, "safe propagation declared a feasible node infeasible #" + t);
                assertEquals(null, exactViolation(d, pt, lo, up), "#" + t);
            }
        }
        assertTrue(safeInfeasible > 0 && safeInfeasible >= plainInfeasible * 9 / 10, safeInfeasible + " / " + plainInfeasible);
        assertTrue(safeTight >= plainTight * 9 / 10, safeTight + " / " + plainTight);
    }

    @Test
    void safePropagationStillDetectsClearInfeasibility() {
        LpProblem p = new LpProblem();
        p.addColumn("x", 0, 0, 1);
        p.addColumn("y", 0, 0, 1e-9);
        p.addRow("r", new int[] {0, 1}, new double[] {1e9, -1e9}, 2e9, Double.POSITIVE_INFINITY);
        MipData d = new MipData(MipInstance.of(p, new boolean[] {true, false}));
        assertFalse(new DomainPropagator(d, true).propagate(d.lower.clone(), d.upper.clone(), null, 0, 1000));
    }

    @Test
    void safeBoundsIncludeTheExactImpliedBound() {
        // 0.1 x + 0.2 y <= 0.3, y >= 1: exactly x <= (0.3 - 0.2) / 0.1 in the binary values, about 1; the safe
        // upper bound must not be below the exact one (the integer rounding is then floor of it).
        LpProblem p = new LpProblem();
        p.addColumn("x", 0, 0, 10);
        p.addColumn("y", 0, 1, 10);
        p.addRow("r", new int[] {0, 1}, new double[] {0.1, 0.2}, Double.NEGATIVE_INFINITY, 0.3);
        MipData d = new MipData(MipInstance.of(p, new boolean[] {false, false}));
        double[] lo = d.lower.clone(), up = d.upper.clone();
        assertTrue(new DomainPropagator(d, true).propagate(lo, up, null, 0, 1000));
        BigDecimal exact = new BigDecimal(0.3).subtract(new BigDecimal(0.2)).divide(new BigDecimal(0.1),
                java.math.MathContext.DECIMAL128);
        assertTrue(new BigDecimal(up[0]).compareTo(exact) >= 0, up[0] + " < " + exact);
        assertTrue(up[0] < 1.0 + 1e-12, "still tight: " + up[0]);
    }

    @Test
    void safeModeWithPropagationAgreesWithScipOnHostileMips() {
        Random r = new Random(771L);
        MipParameters plain = MipParameters.defaults().withThreads(1).withRelativeGap(1e-9).withTimeLimitSeconds(20);
        int compared = 0;
        for (int t = 0; t < 12; t++) {
            Hostile h = hostile(r, 5 + r.nextInt(4), true);
            // The pinned box around the point (where propagation lands on it) is the MIP's own column bounds.
            double[] lo = h.lo().clone(), up = h.up().clone();
            pinToPoint(new MipData(h.instance()), h.point(), lo, up, r);
            LpProblem p = h.instance().relaxation().copy();
            for (int j = 0; j < p.numColumns(); j++) p.setColumnBounds(j, lo[j], up[j]);
            MipInstance inst = MipInstance.of(p, h.instance().integerCopy());
            double expected = RandomMipTest.scip(inst);
            MipResult safe = new MipSolver().solve(inst, plain.withSafeBounds(true));
            // The point is exactly feasible, so "infeasible" would be a wrong answer in any mode.
            assertFalse(safe.status() == MipStatus.INFEASIBLE, "safe said infeasible #" + t);
            if (safe.status() != MipStatus.OPTIMAL || Double.isNaN(expected)) continue;
            double tol = 1e-5 * Math.max(1, Math.abs(expected));
            assertEquals(expected, safe.objective(), tol, "safe vs SCIP #" + t);
            MipResult pl = new MipSolver().solve(inst, plain);
            if (pl.status() == MipStatus.OPTIMAL) assertEquals(pl.objective(), safe.objective(), tol, "safe vs plain #" + t);
            compared++;
        }
        assertTrue(compared >= 6, "too few instances compared: " + compared);
    }
}
