package org.nnmip.lp;

/** What is known about an LP after a solve. Never an error code: misuse throws instead. */
public enum LpStatus {
    /** Not solved yet, or the model changed since the last solve. */
    NOT_SOLVED,
    /** An optimal basis: primal and dual feasible within tolerances. */
    OPTIMAL,
    /** Proven primal infeasible; a Farkas ray is available. */
    INFEASIBLE,
    /** Primal feasible and unbounded in the optimisation direction; a primal ray is available. */
    UNBOUNDED,
    /** The dual simplex proved the objective exceeds the cutoff (minimisation sense): the node can be pruned. */
    OBJECTIVE_CUTOFF,
    ITERATION_LIMIT,
    TIME_LIMIT,
    /** The simplex could not reach a reliable answer (singular bases, cycling, tolerance failures). */
    NUMERICAL_TROUBLE;

    /** Lower-case name used in JSON and logs, e.g. {@code time_limit}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
