package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.Basis;
import org.nnmip.lp.BasisStatus;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/** Modifications followed by a warm re-solve give the cold answer with far fewer iterations. */
class WarmStartTest {

    private static void assertSameAsCold(LpSolver warm, LpStatus warmStatus, String label) {
        LpSolver cold = new LpSolver(warm.problem());
        LpStatus coldStatus = cold.solve();
        assertEquals(coldStatus, warmStatus, label);
        if (warmStatus == LpStatus.OPTIMAL) {
            assertEquals(cold.objectiveValue(), warm.objectiveValue(), 1e-6 * Math.max(1, Math.abs(cold.objectiveValue())),
                    label);
            Kkt.assertOptimal(warm.problem(), warm.result(), 1e-6);
        }
        coldIterations += cold.result().iterations();
    }

    private static long coldIterations;

    @Test
    void branchingCutsAndObjectiveChanges() {
        coldIterations = 0;
        long warmIterations = 0;
        int modifications = 0;
        for (int k = 0; k < 40; k++) {
            LpProblem p = RandomLps.generate(7000 + k, 30, 40, false);
            Random rnd = new Random(k);
            LpSolver s = new LpSolver(p);
            LpStatus st = s.solve();
            for (int step = 0; step < 6; step++) {
                String label = "lp " + k + " step " + step;
                int n = s.numColumns();
                int kind = rnd.nextInt(4);
                if (kind == 0) {
                    // Branch on a column: x_j <= floor(v) or x_j >= ceil(v) within its bounds.
                    int j = rnd.nextInt(n);
                    double v = st == LpStatus.OPTIMAL ? s.columnValue(j) : 0.5 * (s.columnLower(j) + s.columnUpper(j));
                    double lo = s.columnLower(j);
                    double up = s.columnUpper(j);
                    if (rnd.nextBoolean()) up = Math.max(lo, Math.floor(v - 0.5));
                    else lo = Math.min(up, Math.ceil(v + 0.5));
                    s.setColumnBounds(j, lo, up);
                } else if (kind == 1) {
                    s.setObjective(rnd.nextInt(n), rnd.nextInt(19) - 9);
                } else if (kind == 2) {
                    // A cut-like row through (about) the current point.
                    int[] idx = new int[n];
                    double[] val = new double[n];
                    double act = 0;
                    for (int j = 0; j < n; j++) {
                        idx[j] = j;
                        val[j] = rnd.nextDouble() < 0.5 ? rnd.nextInt(7) - 3 : 0;
                        act += val[j] * (st == LpStatus.OPTIMAL ? s.columnValue(j) : 0);
                    }
                    s.addRow(idx, val, Double.NEGATIVE_INFINITY, Math.floor(act));
                } else {
                    int i = rnd.nextInt(s.numRows());
                    double lo = s.problem().rowLower(i);
                    double up = s.problem().rowUpper(i);
                    if (Double.isFinite(up)) up -= rnd.nextInt(3);
                    else if (Double.isFinite(lo)) lo += rnd.nextInt(3);
                    s.setRowBounds(i, Math.min(lo, up), up);
                }
                st = s.solve();
                warmIterations += s.result().iterations();
                modifications++;
                assertSameAsCold(s, st, label);
            }
        }
        assertTrue(modifications >= 200);
        assertTrue(warmIterations * 3 < coldIterations, "warm " + warmIterations + " cold " + coldIterations);
    }

