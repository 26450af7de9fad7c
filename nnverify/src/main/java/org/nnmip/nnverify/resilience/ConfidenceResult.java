package org.nnmip.nnverify.resilience;

import java.util.Optional;

/**
 * The largest confidence of class {@code m} over the box: the margin {@code t = max_a min_{j != m} z_m(a) - z_j(a)},
 * so {@code alpha_max = e^t} is the largest {@code alpha} with {@code p_m(a) >= alpha p_j(a)} for some input.
 *
 * @param status   optimal, feasible (limit hit), infeasible (empty box), time_limit (nothing found) or unverified
 * @param margin   {@code t} re-evaluated at the input found (NaN without one)
 * @param bound    proven upper bound on {@code t}
 * @param input    the input attaining {@code margin}, if any
 * @param output   the network's output there
 */
public record ConfidenceResult(String status, double margin, double bound, Optional<double[]> input, Optional<double[]> output) {
    /** {@code e^margin}. */
    public double alphaMax() { return Math.exp(margin); }

    /** {@code e^bound}: no input reaches a larger confidence. */
    public double alphaBound() { return Math.exp(bound); }
}
