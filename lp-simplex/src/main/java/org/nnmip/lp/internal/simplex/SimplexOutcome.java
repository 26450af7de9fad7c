package org.nnmip.lp.internal.simplex;

/** How one simplex run (a phase) ended. RESTART asks the driver to re-route (e.g. after lost feasibility). */
enum SimplexOutcome {
    OPTIMAL,
    INFEASIBLE,
    UNBOUNDED,
    OBJECTIVE_CUTOFF,
    ITERATION_LIMIT,
    TIME_LIMIT,
    NUMERICAL_TROUBLE,
    RESTART
}
