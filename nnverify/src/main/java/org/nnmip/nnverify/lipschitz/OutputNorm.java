package org.nnmip.nnverify.lipschitz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear norm {@code ||.||_beta} on the outputs of a vector-valued network (Jordan & Dimakis 2020, App. E): the
 * Lipschitz constant is {@code L^(alpha,beta)(f, X) = sup_{x in X} ||J(x)||_{alpha -> beta}} over the (general)
 * Jacobian.
 *
 * <p><b>Derivation.</b> For any matrix {@code J},
 * {@code ||J||_{alpha->beta} = sup_{||v||_alpha <= 1} ||J v||_beta
 *   = sup_{||v||_alpha <= 1} sup_{||u||_beta* <= 1} u'J v = sup_{||u||_beta* <= 1} ||J'u||_alpha*}.
 * The map {@code u -> ||J'u||_alpha*} is convex, so over the polytope ball of {@code beta*} its supremum is attained
 * at a vertex, and {@code u, -u} give the same value. Hence
 * {@code L^(alpha,beta) = sup_x max_u ||J(x)'u||_alpha* = max_u L^alpha(u'f)}: the largest scalar LipMIP value over
 * the dual ball's vertices {@code u} (taken modulo sign, {@link #vertices}). Per norm:
 * <ul>
 * <li>{@code beta = l-infinity}: {@code beta* = l1}, vertices {@code e_i}: {@code max_i ||grad f_i||_alpha*}, the
 * largest row.</li>
 * <li>{@code beta = l1}: {@code beta* = l-infinity}, vertices {@code s in {+-1}^m} (modulo sign: {@code s_0 = +1},
 * {@code 2^(m-1)} of them): {@code max_s ||J's||_alpha*}. For {@code alpha = l1} ({@code alpha* = l-infinity}) this is
 * {@code max_s max_j |sum_i s_i J_ij| = max_j ||J_:j||_1}, the largest column; for {@code alpha = l-infinity} it is
 * {@code ||J||_{inf->1}} (NP-hard in general), which the MIP encodes with one sign binary per output.</li>
 * <li>{@code x(i)} (cross-Lipschitz, Hein &amp; Andriushchenko 2017): {@code ||y||_x(i) = max_{j != i} |y_i - y_j|}, a
 * seminorm on the logit margins of class {@code i}; its dual ball is {@code conv{+-(e_i - e_j)}}, so the constant is
 * {@code max_{j != i} L^alpha(f_i - f_j)}: the l-infinity norm of the vector of margins {@code (f_i - f_j)_{j != i}}.
 * (The authors' code, "trueTargetCrossLipschitz", also admits {@code c = e_i} alone; we follow the definition.)</li>
 * </ul>
 */
public record OutputNorm(Kind kind, int target) {
    public enum Kind { L1, LINF, CROSS }

    /** The l1 output norm needs {@code 2^(m-1)} vertices; beyond this many outputs it is refused. */
    public static final int MAX_L1_OUTPUTS = 16;

    public OutputNorm {
        if (kind == null) throw new IllegalArgumentException("output norm: kind is null");
        if (kind != Kind.CROSS && target != -1) throw new IllegalArgumentException("output norm: only cross:i takes a class");
        if (kind == Kind.CROSS && target < 0) throw new IllegalArgumentException("output norm cross:i: class must be >= 0, got " + target);
    }

    public static OutputNorm l1() { return new OutputNorm(Kind.L1, -1); }
    public static OutputNorm linf() { return new OutputNorm(Kind.LINF, -1); }
    public static OutputNorm cross(int target) { return new OutputNorm(Kind.CROSS, target); }

    /** {@code l1}, {@code linf} or {@code cross:i}. */
    public static OutputNorm parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("l1")) return l1();
        if (t.equals("linf") || t.equals("inf")) return linf();
        if (t.startsWith("cross:")) {
            try {
                return cross(Integer.parseInt(t.substring(6).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("output norm: '" + s + "' — expected cross:i with an integer class i");
            }
        }
        throw new IllegalArgumentException("output norm: expected l1, linf or cross:i, got '" + s + "'");
    }

    public String cliName() {
        return switch (kind) {
            case L1 -> "l1";
            case LINF -> "linf";
            case CROSS -> "cross:" + target;
        };
    }

    /** Throws when the norm does not fit a network with {@code m} outputs. */
    public void validate(int m) {
        switch (kind) {
            case L1 -> {
                if (m > MAX_L1_OUTPUTS) throw new IllegalArgumentException("output norm l1: at most " + MAX_L1_OUTPUTS + " outputs supported, network has " + m);
            }
            case LINF -> { }
            case CROSS -> {
                if (m < 2) throw new IllegalArgumentException("output norm cross:" + target + ": needs at least 2 outputs, network has " + m);
                if (target >= m) throw new IllegalArgumentException("output norm cross:" + target + ": class outside [0," + m + ")");
            }
        }
    }

    /** The vertices of the dual unit ball, one of each {@code +-} pair (see the class comment). */
    public List<double[]> vertices(int m) {
        validate(m);
        List<double[]> v = new ArrayList<>();
        switch (kind) {
            case LINF -> {
                for (int i = 0; i < m; i++) { double[] e = new double[m]; e[i] = 1; v.add(e); }
            }
            case CROSS -> {
                for (int j = 0; j < m; j++) {
                    if (j == target) continue;
                    double[] e = new double[m];
                    e[target] = 1;
                    e[j] = -1;
                    v.add(e);
                }
            }
            case L1 -> {
                for (int mask = 0; mask < 1 << (m - 1); mask++) {
                    double[] s = new double[m];
                    s[0] = 1;
                    for (int i = 1; i < m; i++) s[i] = (mask >> (i - 1) & 1) == 1 ? -1 : 1;
                    v.add(s);
                }
            }
        }
        return v;
    }

    /** {@code ||y||_beta}. */
    public double norm(double[] y) {
        double s = 0;
        switch (kind) {
            case L1 -> { for (double v : y) s += Math.abs(v); }
            case LINF -> { for (double v : y) s = Math.max(s, Math.abs(v)); }
            case CROSS -> { for (double v : y) s = Math.max(s, Math.abs(y[target] - v)); }
        }
        return s;
    }

    /** {@code ||J||_{alpha->beta} = max over the vertices u of ||J'u||_alpha*}; rows of {@code jac} are outputs. */
    public double operatorNorm(double[][] jac, InputNorm alpha) {
        return alpha.dualNorm(jac.length == 0 ? new double[0] : combine(jac, vertices(jac.length).get(argMaxVertex(jac, alpha))));
    }

    /** Index into {@link #vertices} of a vertex attaining {@link #operatorNorm}. */
    public int argMaxVertex(double[][] jac, InputNorm alpha) {
        List<double[]> vs = vertices(jac.length);
        int best = 0;
        double bestValue = -1;
        for (int k = 0; k < vs.size(); k++) {
            double v = alpha.dualNorm(combine(jac, vs.get(k)));
            if (v > bestValue) { bestValue = v; best = k; }
        }
        return best;
    }

    /** {@code J'u}. */
    static double[] combine(double[][] jac, double[] u) {
        double[] g = new double[jac[0].length];
        for (int i = 0; i < jac.length; i++) {
            if (u[i] == 0) continue;
            for (int j = 0; j < g.length; j++) g[j] += u[i] * jac[i][j];
        }
        return g;
    }

    @Override public String toString() { return cliName(); }
}
