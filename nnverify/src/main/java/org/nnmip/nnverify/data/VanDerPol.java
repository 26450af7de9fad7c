package org.nnmip.nnverify.data;

import java.util.Random;
import org.nnmip.nnverify.train.Dataset;

/**
 * The Van der Pol oscillator {@code x' = y}, {@code y' = mu (1 - x^2) y - x} and its time-T flow map, integrated
 * with classical fourth-order Runge-Kutta in small steps (Cui et al., Sec. 4: mu = 1, T = 0.2, initial states uniform
 * in [-3, 3]^2). The flow map of an ODE is invertible (run time backwards), so a network trained on it should be
 * too, and a pruned copy should stay a function of it. Deterministic per seed.
 */
public final class VanDerPol {
    /** The paper's constants. */
    public static final double MU = 1.0;
    public static final double DURATION = 0.2;

    private VanDerPol() {
    }

    /** The vector field at state {@code s = (x, y)}. */
    public static double[] vectorField(double mu, double[] s) {
        return new double[] {s[1], mu * (1 - s[0] * s[0]) * s[1] - s[0]};
    }

    /** The state after {@code duration}, by {@code steps} classical RK4 steps of equal length. */
    public static double[] flow(double mu, double[] s, double duration, int steps) {
        if (steps < 1) throw new IllegalArgumentException("Van der Pol: steps must be positive, got " + steps);
        if (s.length != 2) throw new IllegalArgumentException("Van der Pol: state has 2 components, got " + s.length);
        double h = duration / steps;
        double[] z = s.clone();
        for (int k = 0; k < steps; k++) z = rk4Step(mu, z, h);
        return z;
    }

    /** One classical Runge-Kutta step of length h. */
    public static double[] rk4Step(double mu, double[] z, double h) {
        double[] k1 = vectorField(mu, z);
        double[] k2 = vectorField(mu, axpy(z, 0.5 * h, k1));
        double[] k3 = vectorField(mu, axpy(z, 0.5 * h, k2));
        double[] k4 = vectorField(mu, axpy(z, h, k3));
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) out[i] = z[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        return out;
    }

    /**
     * {@code n} initial states uniform in {@code [lo, hi]^2} with targets their state after {@code duration}
     * ({@code steps} RK4 steps).
     */
    public static Dataset flowMapData(int n, double mu, double duration, double lo, double hi, int steps, long seed) {
        if (n < 1) throw new IllegalArgumentException("Van der Pol data: sample count must be positive, got " + n);
        Brusselator.range(new double[] {lo, hi}, "initial states");
        Random rnd = new Random(seed);
        double[][] in = new double[n][];
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            in[i] = new double[] {lo + (hi - lo) * rnd.nextDouble(), lo + (hi - lo) * rnd.nextDouble()};
            out[i] = flow(mu, in[i], duration, steps);
        }
        return new Dataset(in, out);
    }

    private static double[] axpy(double[] z, double a, double[] k) {
        return new double[] {z[0] + a * k[0], z[1] + a * k[1]};
    }
}
