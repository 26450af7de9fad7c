package org.nnmip.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnmip.model.Model;
import org.nnmip.model.SolutionChecker;

/** {@link MipParameters#memoryLimitMb()}: the search stops with MEMORY_LIMIT and a valid bound instead of crashing. */
class MemoryLimitTest {
    private static final double STEIN27_OPTIMUM = 18;
    private static final MipParameters ONE = MipParameters.defaults().withThreads(1);

    @Test
    void aLimitBelowTheHeapInUseStopsTheSearchWithAValidBound() throws Exception {
        Model m = MipSolverTest.stein27();
        // Any JVM uses more than 1 MiB of heap after a collection, so the first check in the tree fires.
        MipResult r = new MipSolver().solve(m, ONE.withMemoryLimitMb(1));
        assertEquals(MipStatus.MEMORY_LIMIT, r.status());
        assertEquals("memory_limit", r.status().jsonName());
        assertTrue(r.bestBound() <= STEIN27_OPTIMUM + 1e-6, "bound " + r.bestBound() + " above the optimum");
        r.incumbent().ifPresent(x -> {
            assertTrue(SolutionChecker.withDefaults().check(m, x).feasible(), "incumbent infeasible");
            assertTrue(r.objective() >= STEIN27_OPTIMUM - 1e-6);
        });
    }

    @Test
    void aGenerousLimitChangesNothing() throws Exception {
        MipResult r = new MipSolver().solve(MipSolverTest.stein27(), ONE.withMemoryLimitMb(1L << 30));
        assertEquals(MipStatus.OPTIMAL, r.status());
        assertEquals(STEIN27_OPTIMUM, r.objective(), 1e-6);
        assertEquals(0, MipParameters.defaults().memoryLimitMb(), "no limit by default");
        assertThrows(IllegalArgumentException.class, () -> ONE.withMemoryLimitMb(-1));
        assertEquals(5, ONE.withMemoryLimitMb(5).withThreads(2).withNodeLimit(7).memoryLimitMb(), "kept by the other withX");
    }
}
