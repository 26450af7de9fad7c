package org.nnmip.lp.internal.kernel;

/**
 * The dense inner loops of the simplex. Two implementations with identical semantics: {@link ScalarKernels}
 * (plain loops, the reference) and {@code VectorKernels} (jdk.incubator.vector SIMD). Tests compare them.
 */
public interface Kernels {

    /** The SIMD kernels when {@code vector} is true and the incubator module is present, else the scalar ones. */
    static Kernels of(boolean vector) {
        return vector ? KernelSelector.vectorOrScalar() : ScalarKernels.INSTANCE;
    }

    /** sum_{i<n} a[i]*b[i]. */
    double dot(double[] a, double[] b, int n);

    /** y[i] += alpha * x[i] for i < n. */
    void axpy(double alpha, double[] x, double[] y, int n);

    /** max_{i<n} |a[i]|. */
    double maxAbs(double[] a, int n);

    /**
     * Dual simplex CHUZR with steepest-edge weights: the index i < n maximising {@code infeas_i^2 / weights[i]},
     * where {@code infeas_i = max(lower[i] - x[i], x[i] - upper[i])}, among those with {@code infeas_i > tol};
     * -1 if there is none. Ties go to the smallest index.
     */
    int chooseRowSteepestEdge(double[] x, double[] lower, double[] upper, double[] weights, int n, double tol);

    /**
     * Forrest-Goldfarb update of the dual steepest-edge weights after a pivot in row r:
     * for i != r, {@code w_i = max(w_i - 2 ratio_i tau_i + ratio_i^2 w_r, 1e-4)} with {@code ratio_i = alpha_i /
     * alpha_r}; {@code w_r = max(w_r / alpha_r^2, 1e-4)}. Here alpha is the FTRAN'd entering column, tau = B^-1
     * rho_r and w_r the weight of row r before the update.
     */
    void updateSteepestEdgeWeights(double[] weights, double[] alpha, double[] tau, int r, int n);
}
