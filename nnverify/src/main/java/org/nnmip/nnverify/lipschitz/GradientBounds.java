package org.nnmip.nnverify.lipschitz;

/**
 * Interval bounds on the backward pass over every activation pattern the forward bounds allow (Jordan & Dimakis
 * 2020, App. D.3, abstract interpretation over hyperboxes; the same propagation is Fast-Lip, Weng et al. 2018):
 * {@code g_{K-1} = c}, {@code h_k = sigma_k * g_k} with {@code sigma} in {0}, {1} or {0,1} by phase, and
 * {@code g_{k-1} = W_k^T h_k}. Sums are widened by their rounding error bound so the intervals enclose the exact values.
 * Index convention: {@code g(k)} bounds the gradient with respect to stage {@code k}'s output ({@code k = -1}: the
 * input), {@code h(k)} with respect to its pre-activation.
 */
public final class GradientBounds {
    private final double[][] gLower; // index k + 1
    private final double[][] gUpper;
    private final double[][] hLower;
    private final double[][] hUpper;

    private GradientBounds(double[][] gLower, double[][] gUpper, double[][] hLower, double[][] hUpper) {
        this.gLower = gLower;
        this.gUpper = gUpper;
        this.hLower = hLower;
        this.hUpper = hUpper;
    }

    public static GradientBounds compute(ReluChain chain, ActivationBounds act, OutputFunctional c) {
        if (c.size() != chain.outputSize()) throw new IllegalArgumentException("output weights: " + c.size() + " given, network has " + chain.outputSize() + " outputs");
        return compute(chain, act, c.weights(), c.weights());
    }

    /** Bounds for every output weight vector {@code c} with {@code cLower <= c <= cUpper} (a box of functionals). */
    static GradientBounds compute(ReluChain chain, ActivationBounds act, double[] cLower, double[] cUpper) {
        int n = chain.stageCount();
        if (cLower.length != chain.outputSize() || cUpper.length != chain.outputSize()) {
            throw new IllegalArgumentException("output weight bounds: " + cLower.length + " given, network has " + chain.outputSize() + " outputs");
        }
        double[][] gl = new double[n + 1][];
        double[][] gu = new double[n + 1][];
        double[][] hl = new double[n][];
        double[][] hu = new double[n][];
        gl[n] = cLower.clone();
        gu[n] = cUpper.clone();
        for (int k = n - 1; k >= 0; k--) {
            int m = chain.width(k);
            hl[k] = new double[m];
            hu[k] = new double[m];
            for (int i = 0; i < m; i++) {
                double l = gl[k + 1][i];
                double u = gu[k + 1][i];
                ActivationBounds.Phase p = chain.isRelu(k) ? act.phase(k, i) : ActivationBounds.Phase.ACTIVE;
                switch (p) {
                    case ACTIVE -> { hl[k][i] = l; hu[k][i] = u; }
                    case INACTIVE -> { }
                    case UNSTABLE -> { hl[k][i] = Math.min(0, l); hu[k][i] = Math.max(0, u); }
                }
            }
            int prev = chain.width(k - 1);
            double[] nl = new double[prev];
            double[] nu = new double[prev];
            double[] mag = new double[prev];
            for (int i = 0; i < m; i++) {
                if (hl[k][i] == 0 && hu[k][i] == 0) continue;
                for (int j = 0; j < prev; j++) {
                    double w = chain.weight(k, i, j);
                    if (w == 0) continue;
                    double pl = w > 0 ? w * hl[k][i] : w * hu[k][i];
                    double pu = w > 0 ? w * hu[k][i] : w * hl[k][i];
                    nl[j] += pl;
                    nu[j] += pu;
                    mag[j] += Math.max(Math.abs(pl), Math.abs(pu));
                }
            }
            // Outward rounding by the summation error bound gamma_m * sum |terms| (Higham 2002, Sec. 3.1); exact
            // zeros stay zero, so no denormal big-M coefficients reach the MIP.
            double gamma = 2.0 * (m + 2) * 0x1p-53;
            for (int j = 0; j < prev; j++) {
                double slack = gamma * mag[j];
                nl[j] -= slack;
                nu[j] += slack;
            }
            gl[k] = nl;
            gu[k] = nu;
        }
        return new GradientBounds(gl, gu, hl, hu);
    }

    /**
     * The smallest boxes containing all of {@code parts} (bounds valid for each of several functionals are valid,
     * as their hull, for a program that may choose any of them).
     */
    static GradientBounds hull(java.util.List<GradientBounds> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("gradient bounds: hull of nothing");
        GradientBounds f = parts.getFirst();
        double[][] gl = deepCopy(f.gLower), gu = deepCopy(f.gUpper), hl = deepCopy(f.hLower), hu = deepCopy(f.hUpper);
        for (GradientBounds b : parts) {
            widen(gl, gu, b.gLower, b.gUpper);
            widen(hl, hu, b.hLower, b.hUpper);
        }
        return new GradientBounds(gl, gu, hl, hu);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    private static void widen(double[][] lo, double[][] hi, double[][] l, double[][] u) {
        for (int k = 0; k < lo.length; k++) {
            for (int i = 0; i < lo[k].length; i++) {
                lo[k][i] = Math.min(lo[k][i], l[k][i]);
                hi[k][i] = Math.max(hi[k][i], u[k][i]);
            }
        }
    }

    public double gLower(int k, int i) { return gLower[k + 1][i]; }
    public double gUpper(int k, int i) { return gUpper[k + 1][i]; }
    public double hLower(int k, int i) { return hLower[k][i]; }
    public double hUpper(int k, int i) { return hUpper[k][i]; }
    public double[] inputGradientLower() { return gLower[0].clone(); }
    public double[] inputGradientUpper() { return gUpper[0].clone(); }

    /** Upper bound on the dual norm of every input gradient: the norm of the componentwise largest magnitudes. */
    public double inputGradientNormBound(InputNorm norm) {
        double[] m = new double[gLower[0].length];
        for (int i = 0; i < m.length; i++) m[i] = Math.max(Math.abs(gLower[0][i]), Math.abs(gUpper[0][i]));
        double s = norm.dualNorm(m);
        return norm == InputNorm.LINF ? Math.nextUp(s * (1 + m.length * 0x1p-52)) : s;
    }
}
