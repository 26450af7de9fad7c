package org.nnmip.mip;


/**
 * Complemented mixed-integer rounding cuts from single original rows (Marchand & Wolsey 2001, "Aggregation and
 * mixed integer rounding to solve MIPs"; Nemhauser & Wolsey 1988 II.1.7). A row {@code a'x <= b} is brought to
 * {@code sum g_j y_j + sum h_k s_k <= beta} with every variable complemented to its nearer finite bound
 * ({@code y, s >= 0}); for a divisor delta with {@code f0 = frac(beta/delta)} the MIR inequality
 * <pre>  sum (floor(g_j/delta) + max(0, f_j - f0)/(1 - f0)) y_j + sum_{h_k<0} h_k s_k / (delta (1 - f0))
 *      <= floor(beta/delta)</pre>
 * is valid; it is mapped back to x. Complements the tableau-based {@link GomorySeparator}.
 */
final class MirSeparator extends RowCutSeparator {
    private static final double MIN_EFFICACY = 1e-4;
    private static final int MAX_DIVISORS = 8;

    @Override
    public String name() {
        return "mir";
    }

    /** Works on the row {@code sign * a'x <= b}. */
    @Override
    Cut separateRow(MipInstance inst, int[] idx, double[] val, double b, double sign, double[] x,
                    double[] lo, double[] up) {
        int len = idx.length;
        double[] g = new double[len];
        boolean[] atUpper = new boolean[len];
        double beta = b;
        boolean anyFractionalInteger = false;
        for (int t = 0; t < len; t++) {
            int j = idx[t];
            double a = sign * val[t];
            boolean finLo = lo[j] > Double.NEGATIVE_INFINITY, finUp = up[j] < Double.POSITIVE_INFINITY;
            boolean useUpper;
            if (inst.isInteger(j)) {
                if (!finLo && !finUp) return null;
                useUpper = !finLo || (finUp && up[j] - x[j] < x[j] - lo[j]);
                if (Math.abs(x[j] - Math.rint(x[j])) > 1e-6) anyFractionalInteger = true;
            } else {
                // Continuous: prefer the side that keeps h < 0 (those terms stay in the cut); else the nearer one.
                if (!finLo && !finUp) return null;
                if (finLo && finUp) useUpper = a > 0;
                else useUpper = !finLo;
            }
            atUpper[t] = useUpper;
            if (useUpper) {
                g[t] = -a;
                beta -= a * up[j];
            } else {
                g[t] = a;
                beta -= a * lo[j];
            }
        }
        if (!anyFractionalInteger || !Double.isFinite(beta)) return null;
        // Candidate divisors: |g_j| of integer columns strictly inside their bounds at x.
        double[] divisors = new double[MAX_DIVISORS];
        int nd = 0;
        for (int t = 0; t < len && nd < MAX_DIVISORS; t++) {
            int j = idx[t];
            if (!inst.isInteger(j) || g[t] == 0) continue;
            if (x[j] <= lo[j] + 1e-6 || x[j] >= up[j] - 1e-6) continue;
            double dv = Math.abs(g[t]);
            boolean dup = false;
            for (int q = 0; q < nd; q++) if (Math.abs(divisors[q] - dv) < 1e-9) dup = true;
            if (!dup) divisors[nd++] = dv;
        }
        if (nd < MAX_DIVISORS) divisors[nd++] = 1.0;
        Cut best = null;
        double bestEff = MIN_EFFICACY;
        for (int q = 0; q < nd; q++) {
            Cut c = mir(inst, idx, g, atUpper, beta, divisors[q], lo, up);
            if (c == null) continue;
            double eff = efficacy(c, x);
            if (eff > bestEff) {
                bestEff = eff;
                best = c;
            }
        }
        return best;
    }

    private static Cut mir(MipInstance inst, int[] idx, double[] g, boolean[] atUpper, double beta, double delta,
                           double[] lo, double[] up) {
        double bd = beta / delta;
        double f0 = bd - Math.floor(bd);
        if (f0 < 0.05 || f0 > 0.95) return null;
        int len = idx.length;
        double[] coef = new double[len];
        double rhs = Math.floor(bd);
        double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
        for (int t = 0; t < len; t++) {
            int j = idx[t];
            double gj = g[t] / delta;
            double c;
            if (inst.isInteger(j)) {
                double fj = gj - Math.floor(gj);
                c = Math.floor(gj) + Math.max(0, fj - f0) / (1 - f0);
            } else {
                c = gj < 0 ? gj / (1 - f0) : 0;
            }
            // Back to x: y = x - lo (coefficient c) or y = up - x (coefficient -c).
            if (c != 0) {
                if (atUpper[t]) {
                    coef[t] = -c;
                    rhs -= c * up[j];
                } else {
                    coef[t] = c;
                    rhs += c * lo[j];
                }
                double a = Math.abs(c);
                maxAbs = Math.max(maxAbs, a);
                minAbs = Math.min(minAbs, a);
            }
        }
        if (maxAbs == 0 || maxAbs > 1e6 * minAbs || !Double.isFinite(rhs)) return null;
        int nz = 0;
        for (double c : coef) if (c != 0) nz++;
        int[] ci = new int[nz];
        double[] cv = new double[nz];
        int k = 0;
        for (int t = 0; t < len; t++) {
            if (coef[t] != 0) {
                ci[k] = idx[t];
                cv[k++] = coef[t];
            }
        }
        // A tiny safety margin against round-off in the complementing arithmetic.
        return new Cut(ci, cv, Double.NEGATIVE_INFINITY, rhs + 1e-9 * Math.max(1, Math.abs(rhs)));
    }

    /** Violation divided by the Euclidean norm of the coefficients. */
    static double efficacy(Cut c, double[] x) {
        double norm = 0;
        for (double v : c.values()) norm += v * v;
        return norm == 0 ? 0 : c.violation(x) / Math.sqrt(norm);
    }
}
