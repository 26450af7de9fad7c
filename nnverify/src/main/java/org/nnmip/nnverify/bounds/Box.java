package org.nnmip.nnverify.bounds;

import java.util.Arrays;

/** An axis-aligned box {@code lower <= x <= upper}; infinite ends allowed, NaN and crossed ends are not. */
public record Box(double[] lower, double[] upper) {
    public Box {
        if (lower == null || upper == null || lower.length != upper.length) {
            throw new IllegalArgumentException("box: lower and upper must have the same length");
        }
        for (int i = 0; i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || lower[i] > upper[i]
                    || lower[i] == Double.POSITIVE_INFINITY || upper[i] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("box: component " + i + " has invalid bounds [" + lower[i] + ", " + upper[i] + "]");
            }
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /** The box of radius {@code eps} around {@code center} (L-infinity ball), clipped to [lo, hi]. */
    public static Box ball(double[] center, double eps, double lo, double hi) {
        double[] l = new double[center.length];
        double[] u = new double[center.length];
        for (int i = 0; i < center.length; i++) {
            l[i] = Math.max(lo, center[i] - eps);
            u[i] = Math.min(hi, center[i] + eps);
        }
        return new Box(l, u);
    }

    public int dimension() { return lower.length; }
    @Override public double[] lower() { return lower.clone(); }
    @Override public double[] upper() { return upper.clone(); }
    public double lower(int i) { return lower[i]; }
    public double upper(int i) { return upper[i]; }

    /** True when every component is finite. */
    public boolean isBounded() {
        for (int i = 0; i < lower.length; i++) if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) return false;
        return true;
    }

    /** True when {@code x} lies in the box widened by {@code tolerance} on every side. */
    public boolean contains(double[] x, double tolerance) {
        if (x.length != lower.length) throw new IllegalArgumentException("box: point has " + x.length + " components, box " + lower.length);
        for (int i = 0; i < x.length; i++) if (!(x[i] >= lower[i] - tolerance && x[i] <= upper[i] + tolerance)) return false;
        return true;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(b.lower, lower) && Arrays.equals(b.upper, upper);
    }
    @Override public int hashCode() { return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper); }
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Box[");
        for (int i = 0; i < lower.length; i++) sb.append(i == 0 ? "" : ", ").append('[').append(lower[i]).append(", ").append(upper[i]).append(']');
        return sb.append(']').toString();
    }
}
