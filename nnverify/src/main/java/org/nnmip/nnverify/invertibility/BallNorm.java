package org.nnmip.nnverify.invertibility;

/**
 * The norm of the input ball {@code B_q(x_c, r)} (Cui et al., Sec. 3). L-infinity and L1 balls are encoded exactly;
 * the L2 ball is enclosed by tangent cuts added lazily (see {@link CollisionSearch} and {@link PseudoInvertibility}).
 */
public enum BallNorm {
    LINF, L1, L2;

    /** {@code ||a - b||_q}. */
    public double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            double t = Math.abs(a[i] - b[i]);
            d = switch (this) {
                case LINF -> Math.max(d, t);
                case L1 -> d + t;
                case L2 -> d + t * t;
            };
        }
        return this == L2 ? Math.sqrt(d) : d;
    }
}
