package org.nnmip.nnverify.resilience;

import java.util.function.Function;
import org.nnmip.mip.HeuristicContext;
import org.nnmip.mip.PrimalHeuristic;

/**
 * Turns a node's LP point into a MIP point by evaluating the network at its (clamped) inputs and setting every
 * encoding variable from the forward pass; the problem's own rows (confidence, class choice) decide whether the
 * point is feasible, which the engine checks on submission.
 */
final class Completion implements PrimalHeuristic {
    private final Function<double[], double[]> complete;

    /** @param complete LP point to model point, or null when none can be built */
    Completion(Function<double[], double[]> complete) {
        this.complete = complete;
    }

    @Override
    public String name() {
        return "network-completion";
    }

    @Override
    public void run(HeuristicContext context) {
        double[] p = complete.apply(context.lpSolution());
        if (p == null) return;
        for (double v : p) if (!Double.isFinite(v)) return;
        context.submit(p);
    }
}
