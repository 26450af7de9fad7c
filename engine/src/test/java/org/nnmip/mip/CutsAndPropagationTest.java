package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * Validity of the root cuts and of the bound propagation: on small pure-integer instances every cut must hold at
 * every integer-feasible point (enumerated), and propagation must never remove a feasible point.
 */
class CutsAndPropagationTest {
    /** All integer-feasible points of a pure-integer instance with small boxes. */
    static List<double[]> feasiblePoints(MipInstance inst) {
        LpProblem p = inst.relaxation();
        List<double[]> pts = new ArrayList<>();
        enumerate(p, new double[p.numColumns()], 0, pts);
        return pts;
    }

    private static void enumerate(LpProblem p, double[] x, int j, List<double[]> out) {
        if (j == x.length) {
            double[] ax = p.rowActivities(x);
            for (int i = 0; i < ax.length; i++) {
                if (ax[i] < p.rowLower(i) - 1e-9 || ax[i] > p.rowUpper(i) + 1e-9) return;
            }
            out.add(x.clone());
            return;
        }
        for (double v = p.columnLower(j); v <= p.columnUpper(j); v++) {
            x[j] = v;
            enumerate(p, x, j + 1, out);
        }
    }

    @Test
    void separatedCutsHoldAtEveryIntegerPoint() {
        Random r = new Random(42);
        int cutsChecked = 0;
        for (int t = 0; t < 150; t++) {
            RandomMipTest.Generated g = t % 2 == 0 ? RandomMipTest.generalInteger(r, true) : RandomMipTest.knapsack(r);
            if (g.instance().numColumns() > 9) continue;
            MipInstance inst = g.instance();
            LpProblem p = inst.relaxation();
            LpSolver lp = new LpSolver(p);
            if (lp.solve() != LpStatus.OPTIMAL) continue;
            double[] x = new double[p.numColumns()];
            lp.columnValues(x);
            double[] lo = p.columnLowerCopy();
            double[] up = p.columnUpperCopy();
            List<double[]> pts = feasiblePoints(inst);
            List<CutSeparator.Cut> cuts = new ArrayList<>();
            cuts.addAll(new MirSeparator().separate(inst, x, lo, up));
            cuts.addAll(new KnapsackCoverSeparator().separate(inst, x, lo, up));
            for (CutSeparator.Cut c : cuts) {
                assertTrue(c.violation(x) > 0, "a separated cut must cut off the LP point");
                for (double[] pt : pts) {
                    assertTrue(c.violation(pt) <= 1e-7, "cut " + java.util.Arrays.toString(c.values()) + " <= "
                            + c.upper() + " removes integer point " + java.util.Arrays.toString(pt) + " (#" + t + ")");
                }
                cutsChecked++;
            }
        }
        assertTrue(cutsChecked > 20, "too few cuts exercised: " + cutsChecked);
    }

    @Test
    void propagationKeepsEveryFeasiblePoint() {
        Random r = new Random(4242);
        int tightened = 0, infeasibleDetected = 0;
        for (int t = 0; t < 200; t++) {
            RandomMipTest.Generated g = RandomMipTest.generalInteger(r, true);
            MipInstance inst = g.instance();
            MipData d = new MipData(inst);
            double[] lo = d.lower.clone();
            double[] up = d.upper.clone();
            // Fix a random column to a random value to make propagation work.
            int j = r.nextInt(d.n);
            double v = lo[j] + r.nextInt((int) (up[j] - lo[j]) + 1);
            lo[j] = v;
            up[j] = v;
            DomainPropagator prop = new DomainPropagator(d);
            boolean ok = prop.propagate(lo, up, new int[] {j}, 1, 1_000_000);
            List<double[]> pts = feasiblePoints(inst);
            int inside = 0;
            for (double[] pt : pts) {
                if (pt[j] != v) continue;
                inside++;
                assertTrue(ok, "propagation declared a feasible node infeasible (#" + t + ")");
                for (int k = 0; k < d.n; k++) {
                    assertTrue(pt[k] >= lo[k] - 1e-9 && pt[k] <= up[k] + 1e-9,
                            "propagation removed a feasible point (#" + t + ", column " + k + ")");
                }
            }
            if (!ok) {
                assertEquals(0, inside);
                infeasibleDetected++;
            }
            tightened += (int) prop.tightenings();
        }
        assertTrue(tightened > 50, "propagation should tighten something: " + tightened);
        assertTrue(infeasibleDetected > 0, "some fixings should be detected infeasible");
    }

    @Test
    void propagationDetectsAnInfeasibleRow() {
        LpProblem p = new LpProblem();
        p.addColumn("x", 0, 0, 1);
        p.addColumn("y", 0, 0, 1);
        p.addRow("r", new int[] {0, 1}, new double[] {1, 1}, 3, Double.POSITIVE_INFINITY);
        MipData d = new MipData(MipInstance.of(p, new boolean[] {true, true}));
        assertFalse(new DomainPropagator(d).propagate(d.lower.clone(), d.upper.clone(), null, 0, 1000));
    }

    @Test
    void propagationRoundsIntegerBounds() {
        // 2x + 3y <= 7 with y >= 1: x <= 2 (integer rounding of 2).
        LpProblem p = new LpProblem();
        p.addColumn("x", 0, 0, 10);
        p.addColumn("y", 0, 1, 10);
        p.addRow("r", new int[] {0, 1}, new double[] {2, 3}, Double.NEGATIVE_INFINITY, 7);
        MipData d = new MipData(MipInstance.of(p, new boolean[] {true, true}));
        double[] lo = d.lower.clone();
        double[] up = d.upper.clone();
        assertTrue(new DomainPropagator(d).propagate(lo, up, null, 0, 1000));
        assertEquals(2, up[0]);
        assertEquals(2, up[1]); // 3y <= 7 - 0
    }
}
