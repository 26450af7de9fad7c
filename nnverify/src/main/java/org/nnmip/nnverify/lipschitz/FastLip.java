package org.nnmip.nnverify.lipschitz;

/**
 * Fast-Lip (Weng et al. 2018, "Towards fast computation of certified robustness for ReLU networks", Sec. 3.4):
 * interval propagation of the gradient through the activation-pattern bounds ({@link GradientBounds}), then the
 * dual norm of the componentwise largest magnitudes. An upper bound.
 */
public final class FastLip {
    private FastLip() { }

    public static LipschitzResult compute(LipschitzProblem problem) {
        long start = System.nanoTime();
        // The bounds are built with the problem; recompute so the timing reflects the method.
        GradientBounds gb = GradientBounds.compute(problem.chain(), problem.activationBounds(), problem.output());
        double v = gb.inputGradientNormBound(problem.norm());
        return LipschitzResult.estimate("fastlip", BoundKind.UPPER_BOUND, v, (System.nanoTime() - start) * 1e-9, null, null);
    }

    /**
     * Vector outputs: the largest Fast-Lip bound over the dual-ball vertices u (each bounds {@code L^alpha(u'f)}, and
     * {@code L^(alpha,beta)} is their maximum, {@link OutputNorm}).
     */
    public static LipschitzResult compute(VectorLipschitzProblem problem) {
        long start = System.nanoTime();
        // Recomputed (the problem holds the same bounds) so the timing reflects the method.
        double v = 0;
        for (int k = 0; k < problem.vertexCount(); k++) {
            double[] u = problem.vertex(k);
            v = Math.max(v, GradientBounds.compute(problem.chain(), problem.activationBounds(), u, u).inputGradientNormBound(problem.norm()));
        }
        return LipschitzResult.estimate("fastlip", BoundKind.UPPER_BOUND, v, (System.nanoTime() - start) * 1e-9, null, null);
    }

    static double bound(VectorLipschitzProblem problem) {
        double best = 0;
        for (int k = 0; k < problem.vertexCount(); k++) {
            best = Math.max(best, problem.vertexBounds(k).inputGradientNormBound(problem.norm()));
        }
        return best;
    }
}
