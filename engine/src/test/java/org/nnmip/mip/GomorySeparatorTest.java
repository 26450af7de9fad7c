package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * Validity of Gomory mixed-integer cuts over several rounds (later rounds use tableau rows that contain earlier
 * cuts' activities): on tiny pure-integer instances no cut removes any enumerated integer-feasible point; on mixed
 * instances none removes an optimal point (integer part enumerated, continuous part by LP).
 */
class GomorySeparatorTest {
    private static final int ROUNDS = 4;

    @Test
    void pureIntegerCutsKeepEveryFeasiblePoint() {
        Random r = new Random(2026);
        int cuts = 0;
        for (int t = 0; t < 200; t++) {
            RandomMipTest.Generated g = t % 2 == 0 ? RandomMipTest.generalInteger(r, true) : RandomMipTest.knapsack(r);
            if (g.instance().numColumns() > 9) continue;
            List<double[]> pts = CutsAndPropagationTest.feasiblePoints(g.instance());
            cuts += runRounds(g.instance(), pts, "#" + t + " " + g.kind());
        }
        assertTrue(cuts > 100, "too few cuts exercised: " + cuts);
    }

    @Test
    void mixedIntegerCutsKeepTheOptimum() {
        Random r = new Random(77);
        int cuts = 0;
        for (int t = 0; t < 100; t++) {
            RandomMipTest.Generated g = t % 2 == 0 ? RandomMipTest.generalInteger(r, false) : RandomMipTest.relu(r);
            List<double[]> optima = optimalPoints(g.instance());
            if (optima.isEmpty()) continue;
            cuts += runRounds(g.instance(), optima, "#" + t + " " + g.kind());
        }
        assertTrue(cuts > 50, "too few cuts exercised: " + cuts);
    }

    /** Separates and adds GMI cuts for a few rounds; every cut must hold at every given point. Returns the count. */
    private static int runRounds(MipInstance inst, List<double[]> points, String label) {
        MipData d = new MipData(inst);
        LpProblem p = d.minProblem.copy();
        for (int j = 0; j < d.n; j++) p.setColumnBounds(j, d.lower[j], d.upper[j]);
        LpSolver lp = new LpSolver(p);
        GomorySeparator gmi = new GomorySeparator(d);
        int count = 0;
        double[] x = new double[d.n];
        for (int round = 0; round < ROUNDS; round++) {
            if (lp.solve() != LpStatus.OPTIMAL) break;
            lp.columnValues(x);
            List<CutSeparator.Cut> cuts = gmi.separate(lp, x, 50);
            if (cuts.isEmpty()) break;
            for (CutSeparator.Cut c : cuts) {
                assertTrue(c.violation(x) > 0, label + ": a GMI cut must cut off the LP point");
                for (double[] pt : points) {
                    assertTrue(c.violation(pt) <= 1e-7, label + " round " + round + ": cut "
                            + Arrays.toString(c.indices()) + Arrays.toString(c.values()) + " >= " + c.lower()
                            + " removes " + Arrays.toString(pt) + " (violation " + c.violation(pt) + ")");
                }
                lp.addRow(c.indices(), c.values(), c.lower(), c.upper());
                count++;
            }
        }
        return count;
    }

    /** Optimal points of a small mixed instance: every integer assignment, the continuous rest by LP. */
    static List<double[]> optimalPoints(MipInstance inst) {
        LpProblem p = inst.relaxation();
        int n = p.numColumns();
        List<Integer> ints = new ArrayList<>();
        for (int j = 0; j < n; j++) if (inst.isInteger(j)) ints.add(j);
        double sign = p.sense().sign();
        double[] best = {Double.POSITIVE_INFINITY};
        List<double[]> optima = new ArrayList<>();
        double[] vals = new double[n];
        assign(p, ints, 0, vals, sign, best, optima);
        return optima;
    }

    private static void assign(LpProblem p, List<Integer> ints, int k, double[] vals, double sign, double[] best,
                               List<double[]> optima) {
        if (k == ints.size()) {
            LpProblem q = p.copy();
            for (int j : ints) q.setColumnBounds(j, vals[j], vals[j]);
            LpSolver lp = new LpSolver(q);
            if (lp.solve() != LpStatus.OPTIMAL) return;
            double z = sign * lp.objectiveValue();
            double[] x = new double[p.numColumns()];
            lp.columnValues(x);
            if (z < best[0] - 1e-7) {
                best[0] = z;
                optima.clear();
            }
            if (z <= best[0] + 1e-7) optima.add(x);
            return;
        }
        int j = ints.get(k);
        for (double v = Math.ceil(p.columnLower(j)); v <= p.columnUpper(j); v++) {
            vals[j] = v;
            assign(p, ints, k + 1, vals, sign, best, optima);
        }
    }
}
