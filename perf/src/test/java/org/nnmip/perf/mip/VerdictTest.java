package org.nnmip.perf.mip;

import org.junit.jupiter.api.Test;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictTest {
    /** max 5x + 4y s.t. 3x + 2y <= 12, x binary, y integer in [0,10]: optimum 24 at (0, 6). */
    private static Model knapsack() {
        Model m = new Model("knap");
        Variable x = m.binary("x");
        Variable y = m.integer("y", 0, 10);
        m.le("cap", LinearExpr.builder().add(3, x).add(2, y).build(), 12);
        m.setObjective(LinearExpr.builder().add(5, x).add(4, y).build(), ObjectiveSense.MAXIMIZE);
        return m;
    }

    private static MipBackend.Run run(String status, double z, double bound, double... x) {
        return new MipBackend.Run(status, z, bound, 1, 0.1, x);
    }

    private static Verdict judge(MipBackend.Run r) {
        return Verdict.judge(r, knapsack(), 24, true, 1e-4);
    }

    @Test
    void correctOptimumIsOkAndSolved() {
        Verdict v = judge(run("optimal", 24, 24, 0, 6));
        assertEquals(Verdict.OK, v);
        assertTrue(v.isSolved());
        assertFalse(v.isWrong());
    }

    @Test
    void wrongClaimedOptimumIsFlagged() {
        // (1, 4) is feasible with value 21: a real point, but not the optimum.
        Verdict v = judge(run("optimal", 21, 21, 1, 4));
        assertEquals(Verdict.WRONG_OPTIMUM, v);
        assertTrue(v.isWrong());
        assertFalse(v.isSolved());
    }

    @Test
    void claimedInfeasibleForAFeasibleInstanceIsWrong() {
        assertEquals(Verdict.WRONG_OPTIMUM, judge(run("infeasible", Double.NaN, Double.NaN)));
    }

    @Test
    void boundCuttingOffTheOptimumIsWrongEvenAtTheLimit() {
        // Maximising: a proven upper bound of 22 < 24 means the optimum was pruned.
        assertEquals(Verdict.WRONG_BOUND, judge(run("time_limit", 21, 22, 1, 4)));
        assertEquals(Verdict.NOT_SOLVED, judge(run("time_limit", 21, 30, 1, 4)));
    }

    @Test
    void infeasiblePointOrMisreportedObjectiveIsABadPoint() {
        assertEquals(Verdict.BAD_POINT, judge(run("optimal", 24, 24, 0, 7)));      // 2*7 > 12
        assertEquals(Verdict.BAD_POINT, judge(run("optimal", 24, 24, 0, 5.5)));    // fractional y
        assertEquals(Verdict.BAD_POINT, judge(run("optimal", 24, 24, 1, 4)));      // point is worth 21
    }

    @Test
    void smallShortfallWithinTheGapToleranceIsNotWrong() {
        Model m = knapsack();
        // Stopped at the gap: incumbent 24, bound 24.002 still above a (hypothetical) optimum of 24.001.
        MipBackend.Run r = run("optimal", 24, 24.002, 0, 6);
        assertEquals(Verdict.WITHIN_GAP, Verdict.judge(r, m, 24.001, true, 1e-4));
        assertEquals(Verdict.WRONG_OPTIMUM, Verdict.judge(run("optimal", 24, Double.NaN, 0, 6), m, 24.1, true, 1e-4));
        // Value within the gap but the bound passes the optimum: still wrong.
        assertEquals(Verdict.WRONG_BOUND, Verdict.judge(run("optimal", 24, 24, 0, 6), m, 24.001, true, 1e-4));
        assertEquals(Verdict.UNVERIFIED, Verdict.judge(r, m, Double.NaN, false, 1e-4));
        assertEquals(Verdict.WRONG_OPTIMUM, Verdict.judge(run("optimal", Double.NaN, Double.NaN), m, Double.NaN,
                true, 1e-4)); // known infeasible
    }

    @Test
    void errorsAreWrongAndTheWorstVerdictWins() {
        Verdict e = judge(MipBackend.Run.error(new IllegalStateException("boom"), 0.5));
        assertEquals(Verdict.ERROR, e);
        assertTrue(e.isWrong());
        assertEquals(Verdict.WRONG_OPTIMUM, Verdict.worse(Verdict.OK, Verdict.WRONG_OPTIMUM));
        assertEquals(Verdict.NOT_SOLVED, Verdict.worse(Verdict.NOT_SOLVED, Verdict.WITHIN_GAP));
    }

    @Test
    void wrongAnswerCellIsLoud() {
        MipReport.Summary s = new MipReport.Summary(run("optimal", 21, 21, 1, 4), 0.1, Verdict.WRONG_OPTIMUM, 1);
        assertTrue(MipReport.cell(s).contains("**WRONG_OPTIMUM optimal 21**"), MipReport.cell(s));
    }

    @Test
    void shiftedGeometricMean() {
        assertEquals(1.0, MipReport.shiftedGeometricMean(List.of(0.0, 3.0), 1.0), 1e-12); // sqrt(1*4) - 1
        assertEquals(4.0, MipReport.geometricMean(List.of(2.0, 8.0)), 1e-12);
    }

    @Test
    void soluFileParsing() {
        KnownOptima k = KnownOptima.parse(List.of("=opt= p0033  3089", "=inf= bad", "=best= open 7", ""), "t.solu");
        assertTrue(k.knows("p0033"));
        assertEquals(3089, k.optimum("p0033"));
        assertTrue(k.knows("bad"));
        assertTrue(Double.isNaN(k.optimum("bad")));
        assertFalse(k.knows("open"));
    }
}
