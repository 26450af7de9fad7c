package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.linearsolver.MPSolver;
import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/** Random LPs cross-checked against GLOP, with KKT / Farkas / ray checks of our own answers. */
class RandomLpTest {
    private static final int COUNT = 2000;

    @Test
    void agreesWithGlop() {
        int[] counts = new int[LpStatus.values().length];
        for (int k = 0; k < COUNT; k++) {
            long seed = 1000 + k;
            LpProblem p = RandomLps.generate(seed, 30, 40, true);
            check(p, LpParameters.defaults(), "seed " + seed);
            LpSolver s = new LpSolver(p);
            counts[s.solve().ordinal()]++;
        }
        // The generator must exercise all three outcomes.
        assertTrue(counts[LpStatus.OPTIMAL.ordinal()] > COUNT / 3);
        assertTrue(counts[LpStatus.INFEASIBLE.ordinal()] > 5);
        assertTrue(counts[LpStatus.UNBOUNDED.ordinal()] > 5);
    }

    static void check(LpProblem p, LpParameters params, String label) {
        LpSolver s = new LpSolver(p, params);
        LpStatus st = s.solve();
        LpResult r = s.result();
        Glop.Answer g = Glop.solve(p);
        switch (st) {
            case OPTIMAL -> {
                assertEquals(MPSolver.ResultStatus.OPTIMAL, g.status(), label);
                assertEquals(g.objective(), r.objective(), 1e-6 * Math.max(1, Math.abs(g.objective())), label);
                Kkt.assertOptimal(p, r, 1e-6);
            }
            case INFEASIBLE -> {
                assertEquals(MPSolver.ResultStatus.INFEASIBLE, g.status(), label);
                Kkt.assertFarkas(p, r.farkasRay().orElseThrow(), 1e-9);
            }
            case UNBOUNDED -> {
                // GLOP reports some unbounded LPs as INFEASIBLE (its dual-infeasible case); our point and ray
                // are certificates, so check them and only require GLOP not to find an optimum.
                assertTrue(g.status() == MPSolver.ResultStatus.UNBOUNDED
                        || g.status() == MPSolver.ResultStatus.INFEASIBLE, label + " glop " + g.status());
                Kkt.assertPrimalFeasible(p, r.columnValues(), 1e-6);
                Kkt.assertRay(p, r.primalRay().orElseThrow(), 1e-9);
            }
            default -> throw new AssertionError(label + ": status " + st);
        }
    }
}
