package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A solve stopped before its root LP is solved proves nothing: the reported bound is the trivial one
 * (+∞ when maximising, −∞ when minimising), never the incumbent or an "infeasible" infinity that a caller in
 * verification mode would read as a proof.
 */
class RootLimitBoundTest {

    @Test
    void timeLimitBeforeTheRootLeavesTheTrivialBound() {
        for (boolean safe : new boolean[] {false, true}) {
            MipResult r = new MipSolver().solve(MipSolverTest.knapsack(),
                    MipSolverTest.ONE.withTimeLimitSeconds(0).withSafeBounds(safe).withPresolve(false));
            assertEquals(MipStatus.TIME_LIMIT, r.status(), "safe=" + safe);
            assertEquals(Double.POSITIVE_INFINITY, r.bestBound(), "safe=" + safe + ": a maximisation bound proves nothing");
        }
    }

    @Test
    void timeLimitWithPresolveLeavesTheTrivialBoundToo() {
        MipResult r = new MipSolver().solve(MipSolverTest.knapsack(), MipSolverTest.ONE.withTimeLimitSeconds(0));
        assertEquals(MipStatus.TIME_LIMIT, r.status());
        assertEquals(Double.POSITIVE_INFINITY, r.bestBound());
    }
}
