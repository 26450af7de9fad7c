package org.nnmip.perf.kernels;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nnmip.lp.internal.kernel.Kernels;
import org.nnmip.lp.internal.kernel.ScalarKernels;
import org.nnmip.lp.internal.kernel.VectorKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scalar vs SIMD dense simplex kernels at three vector lengths. Each (kernel, n, impl) runs in its own fork, so
 * the {@link Kernels} call site stays monomorphic as it is in the simplex.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KernelBenchmark {
    @Param({"64", "1024", "16384"})
    public int n;

    @Param({"scalar", "vector"})
    public String impl;

    private Kernels kernels;
    private double[] a;
    private double[] b;
    private double[] x;
    private double[] lower;
    private double[] upper;
    private double[] weights;
    private double[] alpha;
    private double[] tau;
    private int pivotRow;

    @Setup
    public void setUp() {
        kernels = impl.equals("vector") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        SplittableRandom rnd = new SplittableRandom(42);
        a = new double[n];
        b = new double[n];
        x = new double[n];
        lower = new double[n];
        upper = new double[n];
        weights = new double[n];
        alpha = new double[n];
        tau = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble(-1, 1);
            b[i] = rnd.nextDouble(-1, 1);
            // About one basic variable in ten is primal infeasible, a few bounds are infinite.
            lower[i] = rnd.nextInt(8) == 0 ? Double.NEGATIVE_INFINITY : 0.0;
            upper[i] = rnd.nextInt(8) == 0 ? Double.POSITIVE_INFINITY : 10.0;
            x[i] = rnd.nextInt(10) == 0 ? rnd.nextDouble(-5, 15) : rnd.nextDouble(0, 10);
            weights[i] = rnd.nextDouble(0.5, 4);
            // FTRAN'd columns are partly sparse: a third of the entries are zero.
            alpha[i] = rnd.nextInt(3) == 0 ? 0.0 : rnd.nextDouble(-1, 1);
            tau[i] = rnd.nextDouble(-1, 1);
        }
        pivotRow = n / 2;
        alpha[pivotRow] = 1.0; // keeps w_r fixed so repeated updates stay in range
    }

    @Benchmark
    public double dot() {
        return kernels.dot(a, b, n);
    }

    @Benchmark
    public double[] axpy() {
        kernels.axpy(1e-9, a, b, n);
        return b;
    }

    @Benchmark
    public double maxAbs() {
        return kernels.maxAbs(a, n);
    }

    @Benchmark
    public int chooseRowSteepestEdge() {
        return kernels.chooseRowSteepestEdge(x, lower, upper, weights, n, 1e-9);
    }

    @Benchmark
    public double[] updateSteepestEdgeWeights() {
        // Repeated updates drift the weights by O(1) per call (alpha_r = 1 keeps w_r fixed): no overflow.
        kernels.updateSteepestEdgeWeights(weights, alpha, tau, pivotRow, n);
        return weights;
    }
}
