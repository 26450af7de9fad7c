package org.nnmip.lp.internal.kernel;

import java.util.Arrays;

/**
 * The SIMD kernels behind a JIT warm-up gate. Until C2 has compiled them, {@code jdk.incubator.vector} code runs
 * through its boxed Java fallback, which is 10-50x slower than the plain scalar loop (measured: CHUZR over 1000
 * rows 75 us instead of 5 us; a cold 965-row LP took 1.8 s instead of 0.37 s CPU). So calls go to the scalar twin
 * while a low-priority daemon thread drives the SIMD kernels through the JIT and times both twins; once the SIMD
 * kernels beat the scalar ones, calls switch over. If they never do (no SIMD hardware, C2 off), the scalar twin
 * stays. Every kernel but {@link #dot} is bit-identical in both twins, so the moment of the switch never changes
 * a simplex path.
 */
final class WarmedVectorKernels implements Kernels {
    private static final int LENGTH = 512;
    private static final int CALLS_PER_BATCH = 40;
    private static final int MAX_BATCHES = 400;
    /** The SIMD batch must take at most this fraction of the best scalar batch to be switched on. */
    private static final double REQUIRED_SPEEDUP = 0.8;

    private final Kernels vector;
    private volatile Kernels active = ScalarKernels.INSTANCE;
    private volatile boolean warmUpDone;
    /** Keeps the warm-up results alive so the JIT cannot drop the calls. */
    @SuppressWarnings("unused")
    private volatile double sink;

    WarmedVectorKernels(Kernels vector) {
        this.vector = vector;
        Thread t = new Thread(this::warmUp, "nnmip-simd-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** True once calls go to the SIMD twin. */
    boolean vectorActive() {
        return active == vector;
    }

    /** Waits for the warm-up to finish (tests); returns {@link #vectorActive()}. */
    boolean awaitWarmUp(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!warmUpDone && System.currentTimeMillis() < end) Thread.sleep(10);
        return vectorActive();
    }

    private void warmUp() {
        try {
            double[] x = new double[LENGTH];
            double[] lower = new double[LENGTH];
            double[] upper = new double[LENGTH];
            double[] weights = new double[LENGTH];
            double[] alpha = new double[LENGTH];
            double[] tau = new double[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                x[i] = ((i * 37) % 101 - 50) * 0.04;
                lower[i] = -1.0;
                upper[i] = 1.0;
                alpha[i] = i % 3 == 0 ? 0.0 : ((i * 13) % 17 - 8) * 0.1;
                tau[i] = ((i * 7) % 11 - 5) * 0.1;
            }
            alpha[0] = 1.0;
            long bestScalar = Long.MAX_VALUE;
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                bestScalar = Math.min(bestScalar, timeBatch(ScalarKernels.INSTANCE, x, lower, upper, weights, alpha, tau));
                long v = timeBatch(vector, x, lower, upper, weights, alpha, tau);
                if (batch >= 10 && v <= REQUIRED_SPEEDUP * bestScalar) {
                    active = vector;
                    return;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // The scalar twin stays in charge.
        } finally {
            warmUpDone = true;
        }
    }

    private long timeBatch(Kernels k, double[] x, double[] lower, double[] upper, double[] weights, double[] alpha,
                           double[] tau) {
        long t0 = System.nanoTime();
        double s = 0;
        for (int c = 0; c < CALLS_PER_BATCH; c++) {
            Arrays.fill(weights, 1.0);
            s += k.chooseRowSteepestEdge(x, lower, upper, weights, LENGTH, 1e-7);
            k.updateSteepestEdgeWeights(weights, alpha, tau, 0, LENGTH);
            k.axpy(1e-300, alpha, weights, LENGTH);
            s += k.dot(alpha, tau, LENGTH) + k.maxAbs(weights, LENGTH);
        }
        sink = s;
        return System.nanoTime() - t0;
    }

    @Override
    public double dot(double[] a, double[] b, int n) {
        return active.dot(a, b, n);
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        active.axpy(alpha, x, y, n);
    }

    @Override
    public double maxAbs(double[] a, int n) {
        return active.maxAbs(a, n);
    }

    @Override
    public int chooseRowSteepestEdge(double[] x, double[] lower, double[] upper, double[] weights, int n,
                                     double tol) {
        return active.chooseRowSteepestEdge(x, lower, upper, weights, n, tol);
    }

    @Override
    public void updateSteepestEdgeWeights(double[] weights, double[] alpha, double[] tau, int r, int n) {
        active.updateSteepestEdgeWeights(weights, alpha, tau, r, n);
    }
}
