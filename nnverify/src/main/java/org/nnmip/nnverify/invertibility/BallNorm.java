package org.nnmip.nnverify.invertibility;

/** The norm of the input ball {@code B_q(x_c, r)}: L-infinity or L1 (Cui et al., Sec. 3). */
public enum BallNorm {
    LINF, L1;

    /** {@code ||a - b||_q}. */
    public double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            double t = Math.abs(a[i] - b[i]);
            d = this == LINF ? Math.max(d, t) : d + t;
        }
        return d;
    }
}
