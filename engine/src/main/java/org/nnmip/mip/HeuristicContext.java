package org.nnmip.mip;

import java.util.Optional;

/** What a {@link PrimalHeuristic} sees at a node. Values are in the instance's own objective sense. */
public interface HeuristicContext {
    MipInstance instance();

    /** The node's LP solution (a copy). */
    double[] lpSolution();

    /** The node's local column bounds (copies). */
    double[] localLower();

    double[] localUpper();

    int depth();

    /** The incumbent's objective, NaN when there is none. */
    double incumbentObjective();

    /**
     * Offers a point. It is checked against the instance (bounds, rows, integrality) and accepted as incumbent
     * when feasible and better. Returns whether it was feasible.
     */
    boolean submit(double[] point);

    /**
     * Solves the relaxation within the given column bounds (warm, with at most {@code iterationLimit} simplex
     * iterations) and returns its optimal point, or empty when it is infeasible, cut off or not solved.
     */
    Optional<double[]> solveLp(double[] lower, double[] upper, long iterationLimit);
}
