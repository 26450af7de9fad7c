package org.nnmip.mip;

import java.util.Locale;

/** What is known when the branch-and-bound stops. */
public enum MipStatus {
    /** Incumbent proven optimal within the gap tolerances. */
    OPTIMAL,
    /** No integer-feasible point exists (or none better than the instance cutoff). */
    INFEASIBLE,
    /** The relaxation is unbounded (the MIP is unbounded if feasible). */
    UNBOUNDED,
    TIME_LIMIT,
    NODE_LIMIT,
    /** {@link MipSolver#interrupt()} was called. */
    INTERRUPTED,
    /** Stopped at the first feasible point ({@code stopAtFirstFeasible}) or at a point beating the threshold. */
    SOLUTION_LIMIT,
    /** The dual bound proves the optimum is worse than {@code objectiveThreshold} (verification mode). */
    THRESHOLD_REACHED,
    /** Some nodes' LPs could not be solved reliably: the bound is not proven. */
    NUMERICAL_TROUBLE,
    /** The heap in use passed {@link MipParameters#memoryLimitMb()}: stopped with the incumbent and bound so far. */
    MEMORY_LIMIT;

    /** Lower-case name used in JSON and logs, e.g. {@code time_limit}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
