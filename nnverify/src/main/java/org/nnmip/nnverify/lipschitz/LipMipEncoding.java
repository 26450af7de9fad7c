package org.nnmip.nnverify.lipschitz;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;

/**
 * The LipMIP program (Jordan & Dimakis 2020, Sec. 6 and App. D): maximise {@code ||grad c'f(x)||_*} over
 * {@code x in X}, written as a mixed-integer linear program.
 * <ul>
 * <li>Forward pass, big-M (Tjeng et al. 2019): for an unstable ReLU with pre-activation bounds {@code l < 0 < u},
 * {@code a >= z, a >= 0, a <= z - l(1 - sigma), a <= u sigma}, {@code sigma} binary. Strictly stable neurons get no
 * binary; their indicator is the constant 1 or 0.</li>
 * <li>Backward pass by the chain rule: {@code h_k = sigma_k * g_k}, {@code g_{k-1} = W_k^T h_k}, {@code g_{K-1} = c}
 * (for vector outputs {@code c} is the dual-ball vertex chosen by selector binaries, {@link VectorLipschitzProblem}).
 * The product of the indicator with the incoming gradient {@code g in [L, U]} (bounds from {@link GradientBounds})
 * is the "switch" of App. D: {@code y <= g - L(1-sigma), y >= g - U(1-sigma), L sigma <= y <= U sigma}, exact for
 * binary {@code sigma} (with {@link BackwardEncoding#D2} the bounds are widened to contain 0). A constant incoming
 * gradient needs no variable ({@code y = g sigma}).</li>
 * <li>Dual norm: for {@code l-infinity} inputs, {@code sum_i |g_i|} with {@code g_i = g_i^+ - g_i^-},
 * {@code g^+ <= U s}, {@code g^- <= -L (1 - s)} and objective {@code g^+ + g^-} (sign binary {@code s_i}, only where
 * the sign of {@code g_i} is open); for
 * {@code l1} inputs, {@code max_i |g_i|} as {@code T <= +-g_i + M(1 - q_i^+-)}, {@code sum q = 1} (binaries choose
 * the coordinate and the sign).</li>
 * </ul>
 * <b>relu'(0).</b> At {@code z = 0} both {@code sigma = 0} and {@code sigma = 1} satisfy the big-M rows, so the
 * program ranges over the set-valued derivative {0, 1} at ties: its optimum is the supremum of the dual norm over
 * the general Jacobian, which contains every element of the Clarke Jacobian (limits of gradients at nearby
 * differentiable points) and so is always an upper bound on the Lipschitz constant, equal to it for networks in
 * general position (Jordan & Dimakis 2020, Sec. 5, Thm. 2).
 */
final class LipMipEncoding {
    final Model model;
    final Variable[] input;
    final Variable[] gradient;
    final int binaries;

    private LipMipEncoding(Model model, Variable[] input, Variable[] gradient, int binaries) {
        this.model = model;
        this.input = input;
        this.gradient = gradient;
        this.binaries = binaries;
    }

    static LipMipEncoding build(LipschitzProblem p) {
        return build(p, BackwardEncoding.SWITCH);
    }

    static LipMipEncoding build(LipschitzProblem p, BackwardEncoding encoding) {
        double[] c = p.output().weights();
        return build(p.chain(), p.activationBounds(), p.gradientBounds(), p.domain(), p.norm(), m -> {
            LinearExpr[] e = new LinearExpr[c.length];
            for (int i = 0; i < c.length; i++) e[i] = LinearExpr.constant(c[i]);
            return e;
        }, encoding);
    }

