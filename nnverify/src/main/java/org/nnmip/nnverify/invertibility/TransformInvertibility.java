package org.nnmip.nnverify.invertibility;

import java.util.Optional;
import org.nnmip.nnverify.net.Network;

/**
 * Problem 3 of Cui et al. (Sec. 3.3), transformation invertibility: the largest r such that f2 is a function of f1
 * on {@code B_q(x_c, r)}, i.e. {@code f1(x1) = f1(x2)} implies {@code f2(x1) = f2(x2)}. For a fixed r, four network
 * copies (f1 and f2 on x1 and on x2: the stacked network {@code x -> (f1(x), f2(x))}, paired), {@code f1(x1) = f1(x2)}
 * and {@code max ||f2(x1) - f2(x2)||_inf}; f2 is a function of f1 on the ball iff that optimum is 0 (here:
 * {@code <= injectivityTol}). Same radius search as Problem 1 ({@link CollisionSearch}). {@code r_12} takes
 * (f1, f2), {@code r_21} swaps them. Either network may have residual connections and the two may differ in depth
 * ({@link StackedNetwork}, {@link org.nnmip.nnverify.net.ParallelComposition}).
 */
public final class TransformInvertibility {
    private TransformInvertibility() { }

    /** Both directions, each computed from scratch. */
    public record Both(InvertibilityResult r12, InvertibilityResult r21) { }

    public static Both both(Network f1, Network f2, double[] center, InvertibilityOptions options) {
        return new Both(compute(f1, f2, center, options), compute(f2, f1, center, options));
    }

    /** The largest radius on which f2 is a function of f1. */
    public static InvertibilityResult compute(Network f1, Network f2, double[] center, InvertibilityOptions options) {
        return search(f1, f2, center, options).search();
    }

    /**
     * The MILP solved at radius r for {@code max f2(x1)_0 - f2(x2)_0} (export, benchmarks); for the L2 ball with the
     * tangent cuts its lazy solve accumulates, as {@link LocalInvertibility#fixedRadiusModel}.
     */
    public static org.nnmip.model.Model fixedRadiusModel(Network f1, Network f2, double[] center, double r, InvertibilityOptions options) {
        return search(f1, f2, center, options).fixedRadiusModel(r, 0);
    }

    private static CollisionSearch search(Network f1, Network f2, double[] center, InvertibilityOptions options) {
        LocalInvertibility.checkCenter(f1, center);
        if (f2 == null) throw new IllegalArgumentException("invertibility: second network is null");
        if (f2.inputSize() != f1.inputSize()) {
            throw new IllegalArgumentException("invertibility: the two networks take " + f1.inputSize() + " and " + f2.inputSize() + " inputs");
        }
        double[] lower = new double[center.length];
        for (int i = 0; i < lower.length; i++) lower[i] = center[i] - options.maxRadius();
        Network g = StackedNetwork.of(f1, f2, lower);
        int m1 = f1.outputSize();
        int[] equal = new int[m1];
        for (int j = 0; j < m1; j++) equal[j] = j;
        int[] differ = new int[f2.outputSize()];
        for (int j = 0; j < differ.length; j++) differ[j] = m1 + j;
        CollisionSearch.Checker check = (x, y) -> {
            var c = new InvertibilityResult.Counterexample(x, y, f1.apply(x), f1.apply(y), f2.apply(x), f2.apply(y));
            boolean valid = c.outputDistance() <= options.outputTol() && BallNorm.LINF.distance(c.gx(), c.gy()) > options.injectivityTol();
            return valid ? Optional.of(c) : Optional.empty();
        };
        return new CollisionSearch(g, equal, differ, center, options, check);
    }
}
