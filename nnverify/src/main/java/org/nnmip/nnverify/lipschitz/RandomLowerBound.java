package org.nnmip.nnverify.lipschitz;

import java.util.Random;

/**
 * RandomLB: the largest dual norm of the gradient over points drawn uniformly from the domain (plus its center
 * for balls). Every such gradient is an element of the generalised Jacobian at a point of X, so the maximum is a
 * lower bound on the Lipschitz constant.
 */
public final class RandomLowerBound {
    private RandomLowerBound() { }

    public static LipschitzResult compute(LipschitzProblem problem, int samples, long seed) {
        if (samples < 1) throw new IllegalArgumentException("randomlb: samples must be >= 1, got " + samples);
        long start = System.nanoTime();
        Random rnd = new Random(seed);
        double[] c = problem.output().weights();
        double best = -1;
        double[] bestX = null;
        double[] bestG = null;
        for (int s = 0; s < samples; s++) {
            double[] x = problem.domain().sample(rnd);
            double[] g = problem.chain().gradient(c, x);
            double v = problem.norm().dualNorm(g);
            if (v > best) { best = v; bestX = x; bestG = g; }
        }
        return LipschitzResult.estimate("randomlb", BoundKind.LOWER_BOUND, best, (System.nanoTime() - start) * 1e-9, bestX, bestG);
    }

    /** Vector outputs: the largest {@code ||J(x)||_{alpha->beta}} over the sampled points. */
    public static LipschitzResult compute(VectorLipschitzProblem problem, int samples, long seed) {
        if (samples < 1) throw new IllegalArgumentException("randomlb: samples must be >= 1, got " + samples);
        long start = System.nanoTime();
        Random rnd = new Random(seed);
        double best = -1;
        double[] bestX = null;
        for (int s = 0; s < samples; s++) {
            double[] x = problem.domain().sample(rnd);
            double v = problem.normAt(x);
            if (v > best) { best = v; bestX = x; }
        }
        return LipschitzResult.estimate("randomlb", BoundKind.LOWER_BOUND, best, (System.nanoTime() - start) * 1e-9, bestX,
                LipMip.attainingCombination(problem, bestX));
    }
}