    @Test
    void truncateRowsRestoresTheOriginalOptimum() {
        for (int k = 0; k < 30; k++) {
            LpProblem p = RandomLps.generate(8000 + k, 20, 25, false);
            LpSolver s = new LpSolver(p);
            LpStatus st0 = s.solve();
            double z0 = s.objectiveValue();
            int m = s.numRows();
            Random rnd = new Random(k);
            for (int c = 0; c < 3; c++) {
                int n = s.numColumns();
                int[] idx = new int[n];
                double[] val = new double[n];
                double act = 0;
                for (int j = 0; j < n; j++) {
                    idx[j] = j;
                    val[j] = rnd.nextInt(5) - 2;
                    act += val[j] * s.columnValue(j);
                }
                s.addRow(idx, val, Math.ceil(act + 0.5), Double.POSITIVE_INFINITY);
                assertSameAsCold(s, s.solve(), "cut " + c + " of lp " + k);
            }
            s.truncateRows(m);
            assertEquals(m, s.numRows());
            LpStatus st = s.solve();
            assertEquals(st0, st, "lp " + k);
            if (st == LpStatus.OPTIMAL) assertEquals(z0, s.objectiveValue(), 1e-6 * Math.max(1, Math.abs(z0)));
            assertSameAsCold(s, st, "truncated lp " + k);
        }
    }

    @Test
    void optimalBasisInstalledInAFreshSolverNeedsNoIterations() {
        for (int k = 0; k < 20; k++) {
            LpProblem p = RandomLps.generate(9000 + k, 25, 30, false);
            LpSolver s = new LpSolver(p);
            if (s.solve() != LpStatus.OPTIMAL) continue;
            Basis b = s.basis();
            LpSolver t = new LpSolver(p, LpParameters.defaults().withScaling(false));
            t.setBasis(b);
            assertEquals(b, t.basis());
            assertEquals(LpStatus.OPTIMAL, t.solve());
            assertEquals(0, t.result().iterations(), "lp " + k);
            assertEquals(s.objectiveValue(), t.objectiveValue(), 1e-6 * Math.max(1, Math.abs(s.objectiveValue())));
        }
    }

    @Test
    void parentBasisWithFewerRowsIsAccepted() {
        LpProblem p = RandomLps.generate(9100, 15, 20, false);
        LpSolver s = new LpSolver(p);
        s.solve();
        Basis parent = s.basis();
        int n = s.numColumns();
        int[] idx = new int[n];
        double[] val = new double[n];
        for (int j = 0; j < n; j++) {
            idx[j] = j;
            val[j] = 1;
        }
        s.addRow(idx, val, Double.NEGATIVE_INFINITY, 1e9);
        assertEquals(LpStatus.NOT_SOLVED, s.status());
        assertEquals(s.numRows(), s.result().rowActivities().length);
        assertEquals(s.numRows(), s.result().rowDuals().length);
        s.setBasis(Basis.slack(s.problem()));
        s.setBasis(parent);
        assertEquals(s.numRows(), s.basis().basicCount());
        assertSameAsCold(s, s.solve(), "parent basis");
    }

    /** Dual phase 1 must cope with any starting basis, including singular ones (repaired by the factor). */
    @Test
    void anyStartingBasisWorks() {
        for (int k = 0; k < 60; k++) {
            LpProblem p = RandomLps.generate(9500 + k, 20, 25, true);
            int n = p.numColumns();
            int m = p.numRows();
            Random rnd = new Random(k);
            BasisStatus[] cols = new BasisStatus[n];
            BasisStatus[] rows = new BasisStatus[m];
            BasisStatus[] nonbasic = {BasisStatus.AT_LOWER, BasisStatus.AT_UPPER, BasisStatus.AT_ZERO};
            for (int j = 0; j < n; j++) cols[j] = nonbasic[rnd.nextInt(3)];
            for (int i = 0; i < m; i++) rows[i] = nonbasic[rnd.nextInt(3)];
            // m basic variables chosen at random among all n + m.
            int chosen = 0;
            while (chosen < m) {
                int v = rnd.nextInt(n + m);
                if (v < n && cols[v] != BasisStatus.BASIC) {
                    cols[v] = BasisStatus.BASIC;
                    chosen++;
                } else if (v >= n && rows[v - n] != BasisStatus.BASIC) {
                    rows[v - n] = BasisStatus.BASIC;
                    chosen++;
                }
            }
            LpSolver s = new LpSolver(p);
            s.setBasis(Basis.of(cols, rows));
            LpStatus st = s.solve();
            LpSolver ref = new LpSolver(p);
            assertEquals(ref.solve(), st, "lp " + k);
            if (st == LpStatus.OPTIMAL) {
                assertEquals(ref.objectiveValue(), s.objectiveValue(), 1e-6 * Math.max(1, Math.abs(ref.objectiveValue())));
                Kkt.assertOptimal(p, s.result(), 1e-6);
            } else if (st == LpStatus.INFEASIBLE) {
                Kkt.assertFarkas(p, s.result().farkasRay().orElseThrow(), 1e-9);
            } else if (st == LpStatus.UNBOUNDED) {
                Kkt.assertRay(p, s.result().primalRay().orElseThrow(), 1e-9);
            }
        }
    }

