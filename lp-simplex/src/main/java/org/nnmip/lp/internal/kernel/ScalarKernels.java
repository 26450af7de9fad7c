package org.nnmip.lp.internal.kernel;

/** Plain-loop kernels: the reference twin of the SIMD ones. */
public final class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();
    static final double MIN_WEIGHT = 1e-4;

    private ScalarKernels() {
    }

    @Override
    public double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[i] * b[i];
        return s;
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        if (alpha == 0.0) return;
        for (int i = 0; i < n; i++) y[i] += alpha * x[i];
    }

    @Override
    public double maxAbs(double[] a, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) m = Math.max(m, Math.abs(a[i]));
        return m;
    }

    @Override
    public int chooseRowSteepestEdge(double[] x, double[] lower, double[] upper, double[] weights, int n,
                                     double tol) {
        int best = -1;
        double bestScore = 0;
        for (int i = 0; i < n; i++) {
            double infeas = Math.max(lower[i] - x[i], x[i] - upper[i]);
            if (infeas > tol) {
                double score = infeas * infeas / weights[i];
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
        }
        return best;
    }

    @Override
    public void updateSteepestEdgeWeights(double[] weights, double[] alpha, double[] tau, int r, int n) {
        double alphaR = alpha[r];
        double wr = weights[r];
        for (int i = 0; i < n; i++) {
            double ratio = alpha[i] / alphaR;
            if (ratio == 0.0) continue;
            weights[i] = Math.max(weights[i] - 2.0 * ratio * tau[i] + ratio * ratio * wr, MIN_WEIGHT);
        }
        weights[r] = Math.max(wr / (alphaR * alphaR), MIN_WEIGHT);
    }
}
