package org.nnmip.nnverify.bounds;

import java.util.HashMap;
import java.util.Map;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Symbolic linear relaxation with back-substitution to the input: DeepPoly (Singh et al. 2019, "An abstract domain
 * for certifying neural networks", Sec. 4) / CROWN (Zhang et al. 2018, "Efficient neural network robustness
 * certification with general activation functions", Sec. 3). For every affine (or residual-add) layer the bound
 * of each neuron is written as a linear function of the previous layer's output and pushed back layer by layer;
 * an unstable ReLU {@code l < 0 < u} is replaced by the upper line through {@code (l,0),(u,u)} and the lower line
 * {@code y >= a x} with the adaptive slope {@code a = 1} if {@code u > -l} else 0; a max-pool by its largest-lower
 * input below and the largest upper bound (or the dominating input) above. ReLU, reshape and max-pool outputs
 * take interval bounds from their tightened inputs. The result is intersected with the given bounds and IBP.
 *
 * <p>Floating point, rigorously: a linear bound is a statement about its stored double coefficients evaluated in
 * exact arithmetic, plus a per-row margin {@code err}. The relaxation lines are made sound for their rounded
 * coefficients (the intercept is rounded so the line lies above both end points); every step that computes new
 * coefficients in floating point adds to the margin an upper bound on how far the rounded coefficients can move
 * the bound over the values the layer can take ({@link ErrorBound}: {@code gamma_n sum |A||W| |x|max + n eta}
 * for a substitution through an affine layer, {@code 2u |term| + eta} per rounded product or sum otherwise);
 * margins are summed rounded up, and the final concretisation over the box is outward-rounded. Every bound thus
 * contains the exact real-valued network's value for every input of the box.
 */
public final class SymbolicBounds {
    private static final double U = ErrorBound.U;
    private static final double ETA = ErrorBound.ETA;

    private SymbolicBounds() { }

    public static NetworkBounds compute(Network net, Box input) {
        return tighten(NetworkBounds.unbounded(net, input));
    }

    public static NetworkBounds tighten(NetworkBounds given) {
        Network net = given.network();
        double[][] lo = given.lowerArrays();
        double[][] hi = given.upperArrays();
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            double[][] ibp = IntervalBounds.propagate(layer, lo[k], hi[k], lo, hi);
            double[] nl = ibp[0];
            double[] nu = ibp[1];
            if (layer instanceof AffineLayer || layer instanceof ResidualAddLayer) {
                double[][] sym = backSubstitute(net, k, lo, hi);
                for (int i = 0; i < nl.length; i++) {
                    nl[i] = Math.max(nl[i], sym[0][i]);
                    nu[i] = Math.min(nu[i], sym[1][i]);
                }
            }
            for (int i = 0; i < nl.length; i++) {
                lo[k + 1][i] = Math.max(lo[k + 1][i], nl[i]);
                hi[k + 1][i] = Math.min(hi[k + 1][i], nu[i]);
            }
        }
        return new NetworkBounds(net, lo, hi);
    }

    /**
     * Linear bounds {@code L y + cL - errL <= target <= U y + cU + errU} of the targets in terms of one layer's
     * output {@code y}; rows are target neurons.
     */
    private static final class Linear {
        final double[][] lower;
        final double[][] upper;
        final double[] cLower;
        final double[] cUpper;
        final double[] errLower;
        final double[] errUpper;

        Linear(int rows, int cols) {
            lower = new double[rows][cols];
            upper = new double[rows][cols];
            cLower = new double[rows];
            cUpper = new double[rows];
            errLower = new double[rows];
            errUpper = new double[rows];
        }

        int rows() { return lower.length; }
    }

    /** Bounds of layer k's output (k an affine or residual-add layer) from back-substitution down to the input. */
    private static double[][] backSubstitute(Network net, int k, double[][] lo, double[][] hi) {
        Layer target = net.layer(k);
        int rows = target.outputSize();
        Map<Integer, Linear> pending = new HashMap<>();
        Linear start = new Linear(rows, target.inputSize());
        // One step through the target layer itself: exact copies of its weights (or identity for an add).
        if (target instanceof AffineLayer a) {
            for (int i = 0; i < rows; i++) {
                for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                    start.lower[i][a.column(q)] = a.value(q);
                    start.upper[i][a.column(q)] = a.value(q);
                }
                start.cLower[i] = a.bias(i);
                start.cUpper[i] = a.bias(i);
            }
            pending.put(k - 1, start);
        } else {
            ResidualAddLayer add = (ResidualAddLayer) target;
            for (int i = 0; i < rows; i++) {
                start.lower[i][i] = 1;
                start.upper[i][i] = 1;
            }
            pending.put(k - 1, start);
            accumulate(pending, add.source(), coefficientsOnly(start), magnitude(lo[add.source() + 1], hi[add.source() + 1]));
        }
        return substituteToInput(net, k - 1, pending, lo, hi);
    }

    /**
     * Bounds on the linear objectives {@code objectives[r] . output} over the input box (e.g. the output
     * constraints of a property, {@code Y_i - Y_0}), back-substituted through the whole network with the given
     * intermediate bounds: tighter than combining interval bounds of the outputs (CROWN with a specification
     * matrix, Zhang et al. 2018, Sec. 3.2). Returns {@code {lower[], upper[]}}, outward-rounded, per objective.
     */
    public static double[][] linearBounds(NetworkBounds bounds, double[][] objectives) {
        Network net = bounds.network();
        int last = net.layerCount() - 1;
        int m = net.outputSize();
        Linear start = new Linear(objectives.length, m);
        for (int r = 0; r < objectives.length; r++) {
            if (objectives[r].length != m) {
                throw new IllegalArgumentException("objective " + r + " has " + objectives[r].length + " coefficients, network has " + m + " outputs");
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(objectives[r][j])) throw new IllegalArgumentException("objective " + r + " coefficient " + j + " is not finite");
                start.lower[r][j] = objectives[r][j];
                start.upper[r][j] = objectives[r][j];
            }
        }
        Map<Integer, Linear> pending = new HashMap<>();
        pending.put(last, start);
        double[][] lo = bounds.lowerArrays();
        double[][] hi = bounds.upperArrays();
        double[][] sym = substituteToInput(net, last, pending, lo, hi);
        // Never looser than the interval combination of the output bounds.
        double[] ol = lo[last + 1];
        double[] ou = hi[last + 1];
        for (int r = 0; r < objectives.length; r++) {
            double il = 0;
            double iu = 0;
            for (int j = 0; j < m; j++) {
                double c = objectives[r][j];
                if (c == 0) continue;
                il = Math.nextDown(il + Math.nextDown(c > 0 ? c * ol[j] : c * ou[j]));
                iu = Math.nextUp(iu + Math.nextUp(c > 0 ? c * ou[j] : c * ol[j]));
            }
            sym[0][r] = Math.max(sym[0][r], il);
            sym[1][r] = Math.min(sym[1][r], iu);
        }
        return sym;
    }

    /** Pushes the pending linear bounds (on outputs of layers {@code <= from}) down to the input and concretises. */
    private static double[][] substituteToInput(Network net, int from, Map<Integer, Linear> pending, double[][] lo, double[][] hi) {
        for (int j = from; j >= 0; j--) {
            Linear cur = pending.remove(j);
            if (cur == null) continue;
            Layer layer = net.layer(j);
            double[] l = lo[j];
            double[] u = hi[j];
            double[] mag = magnitude(l, u);
            Linear next = switch (layer) {
                case AffineLayer a -> throughAffine(cur, a, mag);
                case ReluLayer r -> throughRelu(cur, l, u, mag);
                case ReshapeLayer r -> cur;
                case MaxPoolLayer p -> throughMaxPool(cur, p, l, u, mag);
                case ArctanLayer t -> throughArctan(cur, l, u);
                case ResidualAddLayer add -> {
                    accumulate(pending, add.source(), coefficientsOnly(cur), magnitude(lo[add.source() + 1], hi[add.source() + 1]));
                    yield cur;
                }
            };
            accumulate(pending, j - 1, next, mag);
        }
        return concretize(pending.get(-1), lo[0], hi[0]);
    }

    /**
     * The coefficients of {@code a} without its constants and margins: at a residual add {@code y = x + s} the
     * linear bound {@code A y + c} splits into {@code A x + c} and {@code A s}; the constant must go one way only.
     */
    private static Linear coefficientsOnly(Linear a) {
        Linear c = new Linear(a.rows(), a.lower[0].length);
        for (int i = 0; i < a.rows(); i++) {
            c.lower[i] = a.lower[i].clone();
            c.upper[i] = a.upper[i].clone();
        }
        return c;
    }

    /** Adds {@code add} to the pending bounds on layer {@code at}'s output (sums of the two linear bounds). */
    private static void accumulate(Map<Integer, Linear> pending, int at, Linear add, double[] mag) {
        Linear old = pending.get(at);
        if (old == null) {
            pending.put(at, add);
            return;
        }
        // Each rounded sum fl(p + q) is within u |fl(p + q)| of p + q (sums never underflow).
        for (int i = 0; i < old.rows(); i++) {
            double el = 0;
            double eu = 0;
            for (int t = 0; t < mag.length; t++) {
                old.lower[i][t] += add.lower[i][t];
                old.upper[i][t] += add.upper[i][t];
                if (add.lower[i][t] != 0) el = ErrorBound.add(el, ErrorBound.absMul(old.lower[i][t], mag[t]));
                if (add.upper[i][t] != 0) eu = ErrorBound.add(eu, ErrorBound.absMul(old.upper[i][t], mag[t]));
            }
            old.cLower[i] += add.cLower[i];
            old.cUpper[i] += add.cUpper[i];
            el = ErrorBound.add(el, Math.abs(old.cLower[i]));
            eu = ErrorBound.add(eu, Math.abs(old.cUpper[i]));
            old.errLower[i] = ErrorBound.add(ErrorBound.add(old.errLower[i], add.errLower[i]), ErrorBound.mul(U, el));
            old.errUpper[i] = ErrorBound.add(ErrorBound.add(old.errUpper[i], add.errUpper[i]), ErrorBound.mul(U, eu));
        }
    }

    /** max(|l|, |u|) per component: the largest magnitude the bounded values can take. */
    private static double[] magnitude(double[] l, double[] u) {
        double[] m = new double[l.length];
        for (int i = 0; i < m.length; i++) m[i] = Math.max(Math.abs(l[i]), Math.abs(u[i]));
        return m;
    }

    private static Linear throughAffine(Linear cur, AffineLayer a, double[] mag) {
        int rows = cur.rows();
        int m = a.outputSize();
        // v_t = sum_q |W_tq| |x_q|max + |b_t| (rounded up): the size of the terms each coefficient multiplies.
        double[] v = new double[m];
        for (int t = 0; t < m; t++) {
            double s = Math.abs(a.bias(t));
            for (int q = a.rowStart(t); q < a.rowEnd(t); q++) {
                if (a.value(q) != 0) s += Math.abs(a.value(q)) * mag[a.column(q)];
            }
            v[t] = ErrorBound.sumUp(s, a.rowEnd(t) - a.rowStart(t) + 1);
        }
        // New coefficient q and the new constant are dot products of at most m (m + 1) terms; the coefficients'
        // errors act through |x_q| <= mag_q. Underflow adds at most m eta per coefficient and per constant.
        double magSum = 1;
        for (double mq : mag) magSum = ErrorBound.add(magSum, mq);
        double underflow = ErrorBound.mul(ErrorBound.mul(m, ETA), magSum);
        double g = ErrorBound.gamma(m + 1);
        double[] bias = a.bias();
        // Dense layers (ACAS Xu, MLPs) by whole weight rows: a contiguous axpy the JIT vectorises; sparse ones by CSR.
        double[][] w = a.isDense() ? a.weights() : null;
        Linear next = new Linear(rows, a.inputSize());
        for (int i = 0; i < rows; i++) {
            double sl = ErrorBound.sumUp(substituteRow(cur.lower[i], cur.cLower[i], a, w, bias, v, next.lower[i], next.cLower, i), m + 1);
            double su = ErrorBound.sumUp(substituteRow(cur.upper[i], cur.cUpper[i], a, w, bias, v, next.upper[i], next.cUpper, i), m + 1);
            next.errLower[i] = ErrorBound.add(cur.errLower[i], ErrorBound.add(ErrorBound.mul(g, sl), underflow));
            next.errUpper[i] = ErrorBound.add(cur.errUpper[i], ErrorBound.add(ErrorBound.mul(g, su), underflow));
        }
        return next;
    }

    /**
     * {@code out = coef^T W} (coef over W's rows), {@code constants[i] = c + coef . bias}, in one pass that skips zero
     * coefficients; returns the round-to-nearest size {@code |c| + sum_t |coef_t| v_t} for the error bound.
     * {@code dense} is W row by row, or null to read W's CSR entries.
     */
    private static double substituteRow(double[] coef, double c, AffineLayer a, double[][] dense, double[] bias, double[] v,
                                        double[] out, double[] constants, int i) {
        double size = Math.abs(c);
        for (int t = 0; t < coef.length; t++) {
            double ct = coef[t];
            if (ct == 0) continue;
            if (dense != null) {
                double[] wt = dense[t];
                for (int q = 0; q < wt.length; q++) out[q] += ct * wt[q];
            } else {
                for (int q = a.rowStart(t); q < a.rowEnd(t); q++) out[a.column(q)] += ct * a.value(q);
            }
            c += ct * bias[t];
            size += Math.abs(ct) * v[t];
        }
        constants[i] = c;
        return size;
    }

    private static Linear throughRelu(Linear cur, double[] l, double[] u, double[] mag) {
        int rows = cur.rows();
        int n = l.length;
        // Inputs by relaxation: active (identity), unstable (upper slope s, intercept beta, lower alpha) and unbounded
        // (no finite line: a nonzero coefficient makes the bound infinite); inactive ones contribute nothing.
        int[] active = new int[n];
        int[] unstable = new int[n];
        int[] unbounded = new int[n];
        int na = 0;
        int nu = 0;
        int nb = 0;
        double[] s = new double[n];
        double[] beta = new double[n];
        double[] alpha = new double[n];
        for (int t = 0; t < n; t++) {
            if (l[t] >= 0) {
                active[na++] = t;
            } else if (u[t] <= 0) {
                continue;
            } else if (!Double.isFinite(l[t]) || !Double.isFinite(u[t])) {
                unbounded[nb++] = t;
            } else {
                unstable[nu++] = t;
                s[t] = u[t] / (u[t] - l[t]);
                // The line s x + beta must lie above relu at both ends, x = l (value 0) and x = u (value u); each
                // candidate intercept is rounded up past its exact value, so the larger is sound for this s.
                double b1 = Math.nextUp(-(s[t] * l[t]));
                double b2 = Math.nextUp(u[t] - Math.nextDown(s[t] * u[t]));
                beta[t] = Math.max(Math.max(b1, Math.nextUp(b2)), 0.0);
                alpha[t] = u[t] > -l[t] ? 1.0 : 0.0;
            }
        }
        Relaxation r = new Relaxation(active, na, unstable, nu, unbounded, nb, s, beta, alpha, mag);
        Linear next = new Linear(rows, n);
        for (int i = 0; i < rows; i++) {
            relaxRow(cur.lower[i], next.lower[i], true, r, next, i, cur);
            relaxRow(cur.upper[i], next.upper[i], false, r, next, i, cur);
        }
        return next;
    }

    /** The ReLU relaxation of one layer, with its inputs listed by kind (see throughRelu). */
    private record Relaxation(int[] active, int activeCount, int[] unstable, int unstableCount, int[] unbounded,
                              int unboundedCount, double[] s, double[] beta, double[] alpha, double[] mag) { }

    private static void relaxRow(double[] coef, double[] out, boolean lowerSide, Relaxation r, Linear next, int i, Linear cur) {
        double c = lowerSide ? cur.cLower[i] : cur.cUpper[i];
        double err = lowerSide ? cur.errLower[i] : cur.errUpper[i];
        int[] active = r.active();
        for (int k = 0, na = r.activeCount(); k < na; k++) out[active[k]] = coef[active[k]];
        int[] unbounded = r.unbounded();
        for (int k = 0, nb = r.unboundedCount(); k < nb; k++) if (coef[unbounded[k]] != 0) err = Double.POSITIVE_INFINITY;
        // Per rounded product p = fl(a s): |p - a s| <= u |p| + eta (half an ulp of p, or an underflow); the same for
        // fl(a beta), and u |c| for the rounded sum into c. The coefficient's error acts through |x_t| <= mag_t. The
        // sizes are summed in round-to-nearest and bounded once (ErrorBound.sumUp); 2u leaves room to spare.
        double size = 0;
        double magSum = 0;
        int terms = 0;
        int[] unstable = r.unstable();
        double[] s = r.s();
        double[] beta = r.beta();
        double[] alpha = r.alpha();
        double[] mag = r.mag();
        for (int k = 0, nu = r.unstableCount(); k < nu; k++) {
            int t = unstable[k];
            double a = coef[t];
            if (a == 0) continue;
            // Lower bound with a >= 0 (or upper with a < 0) needs the lower line y >= alpha x (alpha 0 or 1: exact).
            boolean useLowerLine = lowerSide == (a >= 0);
            if (useLowerLine) {
                out[t] = a * alpha[t];
            } else {
                out[t] = a * s[t];
                double ab = a * beta[t];
                c += ab;
                size += (out[t] == 0 ? 0 : Math.abs(out[t]) * mag[t]) + Math.abs(ab) + Math.abs(c);
                magSum += mag[t] + 1;
                terms++;
            }
        }
        if (terms > 0) {
            double rounding = ErrorBound.add(ErrorBound.mul(2 * U, ErrorBound.sumUp(size, terms)), ErrorBound.mul(ETA, ErrorBound.sumUp(magSum, terms)));
            err = ErrorBound.add(err, rounding);
        }
        if (lowerSide) {
            next.cLower[i] = c;
            next.errLower[i] = err;
        } else {
            next.cUpper[i] = c;
            next.errUpper[i] = err;
        }
    }

    /** Concretises arctan outputs to their interval {@code [atan(l), atan(u)]} (sound; no linear relaxation). */
    private static Linear throughArctan(Linear cur, double[] l, double[] u) {
        int rows = cur.rows();
        Linear next = new Linear(rows, l.length);
        for (int i = 0; i < rows; i++) {
            for (int side = 0; side < 2; side++) {
                boolean lowerSide = side == 0;
                double[] coef = lowerSide ? cur.lower[i] : cur.upper[i];
                double c = lowerSide ? cur.cLower[i] : cur.cUpper[i];
                double rounding = 0;
                for (int t = 0; t < coef.length; t++) {
                    double a = coef[t];
                    if (a == 0) continue;
                    double y = lowerSide == (a >= 0) ? ArctanEnclosure.lower(l[t]) : ArctanEnclosure.upper(u[t]);
                    double ay = a * y;
                    c += ay;
                    // fl(a y) and the sum into c, as in relaxRow
                    rounding = ErrorBound.add(rounding, ErrorBound.add(ErrorBound.mul(2 * U, ErrorBound.add(Math.abs(ay), Math.abs(c))), ETA));
                }
                double err = ErrorBound.add(lowerSide ? cur.errLower[i] : cur.errUpper[i], rounding);
                if (lowerSide) {
                    next.cLower[i] = c;
                    next.errLower[i] = err;
                } else {
                    next.cUpper[i] = c;
                    next.errUpper[i] = err;
                }
            }
        }
        return next;
    }

    private static Linear throughMaxPool(Linear cur, MaxPoolLayer p, double[] l, double[] u, double[] mag) {
        int rows = cur.rows();
        int groups = p.groupCount();
        int[] best = new int[groups];
        double[] maxUpper = new double[groups];
        boolean[] dominated = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            int[] idx = p.group(g);
            int b = idx[0];
            for (int j : idx) if (l[j] > l[b]) b = j;
            double mu = Double.NEGATIVE_INFINITY;
            boolean dom = true;
            for (int j : idx) {
                mu = Math.max(mu, u[j]);
                if (j != b && u[j] > l[b]) dom = false;
            }
            best[g] = b;
            maxUpper[g] = mu;
            dominated[g] = dom;
        }
        Linear next = new Linear(rows, p.inputSize());
        for (int i = 0; i < rows; i++) {
            for (int side = 0; side < 2; side++) {
                boolean lowerSide = side == 0;
                double[] coef = lowerSide ? cur.lower[i] : cur.upper[i];
                double[] out = lowerSide ? next.lower[i] : next.upper[i];
                double c = lowerSide ? cur.cLower[i] : cur.cUpper[i];
                double rounding = 0;
                for (int g = 0; g < groups; g++) {
                    double a = coef[g];
                    if (a == 0) continue;
                    // y_g >= x_best always; y_g <= maxUpper, or y_g = x_best when x_best dominates the group.
                    boolean useLower = lowerSide == (a >= 0);
                    if (useLower || dominated[g]) {
                        out[best[g]] += a; // a rounded sum when groups share their best input: u |sum| |x|max
                        rounding = ErrorBound.add(rounding, ErrorBound.mul(U, ErrorBound.absMul(out[best[g]], mag[best[g]])));
                    } else {
                        double am = a * maxUpper[g];
                        c += am;
                        rounding = ErrorBound.add(rounding, ErrorBound.add(ErrorBound.mul(2 * U, ErrorBound.add(Math.abs(am), Math.abs(c))), ETA));
                    }
                }
                double err = ErrorBound.add(lowerSide ? cur.errLower[i] : cur.errUpper[i], rounding);
                if (lowerSide) {
                    next.cLower[i] = c;
                    next.errLower[i] = err;
                } else {
                    next.cUpper[i] = c;
                    next.errUpper[i] = err;
                }
            }
        }
        return next;
    }

    /** min / max of the linear bounds over the input box, outward-rounded, minus / plus the error margins. */
    private static double[][] concretize(Linear f, double[] l, double[] u) {
        int rows = f.rows();
        double[] lower = new double[rows];
        double[] upper = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sl = f.cLower[i];
            double su = f.cUpper[i];
            for (int q = 0; q < l.length; q++) {
                double a = f.lower[i][q];
                if (a != 0) sl = Math.nextDown(sl + Math.nextDown(a > 0 ? a * l[q] : a * u[q]));
                double b = f.upper[i][q];
                if (b != 0) su = Math.nextUp(su + Math.nextUp(b > 0 ? b * u[q] : b * l[q]));
            }
            // The margins are upper bounds already (summed rounded up); only this last subtraction is rounded.
            lower[i] = Math.nextDown(sl - f.errLower[i]);
            upper[i] = Math.nextUp(su + f.errUpper[i]);
            if (Double.isNaN(lower[i])) lower[i] = Double.NEGATIVE_INFINITY;
            if (Double.isNaN(upper[i])) upper[i] = Double.POSITIVE_INFINITY;
        }
        return new double[][] {lower, upper};
    }
}
