package org.nnmip.nnverify.data;

import java.util.Random;
import org.nnmip.nnverify.train.Dataset;

/**
 * The Brusselator {@code x' = a + x^2 y - (b + 1) x}, {@code y' = b x - x^2 y} discretised by one forward-Euler step
 * of length {@code tau}: the discrete-time map whose noninvertibility Cui et al. study (their Sec. 4, a = 1, b = 2.1).
 * Forward Euler is noninvertible where {@code det(I + tau Df) = 0} (the J0 curve), which moves towards the
 * operating region as {@code tau} grows, so networks trained on it inherit a fold. Data sets put either {@code b}
 * or {@code tau} as a third input so one network covers a range of the parameter. Deterministic per seed.
 */
public final class Brusselator {
    /** The paper's constants. */
    public static final double A = 1.0;
    public static final double B = 2.1;

    private Brusselator() {
    }

    /** The vector field {@code (x', y')} at {@code (x, y)}. */
    public static double[] vectorField(double x, double y, double a, double b) {
        double x2y = x * x * y;
        return new double[] {a + x2y - (b + 1) * x, b * x - x2y};
    }

    /** One forward-Euler step: {@code (x, y) + tau * field(x, y)}. */
    public static double[] eulerStep(double x, double y, double a, double b, double tau) {
        double[] f = vectorField(x, y, a, b);
        return new double[] {x + tau * f[0], y + tau * f[1]};
    }

    /** {@code det(I + tau Df(x, y))}, the Jacobian determinant of the Euler map; its zero set is the J0 curve. */
    public static double eulerDeterminant(double x, double y, double a, double b, double tau) {
        double j11 = 1 + tau * (2 * x * y - (b + 1));
        double j12 = tau * x * x;
        double j21 = tau * (b - 2 * x * y);
        double j22 = 1 - tau * x * x;
        return j11 * j22 - j12 * j21;
    }

    /**
     * Samples {@code (x, y, b)} uniformly in {@code [xLo, xHi] x [yLo, yHi] x [bLo, bHi]} with targets the Euler
     * step of length {@code tau} (a = 1).
     */
    public static Dataset withB(int n, double tau, double[] xRange, double[] yRange, double bLo, double bHi, long seed) {
        check(n, xRange, yRange, bLo, bHi, "b");
        return sample(n, xRange, yRange, bLo, bHi, seed, (x, y, b) -> eulerStep(x, y, A, b, tau));
    }

    /**
     * Samples {@code (x, y, tau)} uniformly in {@code [xLo, xHi] x [yLo, yHi] x [tauLo, tauHi]} with targets the Euler
     * step of length tau (a = 1 and the given b).
     */
    public static Dataset withTau(int n, double b, double[] xRange, double[] yRange, double tauLo, double tauHi, long seed) {
        check(n, xRange, yRange, tauLo, tauHi, "tau");
        return sample(n, xRange, yRange, tauLo, tauHi, seed, (x, y, tau) -> eulerStep(x, y, A, b, tau));
    }

    /** The Euler step as a function of the state and the third input (b or tau). */
    private interface Step {
        double[] apply(double x, double y, double third);
    }

    /** Seeded uniform samples (x, y, third) with targets {@code step(x, y, third)}, drawn in that order. */
    private static Dataset sample(int n, double[] xRange, double[] yRange, double lo, double hi, long seed, Step step) {
        Random rnd = new Random(seed);
        double[][] in = new double[n][];
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double x = uniform(rnd, xRange[0], xRange[1]);
            double y = uniform(rnd, yRange[0], yRange[1]);
            double third = uniform(rnd, lo, hi);
            in[i] = new double[] {x, y, third};
            out[i] = step.apply(x, y, third);
        }
        return new Dataset(in, out);
    }

    private static double uniform(Random rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    private static void check(int n, double[] xRange, double[] yRange, double lo, double hi, String name) {
        if (n < 1) throw new IllegalArgumentException("Brusselator data: sample count must be positive, got " + n);
        range(xRange, "x");
        range(yRange, "y");
        range(new double[] {lo, hi}, name);
    }

    static void range(double[] r, String name) {
        if (r == null || r.length != 2 || !Double.isFinite(r[0]) || !Double.isFinite(r[1]) || !(r[0] <= r[1])) {
            throw new IllegalArgumentException("range of " + name + " must be two finite numbers lo <= hi");
        }
    }
}
