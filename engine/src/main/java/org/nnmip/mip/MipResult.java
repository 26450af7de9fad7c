package org.nnmip.mip;

import java.util.Map;
import java.util.Optional;

/**
 * What the branch-and-bound found, in the problem's own objective sense.
 *
 * @param status       why it stopped
 * @param incumbent    the best feasible point found (checked against the instance), if any
 * @param objective    its objective value (NaN when there is none)
 * @param bestBound    proven bound on the optimum (a lower bound when minimising); +-inf when infeasible
 * @param gap          HiGHS definition {@code |objective - bestBound| / |objective|}; infinite without incumbent
 * @param nodes        branch-and-bound nodes processed
 * @param lpIterations simplex iterations over all LP solves (nodes, strong branching, heuristics)
 * @param timeSeconds  wall-clock time
 * @param statistics   counters for tuning and reports
 */
public record MipResult(
        MipStatus status,
        Optional<double[]> incumbent,
        double objective,
        double bestBound,
        double gap,
        long nodes,
        long lpIterations,
        double timeSeconds,
        Statistics statistics) {

    /**
     * @param maxDepth             deepest node processed
     * @param heuristicSuccesses   improving solutions per source (heuristic name, "branching", "mip-start")
     * @param strongBranchingLps   strong-branching LP solves
     * @param cutsAdded            root cuts added to the relaxation
     * @param propagationFixings   bound tightenings by propagation
     * @param unreliableNodes      nodes dropped after repeated LP failures (status NUMERICAL_TROUBLE if > 0)
     */
    public record Statistics(int maxDepth, Map<String, Long> heuristicSuccesses, long strongBranchingLps,
                             int cutsAdded, long propagationFixings, long unreliableNodes) {
    }

    /** True when a feasible point is available. */
    public boolean hasIncumbent() {
        return incumbent.isPresent();
    }

    /** HiGHS' relative gap of a primal and a dual value. */
    public static double gap(double primal, double dual) {
        if (Double.isNaN(primal) || Double.isInfinite(primal)) return Double.POSITIVE_INFINITY;
        double diff = Math.abs(primal - dual);
        if (diff == 0) return 0;
        if (Double.isInfinite(dual)) return Double.POSITIVE_INFINITY;
        return primal == 0 ? Double.POSITIVE_INFINITY : diff / Math.abs(primal);
    }
}