    @Test
    void switchingScalingKeepsTheBasis() {
        for (int k = 0; k < 10; k++) {
            LpProblem p = RandomLps.generate(9700 + k, 25, 30, false);
            LpSolver s = new LpSolver(p);
            LpStatus st = s.solve();
            double z = s.objectiveValue();
            s.setParameters(s.parameters().withScaling(false).withPerturbation(false));
            assertEquals(st, s.solve());
            assertEquals(0, s.result().iterations(), "lp " + k);
            if (st == LpStatus.OPTIMAL) assertEquals(z, s.objectiveValue(), 1e-6 * Math.max(1, Math.abs(z)));
        }
    }

    /** Branching with a cutoff, as a branch-and-bound does: a cutoff answer must be confirmed by a cold solve. */
    @Test
    void cutoffDuringBranchingIsValid() {
        int cutoffs = 0;
        for (int k = 0; k < 30; k++) {
            LpProblem p = RandomLps.generate(9800 + k, 25, 30, false);
            LpSolver s = new LpSolver(p);
            if (s.solve() != LpStatus.OPTIMAL) continue;
            double z = s.objectiveValue();
            double slack = 0.5 + Math.abs(z) * 0.05;
            double cutoff = p.sense() == org.nnmip.lp.Sense.MINIMIZE ? z + slack : z - slack;
            s.setParameters(s.parameters().withObjectiveCutoff(cutoff));
            Random rnd = new Random(k);
            for (int step = 0; step < 8; step++) {
                int j = rnd.nextInt(s.numColumns());
                double v = s.status() == LpStatus.OPTIMAL ? s.columnValue(j) : s.columnLower(j);
                if (rnd.nextBoolean()) s.setColumnBounds(j, s.columnLower(j), Math.max(s.columnLower(j), Math.floor(v - 0.5)));
                else s.setColumnBounds(j, Math.min(s.columnUpper(j), Math.ceil(v + 0.5)), s.columnUpper(j));
                LpStatus st = s.solve();
                LpSolver cold = new LpSolver(s.problem());
                LpStatus cs = cold.solve();
                if (st == LpStatus.OBJECTIVE_CUTOFF) {
                    cutoffs++;
                    // Either infeasible or optimal beyond the cutoff.
                    if (cs == LpStatus.OPTIMAL) {
                        double sign = p.sense().sign();
                        assertTrue(sign * cold.objectiveValue() > sign * cutoff - 1e-7, "lp " + k + " step " + step);
                    } else {
                        assertEquals(LpStatus.INFEASIBLE, cs, "lp " + k + " step " + step);
                    }
                } else {
                    assertEquals(cs, st, "lp " + k + " step " + step);
                    if (st == LpStatus.OPTIMAL) {
                        assertEquals(cold.objectiveValue(), s.objectiveValue(), 1e-6 * Math.max(1, Math.abs(z)));
                    }
                }
                if (st != LpStatus.OPTIMAL) break;
            }
        }
        assertTrue(cutoffs > 3, "cutoffs " + cutoffs);
    }
}
