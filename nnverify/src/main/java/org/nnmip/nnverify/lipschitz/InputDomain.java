package org.nnmip.nnverify.lipschitz;

import java.util.Random;
import org.nnmip.nnverify.bounds.Box;

/**
 * The input set X over which the local Lipschitz constant is taken: a box (an l-infinity ball is a box) or an
 * l1 ball {@code ||x - center||_1 <= radius}. Bounds are always computed on {@link #boundingBox()}; the MIP adds the
 * l1 constraint exactly.
 */
public sealed interface InputDomain {

    int dimension();

    /** The smallest box containing the domain. */
    Box boundingBox();

    /** True when {@code x} lies in the domain, up to {@code tolerance}. */
    boolean contains(double[] x, double tolerance);

    /** A point drawn uniformly from the domain. */
    double[] sample(Random rnd);

    /** An axis-aligned box (an l-infinity ball when built by {@link #linfBall}). */
    record BoxDomain(Box box) implements InputDomain {
        public BoxDomain {
            if (box == null) throw new IllegalArgumentException("input domain: box is null");
            if (!box.isBounded()) throw new IllegalArgumentException("input domain: the box must be bounded, got " + box);
        }
        @Override public int dimension() { return box.dimension(); }
        @Override public Box boundingBox() { return box; }
        @Override public boolean contains(double[] x, double tolerance) { return box.contains(x, tolerance); }
        @Override public double[] sample(Random rnd) {
            double[] x = new double[box.dimension()];
            for (int i = 0; i < x.length; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
            return x;
        }
    }

    /** {@code ||x - center||_1 <= radius}. */
    record L1Ball(double[] center, double radius) implements InputDomain {
        public L1Ball {
            checkBall(center, radius, "l1 ball");
            center = center.clone();
        }
        @Override public double[] center() { return center.clone(); }
        @Override public int dimension() { return center.length; }
        @Override public Box boundingBox() { return Box.ball(center, radius, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY); }
        @Override public boolean contains(double[] x, double tolerance) {
            if (x.length != center.length) throw new IllegalArgumentException("l1 ball: point has " + x.length + " components, ball " + center.length);
            double s = 0;
            for (int i = 0; i < x.length; i++) s += Math.abs(x[i] - center[i]);
            return s <= radius + tolerance;
        }
        /** Uniform in the l1 ball: normalised exponential spacings (a uniform point of the simplex) with random signs. */
        @Override public double[] sample(Random rnd) {
            int n = center.length;
            double[] e = new double[n + 1];
            double sum = 0;
            for (int i = 0; i <= n; i++) { e[i] = -Math.log(1 - rnd.nextDouble()); sum += e[i]; }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = center[i] + (rnd.nextBoolean() ? 1 : -1) * radius * e[i] / sum;
            return x;
        }
    }

    static InputDomain box(Box box) { return new BoxDomain(box); }

    static InputDomain box(double[] lower, double[] upper) { return new BoxDomain(new Box(lower, upper)); }

    static InputDomain linfBall(double[] center, double radius) {
        checkBall(center, radius, "l-infinity ball");
        return new BoxDomain(Box.ball(center, radius, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    }

    static InputDomain l1Ball(double[] center, double radius) { return new L1Ball(center, radius); }

    private static void checkBall(double[] center, double radius, String what) {
        if (center == null || center.length == 0) throw new IllegalArgumentException(what + ": no center given");
        for (int i = 0; i < center.length; i++) {
            if (!Double.isFinite(center[i])) throw new IllegalArgumentException(what + ": center[" + i + "] is " + center[i]);
        }
        if (!(radius >= 0) || !Double.isFinite(radius)) throw new IllegalArgumentException(what + ": radius must be finite and >= 0, got " + radius);
    }
}
