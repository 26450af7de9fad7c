package org.nnmip.nnverify.inverse;

/**
 * Outcome of an inverse problem on a network.
 *
 * @param status    {@code optimal}, {@code infeasible}, {@code feasible} (limit hit with a point), {@code unverified}
 *                  (the solver's point failed the forward-pass re-check) or another engine status name
 * @param objective the objective at {@link #input} recomputed from the forward pass; NaN without a point
 * @param bound     the solver's proven bound on the objective (NaN when none)
 * @param input     the input found; empty without a point
 * @param output    the network's output at {@link #input} by a forward pass; empty without a point
 * @param timeSeconds wall-clock time of the whole solve (model build, search and re-check)
 * @param nodes     branch-and-bound nodes processed (0 when no search ran)
 */
public record InverseResult(String status, double objective, double bound, double[] input, double[] output,
                            double timeSeconds, long nodes) {
    public InverseResult {
        input = input.clone();
        output = output.clone();
    }

    /** A result without solve statistics (time 0, no nodes). */
    public InverseResult(String status, double objective, double bound, double[] input, double[] output) {
        this(status, objective, bound, input, output, 0.0, 0L);
    }

    static InverseResult withoutPoint(String status, double bound, long startNanos, long nodes) {
        return new InverseResult(status, Double.NaN, bound, new double[0], new double[0], seconds(startNanos), nodes);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) * 1e-9;
    }

    @Override public double[] input() { return input.clone(); }
    @Override public double[] output() { return output.clone(); }

    /** True when a point was found and passed the forward-pass re-check. */
    public boolean hasPoint() { return input.length > 0; }
    public boolean isOptimal() { return status.equals("optimal"); }
    public boolean isInfeasible() { return status.equals("infeasible"); }
}
