package org.nnmip.nnverify.lipschitz;

/**
 * NaiveUB: the product of the layers' operator norms, ignoring the input domain. For a row vector
 * {@code ||v' W||_1 <= ||v||_1 max_i sum_j |W_ij|} (l-infinity inputs: the max row sum) and
 * {@code ||v' W||_inf <= ||v||_inf max_j sum_i |W_ij|} (l1 inputs: the max column sum); a ReLU's derivative is a
 * 0/1 diagonal of norm <= 1. The last stage is folded into {@code c} exactly when it is affine. An upper bound.
 */
public final class NaiveBound {
    private NaiveBound() { }

    public static LipschitzResult compute(LipschitzProblem problem) {
        long start = System.nanoTime();
        double bound = bound(problem.chain(), problem.output().weights(), problem.norm());
        return LipschitzResult.estimate("naive", BoundKind.UPPER_BOUND, bound, (System.nanoTime() - start) * 1e-9, null, null);
    }

    /**
     * Vector outputs: the largest bound over the output norm's dual-ball vertices u, i.e.
     * {@code ||W_K||_{alpha->beta} prod_k ||W_k||_{alpha->alpha}} (the first factor is {@code max_u ||W_K'u||_alpha*}).
     */
    public static LipschitzResult compute(VectorLipschitzProblem problem) {
        long start = System.nanoTime();
        double bound = 0;
        for (int k = 0; k < problem.vertexCount(); k++) bound = Math.max(bound, bound(problem.chain(), problem.vertex(k), problem.norm()));
        return LipschitzResult.estimate("naive", BoundKind.UPPER_BOUND, bound, (System.nanoTime() - start) * 1e-9, null, null);
    }

    static double bound(ReluChain chain, double[] c, InputNorm norm) {
        int last = chain.stageCount() - 1;
        double bound;
        int firstFactor;
        if (!chain.isRelu(last)) {
            double[] v = new double[chain.width(last - 1)];
            for (int i = 0; i < c.length; i++) for (int j = 0; j < v.length; j++) v[j] += c[i] * chain.weight(last, i, j);
            bound = norm.dualNorm(v);
            firstFactor = last - 1;
        } else {
            bound = norm.dualNorm(c);
            firstFactor = last;
        }
        for (int k = firstFactor; k >= 0; k--) {
            double op = 0;
            if (norm == InputNorm.LINF) {
                for (int i = 0; i < chain.width(k); i++) {
                    double s = 0;
                    for (int j = 0; j < chain.width(k - 1); j++) s += Math.abs(chain.weight(k, i, j));
                    op = Math.max(op, s);
                }
            } else {
                for (int j = 0; j < chain.width(k - 1); j++) {
                    double s = 0;
                    for (int i = 0; i < chain.width(k); i++) s += Math.abs(chain.weight(k, i, j));
                    op = Math.max(op, s);
                }
            }
            bound *= op;
        }
        // Room for the rounding of the sums and products above (a few ulps per operation).
        int ops = 0;
        for (int k = 0; k <= last; k++) ops += chain.width(k) + chain.width(k - 1);
        return bound * (1 + 4.0 * ops * 0x1p-53);
    }
}