    /**
     * The program for output weights chosen by {@code outputWeights} (constants for {@code c'f}, or expressions in
     * selector binaries it adds for a vector norm's dual-ball vertices); {@code gb} must bound the backward pass for
     * every weight vector it allows.
     */
    static LipMipEncoding build(ReluChain chain, ActivationBounds act, GradientBounds gb, InputDomain domain, InputNorm norm,
                                java.util.function.Function<Model, LinearExpr[]> outputWeights, BackwardEncoding encoding) {
        Model m = new Model("lipmip");
        int n = chain.inputSize();
        int stages = chain.stageCount();

        // Input domain.
        Variable[] x = new Variable[n];
        var box = domain.boundingBox();
        for (int i = 0; i < n; i++) x[i] = m.continuous("x" + i, box.lower(i), box.upper(i));
        if (domain instanceof InputDomain.L1Ball ball) {
            double[] c = ball.center();
            LinearExpr.Builder total = LinearExpr.builder();
            for (int i = 0; i < n; i++) {
                Variable d = m.continuous("dx" + i, 0, ball.radius());
                le(m, "dxp" + i, LinearExpr.builder().add(x[i]).add(-1, d).build(), c[i]);
                ge(m, "dxm" + i, LinearExpr.builder().add(x[i]).add(d).build(), c[i]);
                total.add(d);
            }
            le(m, "l1ball", total.build(), ball.radius());
        }

        // Forward pass up to the last ReLU stage (later stages do not influence the gradient).
        int lastRelu = -1;
        for (int k = 0; k < stages; k++) if (chain.isRelu(k)) lastRelu = k;
        Variable[][] sigma = new Variable[stages][];
        LinearExpr[] a = new LinearExpr[n];
        for (int i = 0; i < n; i++) a[i] = LinearExpr.of(x[i]);
        for (int k = 0; k <= lastRelu; k++) {
            int w = chain.width(k);
            LinearExpr[] next = new LinearExpr[w];
            sigma[k] = new Variable[w];
            for (int i = 0; i < w; i++) {
                LinearExpr.Builder zb = LinearExpr.builder().constant(chain.bias(k, i));
                for (int j = 0; j < a.length; j++) {
                    double wij = chain.weight(k, i, j);
                    if (wij != 0) zb.add(wij, a[j]);
                }
                LinearExpr z = zb.build();
                if (!chain.isRelu(k)) { next[i] = z; continue; }
                switch (act.phase(k, i)) {
                    case ACTIVE -> next[i] = z;
                    case INACTIVE -> next[i] = LinearExpr.zero();
                    case UNSTABLE -> {
                        double l = act.lower(k, i);
                        double u = act.upper(k, i);
                        Variable s = m.binary("s" + k + "_" + i).setBranchPriority(stages - k);
                        Variable y = m.continuous("a" + k + "_" + i, 0, Math.max(0, u));
                        String tag = k + "_" + i;
                        ge(m, "relu_ge_" + tag, LinearExpr.builder().add(y).add(-1, z).build(), 0);
                        // a <= z - l (1 - s)  <=>  a - z - l s <= -l
                        le(m, "relu_lz_" + tag, LinearExpr.builder().add(y).add(-1, z).add(-l, s).build(), -l);
                        le(m, "relu_lu_" + tag, LinearExpr.builder().add(y).add(-u, s).build(), 0);
                        sigma[k][i] = s;
                        next[i] = LinearExpr.of(y);
                    }
                }
            }
            a = next;
        }

        // Backward pass (chain rule), from c down to the input.
        LinearExpr[] g = outputWeights.apply(m);
        if (g.length != chain.outputSize()) throw new IllegalStateException("output weights: " + g.length + " for " + chain.outputSize() + " outputs");
        for (int k = stages - 1; k >= 0; k--) {
            int w = chain.width(k);
            LinearExpr[] h = new LinearExpr[w];
            for (int i = 0; i < w; i++) {
                ActivationBounds.Phase phase = chain.isRelu(k) ? act.phase(k, i) : ActivationBounds.Phase.ACTIVE;
                h[i] = switch (phase) {
                    case ACTIVE -> g[i];
                    case INACTIVE -> LinearExpr.zero();
                    case UNSTABLE -> switchProduct(m, g[i], sigma[k][i], gb.gLower(k, i), gb.gUpper(k, i), k + "_" + i, encoding);
                };
            }
            int prev = chain.width(k - 1);
            LinearExpr[] gp = new LinearExpr[prev];
            for (int j = 0; j < prev; j++) {
                LinearExpr.Builder b = LinearExpr.builder();
                for (int i = 0; i < w; i++) {
                    double wij = chain.weight(k, i, j);
                    if (wij != 0 && h[i].size() + Math.abs(h[i].constant()) > 0) b.add(wij, h[i]);
                }
                gp[j] = b.build();
            }
            g = gp;
        }
        Variable[] grad = new Variable[n];
        for (int j = 0; j < n; j++) {
            grad[j] = m.continuous("g" + j, gb.gLower(-1, j), gb.gUpper(-1, j));
            eq(m, "grad" + j, LinearExpr.builder().add(grad[j]).add(-1, g[j]).build(), 0);
        }

        // Dual norm objective.
        if (norm == InputNorm.LINF) {
            LinearExpr.Builder obj = LinearExpr.builder();
            for (int j = 0; j < n; j++) {
                double l = gb.gLower(-1, j);
                double u = gb.gUpper(-1, j);
                if (l >= 0) obj.add(grad[j]);
                else if (u <= 0) obj.add(-1, grad[j]);
                else {
                    // g = g+ - g-, at most one part non-zero (sign binary s): |g| = g+ + g-.
                    Variable pos = m.continuous("gpos" + j, 0, u);
                    Variable neg = m.continuous("gneg" + j, 0, -l);
                    Variable s = m.binary("sign" + j);
                    eq(m, "split" + j, LinearExpr.builder().add(grad[j]).add(-1, pos).add(neg).build(), 0);
                    le(m, "pos_on" + j, LinearExpr.builder().add(pos).add(-u, s).build(), 0);
                    le(m, "neg_on" + j, LinearExpr.builder().add(neg).add(-l, s).build(), -l);
                    obj.add(pos).add(neg);
                }
            }
            m.setObjective(obj.build(), ObjectiveSense.MAXIMIZE);
        } else {
            double big = 0;
            for (int j = 0; j < n; j++) big = Math.max(big, Math.max(-gb.gLower(-1, j), gb.gUpper(-1, j)));
            Variable t = m.continuous("maxabs", 0, big);
            List<Variable> choices = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                double l = gb.gLower(-1, j);
                double u = gb.gUpper(-1, j);
                if (u > 0) {
                    Variable q = m.binary("pick_pos" + j);
                    le(m, "max_pos" + j, LinearExpr.builder().add(t).add(-1, grad[j]).add(big - l, q).build(), big - l);
                    choices.add(q);
                }
                if (l < 0) {
                    Variable q = m.binary("pick_neg" + j);
                    le(m, "max_neg" + j, LinearExpr.builder().add(t).add(grad[j]).add(big + u, q).build(), big + u);
                    choices.add(q);
                }
            }
            if (!choices.isEmpty()) eq(m, "pick_one", LinearExpr.sum(choices), 1);
            m.setObjective(LinearExpr.of(t), ObjectiveSense.MAXIMIZE);
        }
        return new LipMipEncoding(m, x, grad, m.numBinaryVariables());
    }

    /** {@code y = sigma * g} for binary sigma and {@code g in [lo, hi]} (App. D switch); linear when g is constant. */
    private static LinearExpr switchProduct(Model m, LinearExpr g, Variable sigma, double lo, double hi, String tag,
                                            BackwardEncoding encoding) {
        if (g.size() == 0) return g.constant() == 0 ? LinearExpr.zero() : LinearExpr.of(g.constant(), sigma);
        if (encoding == BackwardEncoding.D2) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
        }
        Variable y = m.continuous("h" + tag, Math.min(0, lo), Math.max(0, hi));
        // y <= g - lo (1 - s)  <=>  y - g - lo s <= -lo
        le(m, "sw_a" + tag, LinearExpr.builder().add(y).add(-1, g).add(-lo, sigma).build(), -lo);
        // y >= g - hi (1 - s)  <=>  y - g - hi s >= -hi
        ge(m, "sw_b" + tag, LinearExpr.builder().add(y).add(-1, g).add(-hi, sigma).build(), -hi);
        le(m, "sw_c" + tag, LinearExpr.builder().add(y).add(-hi, sigma).build(), 0);
        ge(m, "sw_d" + tag, LinearExpr.builder().add(y).add(-lo, sigma).build(), 0);
        return LinearExpr.of(y);
    }

    // Rows are scaled by a power of two so their largest coefficient is in [1, 2): exact in floating point, and
    // it keeps the big-M rows on the scale the LP's own scaling expects.
    private static double rowScale(LinearExpr e) {
        double max = 0;
        for (int k = 0; k < e.size(); k++) max = Math.max(max, Math.abs(e.coefficient(k)));
        return max == 0 ? 1 : 1.0 / Math.scalb(1.0, Math.getExponent(max));
    }

    private static void le(Model m, String name, LinearExpr e, double rhs) {
        double s = rowScale(e);
        m.le(name, e.times(s), rhs * s);
    }

    private static void ge(Model m, String name, LinearExpr e, double rhs) {
        double s = rowScale(e);
        m.ge(name, e.times(s), rhs * s);
    }

    private static void eq(Model m, String name, LinearExpr e, double rhs) {
        double s = rowScale(e);
        m.eq(name, e.times(s), rhs * s);
    }
}
