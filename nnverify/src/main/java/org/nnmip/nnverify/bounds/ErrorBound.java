package org.nnmip.nnverify.bounds;

/**
 * Upward-rounded arithmetic on non-negative error terms, and the a-priori error bound of a floating-point dot
 * product. With round-to-nearest and gradual underflow, every product is {@code fl(a b) = a b (1 + d) + e} with
 * {@code |d| <= u = 2^-53}, {@code |e| <= eta = 2^-1075} and every sum {@code fl(a + b) = (a + b)(1 + d)} (no
 * underflow error); a dot product of {@code n} terms accumulated in any order is then within
 * {@code gamma_n sum |a_i b_i| + n eta} of the exact one, {@code gamma_n = n u / (1 - n u)} (Higham 2002, "Accuracy
 * and stability of numerical algorithms", Sec. 3.1 and 3.5; the underflow term as in Rump 2012, "Error estimation
 * of floating-point summation and dot product", Sec. 2). The bounds themselves are summed here with
 * {@link Math#nextUp} after every operation, so each computed bound is at least its exact value.
 */
public final class ErrorBound {
    /** Unit round-off of double precision. */
    public static final double U = 0x1p-53;
    /** Twice the largest absolute underflow error of one product (one step is {@code 2^-1075}): the smallest subnormal. */
    public static final double ETA = Double.MIN_VALUE;

    /** {@code gamma(n)} and {@code 1 + gamma(n + 3)} rounded up for small {@code n}: the hot callers' sizes, no division. */
    private static final double[] GAMMA = new double[4096];
    private static final double[] SUM_FACTOR = new double[4096];

    static {
        for (int n = 0; n < GAMMA.length; n++) {
            GAMMA[n] = computeGamma(n);
            SUM_FACTOR[n] = add(1.0, computeGamma(n + 3L));
        }
    }

    private ErrorBound() { }

    /** An upper bound on {@code gamma_n = n u / (1 - n u)}; infinite when {@code n u >= 1/2}. */
    public static double gamma(long n) {
        return n >= 0 && n < GAMMA.length ? GAMMA[(int) n] : computeGamma(n);
    }

    private static double computeGamma(long n) {
        double nu = Math.nextUp(n * U);
        if (!(nu < 0.5)) return Double.POSITIVE_INFINITY;
        return Math.nextUp(nu / Math.nextDown(1 - nu));
    }

    /** {@code a + b} rounded up (both non-negative or infinite). */
    public static double add(double a, double b) {
        return Math.nextUp(a + b);
    }

    /** {@code a * b} rounded up, for non-negative {@code a, b}; a zero factor gives 0 even when the other is infinite. */
    public static double mul(double a, double b) {
        if (a == 0 || b == 0) return 0.0;
        return Math.nextUp(a * b);
    }

    /**
     * An upper bound on the exact value of a sum of {@code terms} non-negative terms, each a product of two
     * non-negative doubles or a double, summed in round-to-nearest (any order, inner sums of at most 3 parts per
     * term allowed) to {@code computed}. Every rounding shrinks a non-negative value by at most a factor
     * {@code (1 - u)}, an underflowing product by at most {@code eta} more, and no value passes more than
     * {@code terms + 3} roundings, so the exact sum is at most {@code (computed + terms eta) / (1 - u)^(terms + 3)
     * <= (computed + terms eta)(1 + gamma_(terms + 3))} (Higham 2002, Lemma 3.1). Cheaper than rounding each step up.
     */
    public static double sumUp(double computed, long terms) {
        double factor = terms >= 0 && terms < SUM_FACTOR.length ? SUM_FACTOR[(int) terms] : add(1.0, gamma(terms + 3));
        return mul(add(computed, mul(terms, ETA)), factor);
    }

    /** {@code |a| * b} rounded up ({@code b >= 0}); 0 when either is 0. */
    public static double absMul(double a, double b) {
        return mul(Math.abs(a), b);
    }
}
