package org.nnmip.nnverify.invertibility;

import java.util.Optional;
import org.nnmip.nnverify.net.Network;

/**
 * Problem 1 of Cui et al. ("Certified invertibility in neural networks via mixed-integer programming", Sec. 3.1):
 * the largest {@code r} such that f is injective on {@code B_q(x_c, r)}. For a fixed r, two copies of the network
 * with their own binaries, {@code f(x) = f(y)}, {@code x, y in B_q(x_c, r)}; f is injective on the ball iff
 * {@code max ||x - y||_inf = 0}. The maximum is taken exactly as {@code max_i max (x_i - y_i)} over n MILPs
 * (swapping x and y makes {@code max (y_i - x_i)} the same value), stopping at the first counterexample. The radius
 * is found by bisection; a counterexample pair cuts the upper end at once to {@code max(||x - x_c||, ||y - x_c||)}
 * (see {@link CollisionSearch}, which also handles the L2 ball).
 */
public final class LocalInvertibility {
    private LocalInvertibility() { }

    public static InvertibilityResult compute(Network net, double[] center, InvertibilityOptions options) {
        return search(net, center, options).search();
    }

    /**
     * The MILP solved at radius r for {@code max x_0 - y_0} (export, benchmarks). For the L2 ball: with the tangent
     * cuts (rows {@code tangent*}) that its lazy solve accumulates before its solution lies in the true ball, i.e. the
     * last MILP the search solves for this difference at r (this solves the MILP, possibly several times).
     */
    public static org.nnmip.model.Model fixedRadiusModel(Network net, double[] center, double r, InvertibilityOptions options) {
        return search(net, center, options).fixedRadiusModel(r, 0);
    }

    private static CollisionSearch search(Network net, double[] center, InvertibilityOptions options) {
        checkCenter(net, center);
        int[] equal = new int[net.outputSize()];
        for (int j = 0; j < equal.length; j++) equal[j] = j;
        CollisionSearch.Checker check = (x, y) -> {
            var c = new InvertibilityResult.Counterexample(x, y, net.apply(x), net.apply(y));
            boolean valid = c.outputDistance() <= options.outputTol() && c.inputDistance() > options.injectivityTol();
            return valid ? Optional.of(c) : Optional.empty();
        };
        return new CollisionSearch(net, equal, null, center, options, check);
    }

    static void checkCenter(Network net, double[] center) {
        if (net == null) throw new IllegalArgumentException("invertibility: network is null");
        if (center == null || center.length != net.inputSize()) {
            throw new IllegalArgumentException("invertibility: center must have " + net.inputSize() + " components, got "
                    + (center == null ? "null" : center.length));
        }
        for (int i = 0; i < center.length; i++) {
            if (!Double.isFinite(center[i])) throw new IllegalArgumentException("invertibility: center component " + i + " is not finite");
        }
    }
}
