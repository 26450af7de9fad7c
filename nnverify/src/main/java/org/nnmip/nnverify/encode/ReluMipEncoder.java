package org.nnmip.nnverify.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nnmip.model.Model;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.ArctanEnclosure;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Big-M MIP encoding of a ReLU network over an input box (Tjeng, Xiao &amp; Tedrake 2019, "Evaluating robustness of
 * neural networks with mixed integer programming", Sec. 4.1 and 4.2). Affine layers and residual adds are carried as
 * affine forms over model variables (no variables, no rows); a ReLU with pre-activation bounds {@code l >= 0} is the
 * identity and one with {@code u <= 0} is zero; an unstable one gets {@code a >= z, a >= 0, a <= z - l(1 - d),
 * a <= u d} with {@code d} binary. A max-pool group whose largest lower bound dominates the other upper bounds is
 * that input; otherwise {@code y >= x_j, y <= x_j + (u_max - l_j)(1 - d_j), sum d_j = 1}. Binaries of earlier layers
 * get higher branching priority: fixing them first decides more of the network below (Cheng, Nührenberg &amp; Ruess
 * 2017, "Maximum resilience of artificial neural networks", Sec. 4, heuristic 2).
 *
 * <p>The forms compose the affine maps in floating point, so they match the real-valued network (and its forward
 * pass) only up to round-off; each form carries a rigorous bound on that difference ({@link AffineForm#error()}).
 * Every row built over a form moves its right-hand side outward by the row's own composition error, so every
 * forward pass of the exact real-valued network satisfies the rows; big-M values and rows are in addition relaxed
 * by {@link #slack} (about 1e-12 relative to the row's magnitude) to stay clear of the LP's feasibility tolerance:
 * the encoding is a relaxation of the network, never tighter.
 */
public final class ReluMipEncoder {
    /** Relative outward slack of rows and big-M values: 2^-40, about 9e-13. */
    private static final double RELAX = 0x1p-40;

    private ReluMipEncoder() { }

    /**
     * The outward slack for a row over {@code form} whose other terms and right-hand side have magnitude
     * {@code extra}: the form's rigorous composition error plus {@code 2^-40 (|constant| + sum_k |c_k|
     * max(|l_k|, |u_k|) + extra)} and the smallest normal number, so that it is never zero. Infinite when a variable
     * of the form is unbounded.
     */
    public static double slack(Model model, AffineForm form, double extra) {
        double mag = Math.abs(form.constant()) + Math.abs(extra);
        for (int k = 0; k < form.size(); k++) {
            Variable v = model.variable(form.variables()[k]);
            mag += Math.abs(form.coefficients()[k]) * Math.max(Math.abs(v.lower()), Math.abs(v.upper()));
        }
        return Math.nextUp(form.error() + RELAX * mag + Double.MIN_NORMAL);
    }

    /** {@code max(|lower|, |upper|)} of a model variable: what its coefficient's rounding error is multiplied by. */
    public static double magnitude(Model model, int variable) {
        Variable v = model.variable(variable);
        return Math.max(Math.abs(v.lower()), Math.abs(v.upper()));
    }

    /**
     * Encodes {@code bounds.network()} over {@code bounds.inputBox()}. The bounds must be sound and finite wherever
     * a binary is needed (pre-activations of unstable ReLUs and pooled values).
     */
    public static ReluMipEncoding encode(NetworkBounds bounds) {
        return new Builder(bounds, 0).build();
    }

    /**
     * As {@link #encode(NetworkBounds)}, but arctan layers are encoded by the sound piecewise-linear enclosure of
     * {@link ArctanEnclosure} with {@code arctanPieces} pieces per neuron (a binary per piece): the model is then a
     * relaxation of the network (every forward pass is a model point, not conversely), so its optima bound the true
     * ones from the relaxed side.
     */
    public static ReluMipEncoding encode(NetworkBounds bounds, int arctanPieces) {
        if (arctanPieces < 1) throw new IllegalArgumentException("encoding: arctan pieces must be >= 1, got " + arctanPieces);
        return new Builder(bounds, arctanPieces).build();
    }

    private static final class Builder {
        final NetworkBounds bounds;
        final Network net;
        final Model model = new Model("relu-network");
        double[] magnitudes = new double[64]; // max(|lower|, |upper|) per variable, for the forms' error bounds
        final AffineForm.Accumulator acc = new AffineForm.Accumulator(j -> magnitudes[j]);
        final List<ReluMipEncoding.Role> role = new ArrayList<>();
        int[] roleLayer = new int[64];
        int[] roleNeuron = new int[64];
        int[] roleMember = new int[64];
        int binaries;
        final int arctanPieces; // 0: arctan layers are rejected

        Builder(NetworkBounds bounds, int arctanPieces) {
            this.bounds = bounds;
            this.net = bounds.network();
            this.arctanPieces = arctanPieces;
        }

        ReluMipEncoding build() {
            if (bounds.isEmpty()) throw new IllegalArgumentException("encoding: the bounds are empty (crossed), nothing to encode");
            int n = net.inputSize();
            int[] inputVars = new int[n];
            AffineForm[] input = new AffineForm[n];
            for (int i = 0; i < n; i++) {
                double l = bounds.lower(-1, i);
                double u = bounds.upper(-1, i);
                Variable v = newVariable("x" + i, l, u, VarType.CONTINUOUS, ReluMipEncoding.Role.INPUT, -1, i, -1);
                inputVars[i] = v.index();
                input[i] = AffineForm.variable(v.index());
            }
            List<AffineForm[]> outputs = new ArrayList<>();
            outputs.add(input);
            int layers = net.layerCount();
            for (int k = 0; k < layers; k++) {
                AffineForm[] in = outputs.get(k);
                Layer layer = net.layer(k);
                int priority = layers - k;
                AffineForm[] out = switch (layer) {
                    case AffineLayer a -> affine(a, in);
                    case ReshapeLayer r -> in;
                    case ReluLayer r -> relu(k, in, priority);
                    case MaxPoolLayer m -> maxPool(k, m, in, priority);
                    case ArctanLayer t -> arctan(k, t, in, priority);
                    case ResidualAddLayer add -> residual(in, outputs.get(add.source() + 1));
                };
                outputs.add(out);
            }
            int m = role.size();
            return new ReluMipEncoding(model, net, bounds, inputVars, outputs, role.toArray(new ReluMipEncoding.Role[0]),
                    Arrays.copyOf(roleLayer, m), Arrays.copyOf(roleNeuron, m), Arrays.copyOf(roleMember, m), binaries, arctanPieces);
        }

        /** {@link ReluMipEncoder#slack} with the magnitudes kept here (the same values, without the model lookups). */
        double slack(AffineForm form, double extra) {
            double mag = Math.abs(form.constant()) + Math.abs(extra);
            int[] vars = form.variables();
            double[] coefs = form.coefficients();
            for (int k = 0; k < vars.length; k++) mag += Math.abs(coefs[k]) * magnitudes[vars[k]];
            return Math.nextUp(form.error() + RELAX * mag + Double.MIN_NORMAL);
        }

        Variable newVariable(String name, double l, double u, VarType type, ReluMipEncoding.Role r, int layer, int neuron, int member) {
            Variable v = model.addVariable(name, l, u, type);
            int j = v.index();
            if (j >= magnitudes.length) magnitudes = Arrays.copyOf(magnitudes, 2 * j + 2);
            magnitudes[j] = Math.max(Math.abs(l), Math.abs(u));
            if (j >= roleLayer.length) {
                roleLayer = Arrays.copyOf(roleLayer, 2 * j + 2);
                roleNeuron = Arrays.copyOf(roleNeuron, 2 * j + 2);
                roleMember = Arrays.copyOf(roleMember, 2 * j + 2);
            }
            role.add(r);
            roleLayer[j] = layer;
            roleNeuron[j] = neuron;
            roleMember[j] = member;
            return v;
        }

        AffineForm[] affine(AffineLayer a, AffineForm[] in) {
            AffineForm[] out = new AffineForm[a.outputSize()];
            for (int i = 0; i < out.length; i++) {
                acc.reset(a.bias(i));
                for (int q = a.rowStart(i); q < a.rowEnd(i); q++) acc.add(a.value(q), in[a.column(q)]);
                out[i] = acc.build();
            }
            return out;
        }

        AffineForm[] residual(AffineForm[] in, AffineForm[] source) {
            AffineForm[] out = new AffineForm[in.length];
            for (int i = 0; i < out.length; i++) {
                acc.reset(0);
                acc.add(1.0, in[i]);
                acc.add(1.0, source[i]);
                out[i] = acc.build();
            }
            return out;
        }

        AffineForm[] relu(int k, AffineForm[] z, int priority) {
            AffineForm[] out = new AffineForm[z.length];
            for (int i = 0; i < z.length; i++) {
                double l = bounds.lower(k - 1, i);
                double u = bounds.upper(k - 1, i);
                if (l >= 0) {
                    out[i] = z[i];
                } else if (u <= 0) {
                    out[i] = AffineForm.constant(0.0);
                } else {
                    if (!Double.isFinite(l) || !Double.isFinite(u)) {
                        throw new IllegalArgumentException("encoding: ReLU layer " + k + " neuron " + i + " has unbounded pre-activation [" + l + ", " + u + "]");
                    }
                    AffineForm zi = z[i];
                    // big-M values and right-hand sides widened outward: the rows admit every forward pass
                    double sl = slack(zi, Math.abs(l) + Math.abs(u));
                    double lw = l - sl;
                    double uw = u + sl;
                    Variable a = newVariable("a" + k + "_" + i, 0.0, uw, VarType.CONTINUOUS, ReluMipEncoding.Role.RELU_OUTPUT, k, i, -1);
                    Variable d = newVariable("d" + k + "_" + i, 0.0, 1.0, VarType.BINARY, ReluMipEncoding.Role.RELU_PHASE, k, i, -1);
                    d.setBranchPriority(priority);
                    binaries++;
                    // a - z >= -slack
                    row("relu_ge" + k + "_" + i, a.index(), 1.0, -1, 0.0, zi, -1.0, -sl, true);
                    // a - z - l d <= -l + slack
                    row("relu_le" + k + "_" + i, a.index(), 1.0, d.index(), -lw, zi, -1.0, Math.nextUp(-lw + sl), false);
                    // a - u d <= 0
                    model.addConstraint("relu_on" + k + "_" + i, new int[] {a.index(), d.index()}, new double[] {1.0, -uw},
                            Double.NEGATIVE_INFINITY, 0.0);
                    out[i] = AffineForm.variable(a.index());
                }
            }
            return out;
        }

        /**
         * Adds {@code c1 x[v1] + c2 x[v2] + f * form} compared with {@code rhs}: {@code >= rhs} when {@code ge},
         * else {@code <= rhs}; the form's constant moves to the right-hand side.
         */
        void row(String name, int v1, double c1, int v2, double c2, AffineForm form, double f, double rhs, boolean ge) {
            AffineForm r;
            if (f == -1.0 && before(form, v1, v2)) {
                r = negatedWith(form, v1, c1, v2, c2);
            } else {
                acc.reset(0);
                acc.add(f, form);
                acc.add(c1, v1);
                if (v2 >= 0) acc.add(c2, v2);
                r = acc.build();
            }
            // r.constant() + r . x is within r.error() of c1 x1 + c2 x2 + f z for the exact neuron value z
            double b = rhs - r.constant();
            b = ge ? Math.nextDown(Math.nextDown(b) - r.error()) : Math.nextUp(Math.nextUp(b) + r.error());
            if (ge) model.addConstraint(name, r.variables(), r.coefficients(), b, Double.POSITIVE_INFINITY);
            else model.addConstraint(name, r.variables(), r.coefficients(), Double.NEGATIVE_INFINITY, b);
        }

        /** Whether the form's variables increase strictly and stay below {@code v1 < v2} (or {@code v2 < 0}). */
        static boolean before(AffineForm form, int v1, int v2) {
            if (v2 >= 0 && v2 <= v1) return false;
            int[] vars = form.variables();
            int last = -1;
            for (int v : vars) {
                if (v <= last) return false;
                last = v;
            }
            return last < v1;
        }

        /**
         * {@code c1 x[v1] + c2 x[v2] - form} without rounding: negation is exact and the new variables are distinct
         * from the form's (see {@link #before}), so the result is within the form's own error of the exact value;
         * the accumulator would find the same coefficients in the same order and only add a round-off margin.
         */
        static AffineForm negatedWith(AffineForm form, int v1, double c1, int v2, double c2) {
            int n = form.size();
            int extra = (c1 != 0 ? 1 : 0) + (v2 >= 0 && c2 != 0 ? 1 : 0);
            int[] vars = Arrays.copyOf(form.variables(), n + extra);
            double[] coefs = new double[n + extra];
            double[] fc = form.coefficients();
            for (int k = 0; k < n; k++) coefs[k] = -fc[k];
            int p = n;
            if (c1 != 0) {
                vars[p] = v1;
                coefs[p++] = c1;
            }
            if (v2 >= 0 && c2 != 0) {
                vars[p] = v2;
                coefs[p] = c2;
            }
            return new AffineForm(vars, coefs, -form.constant(), form.error());
        }

        /**
         * {@code y = atan(z)} relaxed to the band of its enclosure piece: binaries {@code d_p} pick one piece
         * ({@code sum d_p = 1}, {@code sum from_p d_p <= z <= sum to_p d_p}) and the chosen piece's lines bound
         * {@code y}; the other pieces' lines are switched off by big-Ms sized over {@code [l, u]}.
         */
        AffineForm[] arctan(int k, ArctanLayer layer, AffineForm[] z, int priority) {
            if (arctanPieces == 0) {
                throw new IllegalArgumentException("encoding: layer " + k + " (" + layer.describe() + ") is not supported by this "
                        + "encoder; arctan is only encoded as a relaxation (maximum resilience)");
            }
            AffineForm[] out = new AffineForm[z.length];
            for (int i = 0; i < z.length; i++) {
                double l = bounds.lower(k - 1, i);
                double u = bounds.upper(k - 1, i);
                if (!Double.isFinite(l) || !Double.isFinite(u)) {
                    throw new IllegalArgumentException("encoding: arctan layer " + k + " neuron " + i + " has unbounded input [" + l + ", " + u + "]");
                }
                List<ArctanEnclosure.Piece> pieces = ArctanEnclosure.pieces(l, u, arctanPieces);
                double yl = Math.max(ArctanEnclosure.lower(l), bounds.lower(k, i));
                double yu = Math.min(ArctanEnclosure.upper(u), bounds.upper(k, i));
                Variable y = newVariable("t" + k + "_" + i, yl, yu, VarType.CONTINUOUS, ReluMipEncoding.Role.ATAN_OUTPUT, k, i, -1);
                out[i] = AffineForm.variable(y.index());
                int[] sel = new int[pieces.size()];
                if (pieces.size() > 1) {
                    for (int q = 0; q < sel.length; q++) {
                        Variable d = newVariable("c" + k + "_" + i + "_" + q, 0.0, 1.0, VarType.BINARY, ReluMipEncoding.Role.ATAN_PIECE, k, i, q);
                        d.setBranchPriority(priority);
                        binaries++;
                        sel[q] = d.index();
                    }
                    double[] ones = new double[sel.length];
                    Arrays.fill(ones, 1.0);
                    model.addConstraint("atan_one" + k + "_" + i, sel, ones, 1.0, 1.0);
                    // from_p d_p summed <= z <= to_p d_p summed, and the same for y with atan(from_p), atan(to_p)
                    for (int side = 0; side < 4; side++) {
                        acc.reset(0);
                        acc.add(1.0, side < 2 ? z[i] : out[i]);
                        for (int q = 0; q < sel.length; q++) {
                            ArctanEnclosure.Piece p = pieces.get(q);
                            acc.add(-(side == 0 ? p.from() : side == 1 ? p.to() : side == 2 ? p.yFrom() : p.yTo()), sel[q]);
                        }
                        AffineForm r = acc.build();
                        // outward by the composition error, as in row()
                        double rhs = side % 2 == 0 ? Math.nextDown(Math.nextDown(-r.constant()) - r.error())
                                : Math.nextUp(Math.nextUp(-r.constant()) + r.error());
                        if (side % 2 == 0) model.addConstraint("atan_from" + side + "_" + k + "_" + i, r.variables(), r.coefficients(), rhs, Double.POSITIVE_INFINITY);
                        else model.addConstraint("atan_to" + side + "_" + k + "_" + i, r.variables(), r.coefficients(), Double.NEGATIVE_INFINITY, rhs);
                    }
                }
                for (int q = 0; q < pieces.size(); q++) {
                    ArctanEnclosure.Piece p = pieces.get(q);
                    int dq = pieces.size() > 1 ? sel[q] : -1;
                    for (int t = 0; t < p.lowSlopes().length; t++) {
                        double s = p.lowSlopes()[t];
                        double c = p.lowIntercepts()[t];
                        // Off: y >= yl >= s z + c - m for every z in [l, u] (s > 0). y - s z - m d >= c - m
                        double m = dq < 0 ? 0.0 : safeM(Math.nextUp(Math.nextUp(Math.nextUp(s * u) + c) - yl));
                        row("atan_lo" + k + "_" + i + "_" + q + "_" + t, y.index(), 1.0, dq, -m, z[i], -s, c - m, true);
                    }
                    for (int t = 0; t < p.highSlopes().length; t++) {
                        double s = p.highSlopes()[t];
                        double c = p.highIntercepts()[t];
                        // Off: y <= yu <= s z + c + m for every z in [l, u]. y - s z + m d <= c + m
                        double m = dq < 0 ? 0.0 : safeM(Math.nextUp(yu - Math.nextDown(Math.nextDown(s * l) + c)));
                        row("atan_hi" + k + "_" + i + "_" + q + "_" + t, y.index(), 1.0, dq, m, z[i], -s, c + m, false);
                    }
                }
            }
            return out;
        }

        /** A big-M at least {@code m} (computed rounded up), widened further (a larger M only weakens the switched-off row). */
        static double safeM(double m) {
            return Math.max(0.0, m) * (1 + 1e-9) + 1e-9;
        }

        AffineForm[] maxPool(int k, MaxPoolLayer pool, AffineForm[] in, int priority) {
            AffineForm[] out = new AffineForm[pool.groupCount()];
            for (int g = 0; g < out.length; g++) {
                int[] members = pool.group(g);
                double maxLower = Double.NEGATIVE_INFINITY;
                double maxUpper = Double.NEGATIVE_INFINITY;
                int best = members[0];
                for (int j : members) {
                    if (bounds.lower(k - 1, j) > maxLower) {
                        maxLower = bounds.lower(k - 1, j);
                        best = j;
                    }
                    maxUpper = Math.max(maxUpper, bounds.upper(k - 1, j));
                }
                boolean dominated = true;
                for (int j : members) if (j != best && bounds.upper(k - 1, j) > maxLower) dominated = false;
                if (dominated) {
                    out[g] = in[best];
                    continue;
                }
                // Members whose upper bound is below the largest lower bound can never exceed the maximum; repeats add nothing.
                final double floor = maxLower;
                int[] live = Arrays.stream(members).filter(j -> bounds.upper(k - 1, j) >= floor).distinct().toArray();
                for (int j : live) {
                    if (!Double.isFinite(bounds.lower(k - 1, j)) || !Double.isFinite(maxUpper)) {
                        throw new IllegalArgumentException("encoding: max-pool layer " + k + " input " + j + " is unbounded");
                    }
                }
                double sl = 0;
                for (int j : live) {
                    sl = Math.max(sl, slack(in[j], Math.abs(maxUpper) + Math.abs(bounds.lower(k - 1, j))));
                }
                Variable y = newVariable("p" + k + "_" + g, maxLower - sl, maxUpper + sl, VarType.CONTINUOUS, ReluMipEncoding.Role.POOL_OUTPUT, k, g, -1);
                int[] sel = new int[live.length];
                for (int q = 0; q < live.length; q++) {
                    Variable d = newVariable("s" + k + "_" + g + "_" + live[q], 0.0, 1.0, VarType.BINARY, ReluMipEncoding.Role.POOL_SELECT, k, g, live[q]);
                    d.setBranchPriority(priority);
                    binaries++;
                    sel[q] = d.index();
                }
                double[] ones = new double[live.length];
                Arrays.fill(ones, 1.0);
                model.addConstraint("pool_one" + k + "_" + g, sel, ones, 1.0, 1.0);
                for (int q = 0; q < live.length; q++) {
                    int j = live[q];
                    double m = Math.nextUp(maxUpper - bounds.lower(k - 1, j)) + 2 * sl;
                    // y - x_j >= -slack
                    row("pool_ge" + k + "_" + g + "_" + j, y.index(), 1.0, -1, 0.0, in[j], -1.0, -sl, true);
                    // y - x_j + m d_j <= m + slack
                    row("pool_le" + k + "_" + g + "_" + j, y.index(), 1.0, sel[q], m, in[j], -1.0, Math.nextUp(m + sl), false);
                }
                out[g] = AffineForm.variable(y.index());
            }
            return out;
        }
    }
}
