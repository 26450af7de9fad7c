package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.Basis;
import org.nnmip.lp.BasisStatus;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.Sense;

/** Hand-made LPs with known answers. */
class SmallLpTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    static LpResult solveOptimal(LpProblem p, double expected) {
        LpSolver s = new LpSolver(p);
        assertEquals(LpStatus.OPTIMAL, s.solve());
        assertEquals(expected, s.objectiveValue(), 1e-9 * Math.max(1, Math.abs(expected)));
        LpResult r = s.result();
        Kkt.assertOptimal(p, r, 1e-9);
        return r;
    }

    @Test
    void maximisationTextbook() {
        // max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18: optimum 36 at (2, 6).
        LpProblem p = new LpProblem();
        p.setSense(Sense.MAXIMIZE);
        p.addColumn("x", 3, 0, INF);
        p.addColumn("y", 5, 0, INF);
        p.addRow("a", new int[]{0}, new double[]{1}, -INF, 4);
        p.addRow("b", new int[]{1}, new double[]{2}, -INF, 12);
        p.addRow("c", new int[]{0, 1}, new double[]{3, 2}, -INF, 18);
        LpResult r = solveOptimal(p, 36);
        assertEquals(2, r.columnValues()[0], 1e-9);
        assertEquals(6, r.columnValues()[1], 1e-9);
        // For maximisation the duals of binding <= rows are positive (c = A'y + d): y = (0, 1.5, 1).
        assertEquals(0, r.rowDuals()[0], 1e-9);
        assertEquals(1.5, r.rowDuals()[1], 1e-9);
        assertEquals(1, r.rowDuals()[2], 1e-9);
    }

    @Test
    void minimisationWithOffsetAndDuals() {
        // min 2x + 3y + 7, x + y >= 2, x - y <= 0 (i.e. y >= x), free x, y: optimum at (1,1), 12.
        LpProblem p = new LpProblem();
        p.setObjectiveOffset(7);
        p.addColumn("x", 2, -INF, INF);
        p.addColumn("y", 3, -INF, INF);
        p.addRow("a", new int[]{0, 1}, new double[]{1, 1}, 2, INF);
        p.addRow("b", new int[]{0, 1}, new double[]{1, -1}, -INF, 0);
        LpResult r = solveOptimal(p, 12);
        assertEquals(2.5, r.rowDuals()[0], 1e-9);
        assertEquals(-0.5, r.rowDuals()[1], 1e-9);
    }

    @Test
    void fixedVariable() {
        // x fixed at 3, min -y, x + y <= 5, y <= 10: y = 2.
        LpProblem p = new LpProblem();
        p.addColumn("x", 0, 3, 3);
        p.addColumn("y", -1, 0, 10);
        p.addRow("a", new int[]{0, 1}, new double[]{1, 1}, -INF, 5);
        LpResult r = solveOptimal(p, -2);
        assertEquals(3, r.columnValues()[0], 1e-12);
    }

    @Test
    void rangedRow() {
        // min -x - y, 1 <= x + 2y <= 4, 0 <= x <= 3, y >= 0: x = 3, y = 0.5.
        LpProblem p = new LpProblem();
        p.addColumn("x", -1, 0, 3);
        p.addColumn("y", -1, 0, INF);
        p.addRow("a", new int[]{0, 1}, new double[]{1, 2}, 1, 4);
        LpResult r = solveOptimal(p, -3.5);
        assertEquals(BasisStatus.AT_UPPER, r.basis().row(0));
        // and the lower side of the range: min x + y gives x + 2y = 1 at y = 0.5
        LpProblem q = p.copy();
        q.setObjective(0, 1);
        q.setObjective(1, 1);
        LpResult rq = solveOptimal(q, 0.5);
        assertEquals(BasisStatus.AT_LOWER, rq.basis().row(0));
    }

    @Test
    void equalityRows() {
        LpProblem p = new LpProblem();
        for (int j = 0; j < 3; j++) p.addColumn("x" + j, 1, 0, INF);
        p.addRow("a", new int[]{0, 1}, new double[]{1, 1}, 1, 1);
        p.addRow("b", new int[]{1, 2}, new double[]{1, 1}, 1, 1);
        LpResult r = solveOptimal(p, 1);
        assertEquals(1, r.columnValues()[1], 1e-9);
    }

    @Test
    void noRows() {
        LpProblem p = new LpProblem();
        p.addColumn("x", 1, 1, 5);
        p.addColumn("y", -2, -3, 4);
        solveOptimal(p, 1 - 8);
        p.setColumnBounds(0, -INF, 5);
        LpSolver s = new LpSolver(p);
        assertEquals(LpStatus.UNBOUNDED, s.solve());
        Kkt.assertRay(p, s.result().primalRay().orElseThrow(), 1e-9);
    }

    @Test
    void infeasibleRowsGiveFarkasRay() {
        LpProblem p = new LpProblem();
        p.addColumn("x", 1, 0, INF);
        p.addColumn("y", 1, 0, INF);
        p.addRow("a", new int[]{0, 1}, new double[]{1, 1}, -INF, 1);
        p.addRow("b", new int[]{0, 1}, new double[]{1, 1}, 2, INF);
        LpSolver s = new LpSolver(p);
        assertEquals(LpStatus.INFEASIBLE, s.solve());
        Kkt.assertFarkas(p, s.result().farkasRay().orElseThrow(), 1e-9);
    }

    @Test
    void infeasibleThroughColumnBounds() {
        LpProblem p = new LpProblem();
        p.setSense(Sense.MAXIMIZE);
        p.addColumn("x", 1, 0, 1);
        p.addColumn("y", -1, -INF, 2);
        p.addRow("a", new int[]{0, 1}, new double[]{2, 1}, 5, 9);
        LpSolver s = new LpSolver(p);
        assertEquals(LpStatus.INFEASIBLE, s.solve());
        Kkt.assertFarkas(p, s.result().farkasRay().orElseThrow(), 1e-9);
    }

    @Test
    void unboundedGivesRay() {
        // min -x - y, x - 2y <= 1, -x + y <= 4, x, y >= 0: unbounded along (2,1).
        LpProblem p = new LpProblem();
        p.addColumn("x", -1, 0, INF);
        p.addColumn("y", -1, 0, INF);
        p.addRow("a", new int[]{0, 1}, new double[]{1, -2}, -INF, 1);
        p.addRow("b", new int[]{0, 1}, new double[]{-1, 1}, -INF, 4);
        LpSolver s = new LpSolver(p);
        assertEquals(LpStatus.UNBOUNDED, s.solve());
        Kkt.assertRay(p, s.result().primalRay().orElseThrow(), 1e-9);
    }

    @Test
    void unboundedMaximisationWithFreeVariable() {
        LpProblem p = new LpProblem();
        p.setSense(Sense.MAXIMIZE);
        p.addColumn("x", 1, -INF, INF);
        p.addColumn("y", 1, 0, 3);
        p.addRow("a", new int[]{0, 1}, new double[]{1, -1}, 0, INF);
        LpSolver s = new LpSolver(p);
        assertEquals(LpStatus.UNBOUNDED, s.solve());
        Kkt.assertRay(p, s.result().primalRay().orElseThrow(), 1e-9);
    }

    /** Klee-Minty cube: max sum 2^(d-j) x_j, 2 sum_{j<i} 2^(i-j) x_j + x_i <= 5^i; optimum 5^d. */
    static LpProblem kleeMinty(int dim) {
        LpProblem p = new LpProblem();
        p.setSense(Sense.MAXIMIZE);
        for (int j = 0; j < dim; j++) p.addColumn("x" + j, Math.pow(2, dim - 1 - j), 0, INF);
        for (int i = 0; i < dim; i++) {
            int[] idx = new int[i + 1];
            double[] val = new double[i + 1];
            for (int j = 0; j < i; j++) {
                idx[j] = j;
                val[j] = Math.pow(2, i - j + 1);
            }
            idx[i] = i;
            val[i] = 1;
            p.addRow("r" + i, idx, val, -INF, Math.pow(5, i + 1));
        }
        return p;
    }

    @Test
    void kleeMintyCubes() {
        solveOptimal(kleeMinty(3), 125);
        solveOptimal(kleeMinty(4), 625);
        solveOptimal(kleeMinty(6), Math.pow(5, 6));
    }

    @Test
    void degenerateAssignment() {
        int k = 7;
        Random rnd = new Random(11);
        double[][] c = new double[k][k];
        LpProblem p = new LpProblem();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                c[i][j] = rnd.nextInt(5); // many ties: heavily degenerate
                p.addColumn("x" + i + "_" + j, c[i][j], 0, INF);
            }
        }
        for (int i = 0; i < k; i++) {
            int[] rowIdx = new int[k];
            int[] colIdx = new int[k];
            double[] ones = new double[k];
            for (int j = 0; j < k; j++) {
                rowIdx[j] = i * k + j;
                colIdx[j] = j * k + i;
                ones[j] = 1;
            }
            p.addRow("row" + i, rowIdx, ones, 1, 1);
            p.addRow("col" + i, colIdx, ones, 1, 1);
        }
        double best = bestAssignment(c, new boolean[k], 0);
        solveOptimal(p, best);
    }

    private static double bestAssignment(double[][] c, boolean[] used, int row) {
        if (row == c.length) return 0;
        double best = INF;
        for (int j = 0; j < c.length; j++) {
            if (used[j]) continue;
            used[j] = true;
            best = Math.min(best, c[row][j] + bestAssignment(c, used, row + 1));
            used[j] = false;
        }
        return best;
    }

    @Test
    void secondSolveWithoutChangeReturnsAtOnce() {
        LpSolver s = new LpSolver(kleeMinty(5));
        assertEquals(LpStatus.OPTIMAL, s.solve());
        assertTrue(s.result().iterations() > 0);
        long total = s.iterations();
        assertEquals(LpStatus.OPTIMAL, s.solve());
        assertEquals(0, s.result().iterations());
        assertEquals(total, s.iterations());
    }

    /** min sum x subject to random covering rows: the dual simplex starts dual feasible at the slack basis. */
    static LpProblem covering(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        LpProblem p = new LpProblem();
        for (int j = 0; j < cols; j++) p.addColumn("x" + j, 1 + rnd.nextInt(5), 0, INF);
        for (int i = 0; i < rows; i++) {
            int[] idx = new int[cols];
            double[] val = new double[cols];
            for (int j = 0; j < cols; j++) {
                idx[j] = j;
                val[j] = rnd.nextDouble() < 0.3 ? 1 + rnd.nextInt(3) : 0;
            }
            val[i % cols] = 1;
            p.addRow("c" + i, idx, val, 1 + rnd.nextInt(4), INF);
        }
        return p;
    }

    @Test
    void objectiveCutoffStopsEarly() {
        LpProblem p = covering(20, 15, 3);
        LpSolver ref = new LpSolver(p);
        assertEquals(LpStatus.OPTIMAL, ref.solve());
        double opt = ref.objectiveValue();
        LpSolver s = new LpSolver(p, LpParameters.defaults().withObjectiveCutoff(opt + 1e-3));
        assertEquals(LpStatus.OPTIMAL, s.solve());
        LpSolver c = new LpSolver(p, LpParameters.defaults().withObjectiveCutoff(opt - 1e-3));
        assertEquals(LpStatus.OBJECTIVE_CUTOFF, c.solve());
        assertTrue(c.result().iterations() <= ref.result().iterations());
        // As maximisation of the negated objective the cutoff is a lower limit.
        LpProblem q = p.copy();
        q.setSense(Sense.MAXIMIZE);
        for (int j = 0; j < q.numColumns(); j++) q.setObjective(j, -p.objective(j));
        LpSolver m = new LpSolver(q, LpParameters.defaults().withObjectiveCutoff(-opt + 1e-3));
        assertEquals(LpStatus.OBJECTIVE_CUTOFF, m.solve());
        m.setParameters(LpParameters.defaults().withObjectiveCutoff(Double.NEGATIVE_INFINITY));
        assertEquals(LpStatus.OPTIMAL, m.solve());
        assertEquals(-opt, m.objectiveValue(), 1e-7);
    }

    @Test
    void iterationAndTimeLimits() {
        LpProblem p = kleeMinty(8);
        LpSolver s = new LpSolver(p, LpParameters.defaults().withIterationLimit(1).withPerturbation(false));
        assertEquals(LpStatus.ITERATION_LIMIT, s.solve());
        assertEquals(1, s.result().iterations());
        LpSolver t = new LpSolver(p, LpParameters.defaults().withTimeLimitSeconds(0));
        assertEquals(LpStatus.TIME_LIMIT, t.solve());
        t.setParameters(LpParameters.defaults());
        assertEquals(LpStatus.OPTIMAL, t.solve());
    }

    @Test
    void misuseThrows() {
        LpSolver s = new LpSolver(kleeMinty(3));
        assertThrows(IllegalArgumentException.class, () -> s.setColumnBounds(7, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> s.setRowBounds(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> s.truncateRows(9));
        assertThrows(IllegalArgumentException.class, () -> s.setBasis(Basis.slack(kleeMinty(4))));
        assertEquals(LpStatus.NOT_SOLVED, s.status());
    }
}
