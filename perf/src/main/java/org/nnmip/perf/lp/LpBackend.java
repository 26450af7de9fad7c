package org.nnmip.perf.lp;

import org.nnmip.lp.LpProblem;

/** One LP solver under benchmark. */
public interface LpBackend extends AutoCloseable {
    String name();

    /** Solves from scratch; the time measured covers model hand-over and solve, as a user would see it. */
    Run solve(LpProblem problem, double timeLimitSeconds);

    @Override
    default void close() {
    }

    /** Outcome of one timed solve. */
    record Run(String status, double objective, long iterations, double seconds) {
    }
}
