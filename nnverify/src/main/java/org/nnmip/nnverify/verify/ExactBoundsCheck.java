package org.nnmip.nnverify.verify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Checks claimed bounds on every layer output of a network over an input box in exact decimal arithmetic, with
 * none of the solver's bound code: layer by layer, each claim must follow from the input box and the claims of the
 * layers before it (already checked), either by interval arithmetic through the layer or by back-substitution to
 * the input (DeepPoly / CROWN, Singh et al. 2019, Sec. 4; Zhang et al. 2018, Sec. 3) through linear relaxations
 * built from those claims. Every relaxation is valid for any slope: the upper line of an unstable ReLU over
 * {@code [l, u]} uses the slope {@code s = fl(u / (u - l))} and the intercept {@code max(-s l, u - s u)}, so it
 * lies above the ReLU at both ends and, by convexity, in between. Coefficients are rounded to
 * {@value #DIGITS} digits after each step to keep the numbers short; the rounding's effect over the bounded values
 * they multiply is moved, exactly, into the constant (a lower bound's constant is only ever rounded down).
 */
final class ExactBoundsCheck {
    static final int DIGITS = 24;
    private static final MathContext COEF = new MathContext(DIGITS, RoundingMode.HALF_EVEN);
    private static final MathContext DOWN = new MathContext(DIGITS + 6, RoundingMode.FLOOR);

    private final Network net;
    /** Checked bounds of layer k's output at index k + 1 (index 0: the input box). */
    private final BigDecimal[][] lo;
    private final BigDecimal[][] hi;
    private final Map<AffineLayer, BigDecimal[]> weights = new java.util.IdentityHashMap<>();

    private ExactBoundsCheck(Network net, Box box) {
        this.net = net;
        lo = new BigDecimal[net.layerCount() + 1][];
        hi = new BigDecimal[net.layerCount() + 1][];
        lo[0] = new BigDecimal[box.dimension()];
        hi[0] = new BigDecimal[box.dimension()];
        for (int i = 0; i < box.dimension(); i++) {
            lo[0][i] = new BigDecimal(box.lower(i));
            hi[0][i] = new BigDecimal(box.upper(i));
        }
    }

    /**
     * Null when every claim ({@code lower[k][i] <= output i of layer k <= upper[k][i]} over {@code box}) holds and
     * the claimed lower bound of output {@code positive} of the last layer is above 0; otherwise the first claim
     * that does not follow, with the bound that does.
     */
    static String check(Network net, Box box, double[][] lower, double[][] upper, int positive) {
        int n = net.layerCount();
        if (lower.length == n && positive >= 0 && positive < lower[n - 1].length && !(lower[n - 1][positive] > 0)) {
            return "constraint " + positive + ": claimed lower bound " + lower[n - 1][positive] + " of c.y - rhs is not positive, so it proves nothing";
        }
        if (positive < 0 || positive >= net.outputSize()) return "constraint " + positive + " does not exist (" + net.outputSize() + " constraints)";
        return checkClaims(net, box, lower, upper);
    }

    /** Null when every claimed bound of every layer follows from the box; otherwise the first that does not. */
    static String checkClaims(Network net, Box box, double[][] lower, double[][] upper) {
        if (!box.isBounded()) return "the input box is unbounded";
        for (Layer layer : net.layers()) {
            if (layer instanceof ArctanLayer) return "layer " + layer.describe() + " has no exact-arithmetic bounds check";
        }
        int n = net.layerCount();
        if (lower.length != n || upper.length != n) return "bounds are claimed for " + lower.length + " layers, the network has " + n;
        for (int k = 0; k < n; k++) {
            int m = net.layer(k).outputSize();
            if (lower[k].length != m || upper[k].length != m) return "layer " + k + ": bounds claimed for " + lower[k].length + " neurons, the layer has " + m;
            for (int i = 0; i < m; i++) {
                if (!Double.isFinite(lower[k][i]) || !Double.isFinite(upper[k][i])) return "layer " + k + " neuron " + i + ": claimed bound is not finite";
            }
        }
        ExactBoundsCheck c = new ExactBoundsCheck(net, box);
        for (int k = 0; k < n; k++) {
            String problem = c.checkLayer(k, lower[k], upper[k]);
            if (problem != null) return problem;
        }
        return null;
    }

    private String checkLayer(int k, double[] claimLo, double[] claimHi) {
        Layer layer = net.layer(k);
        int m = layer.outputSize();
        BigDecimal[][] ibp = intervalStep(k);
        BigDecimal[] cl = new BigDecimal[m];
        BigDecimal[] cu = new BigDecimal[m];
        boolean[] needLo = new boolean[m];
        boolean[] needHi = new boolean[m];
        boolean any = false;
        for (int i = 0; i < m; i++) {
            cl[i] = new BigDecimal(claimLo[i]);
            cu[i] = new BigDecimal(claimHi[i]);
            needLo[i] = cl[i].compareTo(ibp[0][i]) > 0;
            needHi[i] = cu[i].compareTo(ibp[1][i]) < 0;
            any |= needLo[i] || needHi[i];
        }
        if (any && (layer instanceof AffineLayer || layer instanceof ResidualAddLayer)) {
            BigDecimal[][] sym = backSubstitute(k, needLo, needHi);
            for (int i = 0; i < m; i++) {
                if (needLo[i] && cl[i].compareTo(sym[0][i]) <= 0) needLo[i] = false;
                if (needHi[i] && cu[i].compareTo(sym[1][i]) >= 0) needHi[i] = false;
                if (needLo[i]) return notImplied(k, i, "lower", claimLo[i], ibp[0][i].max(sym[0][i]));
                if (needHi[i]) return notImplied(k, i, "upper", claimHi[i], ibp[1][i].min(sym[1][i]));
            }
        }
        for (int i = 0; i < m; i++) {
            if (needLo[i]) return notImplied(k, i, "lower", claimLo[i], ibp[0][i]);
            if (needHi[i]) return notImplied(k, i, "upper", claimHi[i], ibp[1][i]);
        }
        lo[k + 1] = cl;
        hi[k + 1] = cu;
        return null;
    }

    private String notImplied(int k, int i, String side, double claim, BigDecimal proven) {
        return "layer " + k + " (" + net.layer(k).describe() + ") neuron " + i + ": claimed " + side + " bound " + claim
                + " does not follow from the bounds before it; exact arithmetic proves only " + side + " bound "
                + proven.round(new MathContext(17, side.equals("lower") ? RoundingMode.FLOOR : RoundingMode.CEILING)).toString();
    }

    // ---- interval arithmetic through one layer ----------------------------------------------------------------

    private BigDecimal[] weights(AffineLayer a) {
        return weights.computeIfAbsent(a, key -> {
            BigDecimal[] w = new BigDecimal[a.rowEnd(a.outputSize() - 1)];
            for (int q = 0; q < w.length; q++) w[q] = new BigDecimal(a.value(q));
            return w;
        });
    }

    private BigDecimal[][] intervalStep(int k) {
        Layer layer = net.layer(k);
        BigDecimal[] l = lo[k];
        BigDecimal[] u = hi[k];
        int m = layer.outputSize();
        BigDecimal[] nl = new BigDecimal[m];
        BigDecimal[] nu = new BigDecimal[m];
        switch (layer) {
            case AffineLayer a -> {
                BigDecimal[] w = weights(a);
                for (int i = 0; i < m; i++) {
                    BigDecimal sl = new BigDecimal(a.bias(i));
                    BigDecimal su = sl;
                    for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                        int j = a.column(q);
                        if (w[q].signum() >= 0) {
                            sl = sl.add(w[q].multiply(l[j]));
                            su = su.add(w[q].multiply(u[j]));
                        } else {
                            sl = sl.add(w[q].multiply(u[j]));
                            su = su.add(w[q].multiply(l[j]));
                        }
                    }
                    nl[i] = sl;
                    nu[i] = su;
                }
            }
            case ReluLayer r -> {
                for (int i = 0; i < m; i++) {
                    nl[i] = l[i].max(BigDecimal.ZERO);
                    nu[i] = u[i].max(BigDecimal.ZERO);
                }
            }
            case ReshapeLayer r -> {
                System.arraycopy(l, 0, nl, 0, m);
                System.arraycopy(u, 0, nu, 0, m);
            }
            case MaxPoolLayer p -> {
                for (int g = 0; g < m; g++) {
                    for (int j : p.group(g)) {
                        nl[g] = nl[g] == null ? l[j] : nl[g].max(l[j]);
                        nu[g] = nu[g] == null ? u[j] : nu[g].max(u[j]);
                    }
                }
            }
            case ResidualAddLayer add -> {
                for (int i = 0; i < m; i++) {
                    nl[i] = l[i].add(lo[add.source() + 1][i]);
                    nu[i] = u[i].add(hi[add.source() + 1][i]);
                }
            }
            case ArctanLayer t -> throw new IllegalStateException("arctan layers are refused before the exact check");
        }
        return new BigDecimal[][] {nl, nu};
    }

    // ---- back-substitution ------------------------------------------------------------------------------------

    /** Lower bounds {@code sum coef[r][t] y_t + constant[r]} of some rows in terms of one layer's output y. */
    private static final class Linear {
        final BigDecimal[][] coef;
        final BigDecimal[] constant;

        Linear(int rows, int cols) {
            coef = new BigDecimal[rows][cols];
            constant = new BigDecimal[rows];
            for (BigDecimal[] row : coef) java.util.Arrays.fill(row, BigDecimal.ZERO);
            java.util.Arrays.fill(constant, BigDecimal.ZERO);
        }
    }

    /**
     * Exact bounds of the selected outputs of layer {@code k} (affine or residual add) by back-substitution: an upper
     * bound is minus the lower bound of the negated row. Returns {lower[], upper[]}, null where not selected.
     */
    private BigDecimal[][] backSubstitute(int k, boolean[] wantLo, boolean[] wantHi) {
        Layer target = net.layer(k);
        int m = target.outputSize();
        int[] neuron = new int[2 * m];
        int[] sign = new int[2 * m];
        int rows = 0;
        for (int i = 0; i < m; i++) {
            if (wantLo[i]) { neuron[rows] = i; sign[rows++] = 1; }
            if (wantHi[i]) { neuron[rows] = i; sign[rows++] = -1; }
        }
        Map<Integer, Linear> pending = new HashMap<>();
        Linear start = new Linear(rows, target.inputSize());
        if (target instanceof AffineLayer a) {
            BigDecimal[] w = weights(a);
            for (int r = 0; r < rows; r++) {
                BigDecimal s = BigDecimal.valueOf(sign[r]);
                for (int q = a.rowStart(neuron[r]); q < a.rowEnd(neuron[r]); q++) start.coef[r][a.column(q)] = w[q].multiply(s);
                start.constant[r] = new BigDecimal(a.bias(neuron[r])).multiply(s);
            }
            pending.put(k - 1, start);
        } else {
            ResidualAddLayer add = (ResidualAddLayer) target;
            Linear other = new Linear(rows, m);
            for (int r = 0; r < rows; r++) {
                start.coef[r][neuron[r]] = BigDecimal.valueOf(sign[r]);
                other.coef[r][neuron[r]] = BigDecimal.valueOf(sign[r]);
            }
            pending.put(k - 1, start);
            accumulate(pending, add.source(), other);
        }
        for (int j = k - 1; j >= 0; j--) {
            Linear cur = pending.remove(j);
            if (cur == null) continue;
            Linear next = switch (net.layer(j)) {
                case AffineLayer a -> throughAffine(cur, a);
                case ReluLayer r -> throughRelu(cur, lo[j], hi[j]);
                case ReshapeLayer r -> cur;
                case MaxPoolLayer p -> throughMaxPool(cur, p, lo[j], hi[j]);
                case ResidualAddLayer add -> {
                    Linear copy = new Linear(rows, cur.coef[0].length);
                    for (int r = 0; r < rows; r++) copy.coef[r] = cur.coef[r].clone();
                    accumulate(pending, add.source(), copy);
                    yield cur;
                }
                case ArctanLayer t -> throw new IllegalStateException("arctan layers are refused before the exact check");
            };
            accumulate(pending, j - 1, next);
        }
        Linear in = pending.get(-1);
        BigDecimal[][] out = new BigDecimal[2][m];
        for (int r = 0; r < rows; r++) {
            BigDecimal v = in.constant[r];
            for (int q = 0; q < in.coef[r].length; q++) {
                BigDecimal d = in.coef[r][q];
                if (d.signum() != 0) v = v.add(d.multiply(d.signum() > 0 ? lo[0][q] : hi[0][q]));
            }
            if (sign[r] > 0) out[0][neuron[r]] = v;
            else out[1][neuron[r]] = v.negate();
        }
        return out;
    }

    /**
     * Adds {@code add} into the pending bounds on layer {@code at}'s output, rounding every coefficient to
     * {@link #DIGITS} digits: the dropped part {@code e} of a coefficient multiplies a value in {@code [l, u]}, so
     * {@code min(e l, e u)} (exact) joins the constant, which is then rounded down.
     */
    private void accumulate(Map<Integer, Linear> pending, int at, Linear add) {
        BigDecimal[] l = lo[at + 1];
        BigDecimal[] u = hi[at + 1];
        Linear old = pending.get(at);
        for (int r = 0; r < add.coef.length; r++) {
            BigDecimal c = add.constant[r];
            for (int t = 0; t < add.coef[r].length; t++) {
                BigDecimal d = add.coef[r][t];
                if (old != null) d = d.add(old.coef[r][t]);
                if (d.signum() == 0) {
                    add.coef[r][t] = BigDecimal.ZERO;
                    continue;
                }
                BigDecimal rounded = d.round(COEF);
                BigDecimal e = d.subtract(rounded);
                if (e.signum() != 0) c = c.add(e.multiply(e.signum() > 0 ? l[t] : u[t]));
                add.coef[r][t] = rounded;
            }
            if (old != null) c = c.add(old.constant[r]);
            add.constant[r] = c.round(DOWN);
        }
        pending.put(at, add);
    }

    /** {@code y = W x + b}: coefficients {@code coef W} (exact; rounded when accumulated) and constant {@code + coef b}. */
    private Linear throughAffine(Linear cur, AffineLayer a) {
        BigDecimal[] w = weights(a);
        int rows = cur.coef.length;
        Linear next = new Linear(rows, a.inputSize());
        for (int r = 0; r < rows; r++) {
            BigDecimal c = cur.constant[r];
            BigDecimal[] out = next.coef[r];
            for (int t = 0; t < a.outputSize(); t++) {
                BigDecimal ct = cur.coef[r][t];
                if (ct.signum() == 0) continue;
                c = c.add(ct.multiply(new BigDecimal(a.bias(t))));
                for (int q = a.rowStart(t); q < a.rowEnd(t); q++) out[a.column(q)] = out[a.column(q)].add(ct.multiply(w[q]));
            }
            next.constant[r] = c;
        }
        return next;
    }

    /** Lower bound through {@code y = relu(x)}, {@code x in [l, u]} (the checked bounds of the ReLU's input). */
    private static Linear throughRelu(Linear cur, BigDecimal[] l, BigDecimal[] u) {
        int rows = cur.coef.length;
        int n = l.length;
        BigDecimal[] slope = new BigDecimal[n];
        BigDecimal[] intercept = new BigDecimal[n];
        for (int t = 0; t < n; t++) {
            if (l[t].signum() < 0 && u[t].signum() > 0) {
                // any slope is sound; the solver's own double u / (u - l) keeps the check at least as tight as its claim
                double ud = u[t].doubleValue();
                double sd = ud / (ud - l[t].doubleValue());
                BigDecimal s = Double.isFinite(sd) ? new BigDecimal(sd) : BigDecimal.ZERO;
                slope[t] = s;
                intercept[t] = s.multiply(l[t]).negate().max(u[t].subtract(s.multiply(u[t])));
            }
        }
        Linear next = new Linear(rows, n);
        for (int r = 0; r < rows; r++) {
            BigDecimal c = cur.constant[r];
            for (int t = 0; t < n; t++) {
                BigDecimal a = cur.coef[r][t];
                if (a.signum() == 0 || u[t].signum() <= 0) continue; // inactive: y = 0
                if (l[t].signum() >= 0) {
                    next.coef[r][t] = a; // active: y = x
                } else if (a.signum() > 0) {
                    // y >= alpha x for alpha in {0, 1}: y >= x and y >= 0
                    next.coef[r][t] = u[t].compareTo(l[t].negate()) > 0 ? a : BigDecimal.ZERO;
                } else {
                    // a < 0: a y >= a (s x + beta)
                    next.coef[r][t] = a.multiply(slope[t]);
                    c = c.add(a.multiply(intercept[t]));
                }
            }
            next.constant[r] = c;
        }
        return next;
    }

    /** Lower bound through a max-pool: {@code y_g >= x_best}; {@code a y_g >= a maxUpper} for {@code a < 0}, or {@code = a x_best} when it dominates. */
    private static Linear throughMaxPool(Linear cur, MaxPoolLayer p, BigDecimal[] l, BigDecimal[] u) {
        int rows = cur.coef.length;
        Linear next = new Linear(rows, p.inputSize());
        int groups = p.groupCount();
        int[] best = new int[groups];
        BigDecimal[] maxUpper = new BigDecimal[groups];
        boolean[] dominated = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            int[] idx = p.group(g);
            int b = idx[0];
            for (int j : idx) if (l[j].compareTo(l[b]) > 0) b = j;
            BigDecimal mu = u[idx[0]];
            boolean dom = true;
            for (int j : idx) {
                mu = mu.max(u[j]);
                if (j != b && u[j].compareTo(l[b]) > 0) dom = false;
            }
            best[g] = b;
            maxUpper[g] = mu;
            dominated[g] = dom;
        }
        for (int r = 0; r < rows; r++) {
            BigDecimal c = cur.constant[r];
            for (int g = 0; g < groups; g++) {
                BigDecimal a = cur.coef[r][g];
                if (a.signum() == 0) continue;
                if (a.signum() > 0 || dominated[g]) next.coef[r][best[g]] = next.coef[r][best[g]].add(a);
                else c = c.add(a.multiply(maxUpper[g]));
            }
            next.constant[r] = c;
        }
        return next;
    }
}
