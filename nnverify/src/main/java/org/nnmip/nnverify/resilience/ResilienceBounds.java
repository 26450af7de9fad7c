package org.nnmip.nnverify.resilience;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.Sense;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;

/**
 * Sound bounds on every neuron of one network over the input box, obtained as {@link ResilienceOptions} asks: a
 * constant big-M, interval (dataflow) bounds, or interval intersected with symbolic bounds, optionally tightened by
 * look-back (Cheng, Nührenberg &amp; Ruess 2017, Sec. 4, heuristic 1): each unstable neuron is minimised and maximised
 * over an encoding of only the last {@code L} ReLU layers before it, whose inputs are boxed by the bounds already
 * known. The window is small, so each LP (or budgeted MIP) is cheap, and its optimum is a sound bound because the
 * window's input box encloses every value the earlier layers can produce. Also bounds the class differences
 * {@code z_j - z_m} that size the class-choice big-Ms of the resilience MIP.
 */
final class ResilienceBounds {
    /** Widening of LP/MIP optima for the simplex tolerances. */
    private static final double MARGIN = 1e-6;
    /** Node budget of one MIP-based look-back bound. */
    private static final long MIP_NODES = 200;

    final Network net;
    final NetworkBounds bounds;
    final double constantM; // NaN unless BigM.CONSTANT
    final ResilienceOptions options;
    final long deadline;
    /** The network has arctan layers: encodings are relaxations. */
    final boolean relaxed;

    private ResilienceBounds(Network net, NetworkBounds bounds, double constantM, ResilienceOptions options, long deadline) {
        this.net = net;
        this.bounds = bounds;
        this.constantM = constantM;
        this.options = options;
        this.deadline = deadline;
        this.relaxed = relaxed(net);
    }

    /**
     * Only affine, ReLU, max-pool and arctan layers (reshapes dropped: they do not change values), so layer indices
     * can be shared by copies and windows.
     */
    static Network plain(Network net) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            switch (layer) {
                case AffineLayer a -> layers.add(a);
                case ReluLayer r -> layers.add(r);
                case MaxPoolLayer p -> layers.add(p);
                case ArctanLayer t -> layers.add(t);
                case ReshapeLayer r -> { }
                default -> throw new IllegalArgumentException("resilience: layer " + k + " (" + layer.describe()
                        + ") is not supported; only affine, ReLU, max-pool and arctan layers");
            }
        }
        if (layers.isEmpty() || !(layers.getLast() instanceof AffineLayer)) {
            throw new IllegalArgumentException("resilience: the network must end with an affine (logit) layer");
        }
        return new Network(net.inputSize(), layers);
    }

    /** True when the network has arctan layers: every encoding is then a relaxation (sound enclosure), not exact. */
    static boolean relaxed(Network net) {
        for (Layer l : net.layers()) if (l instanceof ArctanLayer) return true;
        return false;
    }

    /** The MIP encoding of bounds over (part of) the network; arctan neurons get the enclosure of the options. */
    static ReluMipEncoding encode(NetworkBounds b, ResilienceOptions o) {
        return ReluMipEncoder.encode(b, o.arctanPieces());
    }

    static ResilienceBounds compute(Network net, Box box, ResilienceOptions o) {
        return compute(net, box, o, null, Double.NaN);
    }

    /**
     * As {@link #compute(Network, Box, ResilienceOptions)}, for inputs that also lie in the L1 ball of the given
     * radius around {@code center} (the local problem): the first layer's neurons {@code w.x + c} then range over
     * {@code w.center + c +- radius max|w_i|}, far tighter than over the box when there are many inputs; dataflow
     * propagation carries that through the network. Not used with a constant big-M (no dataflow there).
     */
    static ResilienceBounds compute(Network net, Box box, ResilienceOptions o, double[] center, double radius) {
        long deadline = System.nanoTime() + (long) Math.min(o.tighteningSeconds() * 1e9, 1e15);
        NetworkBounds interval = IntervalBounds.compute(net, box);
        NetworkBounds b;
        double m = Double.NaN;
        switch (o.bigM()) {
            case CONSTANT -> {
                double needed = 0;
                for (int k = 0; k < net.layerCount(); k++) {
                    for (int i = 0; i < net.sizeAfter(k); i++) {
                        needed = Math.max(needed, Math.max(Math.abs(interval.lower(k, i)), Math.abs(interval.upper(k, i))));
                    }
                }
                m = Math.max(o.constantM(), Math.nextUp(needed));
                b = NetworkBounds.unbounded(net, box);
                b = restrictAll(b, m);
            }
            case INTERVAL -> b = interval;
            case SYMBOLIC -> b = interval.intersect(SymbolicBounds.compute(net, box));
            default -> throw new IllegalStateException();
        }
        ResilienceBounds r = new ResilienceBounds(net, b, m, o, deadline);
        if (center != null && o.bigM() != ResilienceOptions.BigM.CONSTANT && net.layer(0) instanceof AffineLayer first) {
            b = r.propagate(l1Ball(b, first, center, radius));
            r = new ResilienceBounds(net, b, m, o, deadline);
        }
        return o.lookBack() > 0 ? r.lookBack() : r;
    }

    private static NetworkBounds l1Ball(NetworkBounds b, AffineLayer first, double[] center, double radius) {
        double[][] lo = new double[1][first.outputSize()];
        double[][] hi = new double[1][first.outputSize()];
        for (int i = 0; i < first.outputSize(); i++) {
            double v = first.bias(i);
            double w = 0;
            double magnitude = Math.abs(v);
            for (int q = first.rowStart(i); q < first.rowEnd(i); q++) {
                v += first.value(q) * center[first.column(q)];
                magnitude += Math.abs(first.value(q) * center[first.column(q)]);
                w = Math.max(w, Math.abs(first.value(q)));
            }
            // Rounding of the dot product is below n ulps of the magnitude; widen generously.
            double slack = 1e-12 * (magnitude + 1) + Math.ulp(radius * w);
            lo[0][i] = v - radius * w - slack;
            hi[0][i] = v + radius * w + slack;
        }
        return withBounds(b, lo, hi);
    }

    private static NetworkBounds restrictAll(NetworkBounds b, double m) {
        Network net = b.network();
        double[][] lo = new double[net.layerCount()][];
        double[][] hi = new double[net.layerCount()][];
        for (int k = 0; k < net.layerCount(); k++) {
            lo[k] = new double[net.sizeAfter(k)];
            hi[k] = new double[net.sizeAfter(k)];
            java.util.Arrays.fill(lo[k], -m);
            java.util.Arrays.fill(hi[k], m);
            // ReLU outputs are non-negative whatever M is.
            if (net.layer(k) instanceof ReluLayer) java.util.Arrays.fill(lo[k], 0.0);
        }
        return withBounds(b, lo, hi);
    }

    /**
     * Bounds of {@code single}'s network run twice side by side ({@code paired}, from
     * {@link org.nnmip.nnverify.net.ParallelComposition#sideBySide} of the network with itself, which keeps layer
     * indices): both copies range over the same box, so every layer's bounds are the single network's bounds twice.
     */
    static NetworkBounds twice(Network paired, NetworkBounds single) {
        Box box = single.inputBox();
        int n = box.dimension();
        double[] lo = new double[2 * n];
        double[] hi = new double[2 * n];
        for (int i = 0; i < n; i++) {
            lo[i] = lo[n + i] = box.lower(i);
            hi[i] = hi[n + i] = box.upper(i);
        }
        int layers = paired.layerCount();
        double[][] l = new double[layers][];
        double[][] u = new double[layers][];
        for (int k = 0; k < layers; k++) {
            l[k] = twice(single.lower(k));
            u[k] = twice(single.upper(k));
        }
        return withBounds(NetworkBounds.unbounded(paired, new Box(lo, hi)), l, u);
    }

    private static double[] twice(double[] v) {
        double[] r = new double[2 * v.length];
        System.arraycopy(v, 0, r, 0, v.length);
        System.arraycopy(v, 0, r, v.length, v.length);
        return r;
    }

    /** {@code b} with layer {@code k}'s bounds intersected with {@code lo[k]}/{@code hi[k]} (input box unchanged). */
    static NetworkBounds withBounds(NetworkBounds b, double[][] lo, double[][] hi) {
        for (int k = 0; k < lo.length; k++) {
            for (int i = 0; i < lo[k].length; i++) {
                if (lo[k][i] > b.lower(k, i) || hi[k][i] < b.upper(k, i)) b = b.restrict(k, i, lo[k][i], hi[k][i]);
            }
        }
        return b;
    }

    private ResilienceBounds lookBack() {
        NetworkBounds b = bounds;
        for (int k = 0; k < net.layerCount() && System.nanoTime() < deadline; k++) {
            if (!(net.layer(k) instanceof ReluLayer)) continue;
            // Before the first ReLU the pre-activations are affine in the box: dataflow bounds are already exact.
            if (options.bigM() != ResilienceOptions.BigM.CONSTANT && firstRelu(k)) continue;
            int size = net.sizeAfter(k - 1);
            List<Integer> unstable = new ArrayList<>();
            for (int i = 0; i < size; i++) if (b.lower(k - 1, i) < 0 && b.upper(k - 1, i) > 0) unstable.add(i);
            if (unstable.isEmpty()) continue;
            double[][] objectives = new double[unstable.size()][size];
            for (int q = 0; q < unstable.size(); q++) objectives[q][unstable.get(q)] = 1.0;
            double[][] lu = window(b, k, objectives);
            for (int q = 0; q < unstable.size(); q++) {
                int i = unstable.get(q);
                if (lu[0][q] <= lu[1][q]) b = b.restrict(k - 1, i, lu[0][q], lu[1][q]);
            }
            b = propagate(b);
        }
        return new ResilienceBounds(net, b, constantM, options, deadline);
    }

    private boolean firstRelu(int k) {
        for (int j = 0; j < k; j++) if (!(net.layer(j) instanceof AffineLayer)) return false;
        return true;
    }

    private NetworkBounds propagate(NetworkBounds b) {
        return switch (options.bigM()) {
            case CONSTANT -> b;
            case INTERVAL -> IntervalBounds.tighten(b);
            case SYMBOLIC -> SymbolicBounds.tighten(IntervalBounds.tighten(b));
        };
    }

    /**
     * {@code {lower, upper}} of {@code z_j - z_m} over the box for every class {@code j} ({@code j = m}: 0), from the
     * bounds' own method and, with look-back, from the output window.
     */
    double[][] classDifferences(int m) {
        int c = net.outputSize();
        int last = net.layerCount() - 1;
        double[][] r = new double[2][c];
        for (int j = 0; j < c; j++) {
            if (j == m) continue;
            r[0][j] = Math.nextDown(bounds.lower(last, j) - bounds.upper(last, m));
            r[1][j] = Math.nextUp(bounds.upper(last, j) - bounds.lower(last, m));
        }
        double[][] objectives = new double[c][c];
        for (int j = 0; j < c; j++) {
            if (j == m) continue;
            objectives[j][j] = 1;
            objectives[j][m] = -1;
        }
        double[][] better = null;
        if (options.bigM() == ResilienceOptions.BigM.SYMBOLIC) better = SymbolicBounds.linearBounds(bounds, objectives);
        if (better != null) tighten(r, better, m);
        if (options.lookBack() > 0 && System.nanoTime() < deadline) tighten(r, window(bounds, net.layerCount(), objectives), m);
        return r;
    }

    private static void tighten(double[][] r, double[][] better, int m) {
        for (int j = 0; j < r[0].length; j++) {
            if (j == m || better[0][j] > better[1][j]) continue;
            r[0][j] = Math.max(r[0][j], better[0][j]);
            r[1][j] = Math.min(r[1][j], better[1][j]);
        }
    }

    /**
     * Bounds {@code {lower[], upper[]}} of the linear objectives over the output of layer {@code end - 1}, each
     * minimised and maximised over the encoding of the layers after the last {@link ResilienceOptions#lookBack()}
     * ReLU layers before {@code end}. An objective not solved (budget, LP trouble) keeps infinite bounds.
     */
    private double[][] window(NetworkBounds b, int end, double[][] objectives) {
        int start = 0;
        int seen = 0;
        for (int k = end - 1; k >= 0; k--) {
            if (net.layer(k) instanceof ReluLayer && ++seen > options.lookBack()) {
                start = k + 1;
                break;
            }
        }
        Network sub = new Network(net.sizeAfter(start - 1), net.layers().subList(start, end));
        Box inputBox = new Box(b.lower(start - 1), b.upper(start - 1));
        double[][] lo = new double[end - start][];
        double[][] hi = new double[end - start][];
        for (int k = start; k < end; k++) {
            lo[k - start] = b.lower(k);
            hi[k - start] = b.upper(k);
        }
        NetworkBounds sb = withBounds(IntervalBounds.compute(sub, inputBox), lo, hi);
        ReluMipEncoding enc = encode(sb, options);
        AffineForm[] out = enc.outputs();
        int n = objectives.length;
        double[][] r = new double[2][n];
        java.util.Arrays.fill(r[0], Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(r[1], Double.POSITIVE_INFINITY);
        Model model = enc.model();
        LpSolver lp = null;
        if (options.tightening() == ResilienceOptions.Tightening.LP) {
            LpProblem p = model.toLpProblem();
            p.setSense(Sense.MINIMIZE);
            for (int j = 0; j < p.numColumns(); j++) p.setObjective(j, 0.0);
            lp = new LpSolver(p, LpParameters.defaults().withVectorKernels(false));
        }
        double[] dense = new double[model.numVariables()];
        for (int q = 0; q < n && System.nanoTime() < deadline; q++) {
            java.util.Arrays.fill(dense, 0.0);
            double constant = 0;
            boolean any = false;
            for (int j = 0; j < out.length; j++) {
                double w = objectives[q][j];
                if (w == 0) continue;
                any = true;
                constant += w * out[j].constant();
                for (int t = 0; t < out[j].size(); t++) dense[out[j].variables()[t]] += w * out[j].coefficients()[t];
            }
            if (!any) continue;
            for (int dir = 0; dir < 2; dir++) {
                double sign = dir == 0 ? 1.0 : -1.0; // minimise sign * objective
                double v = lp != null ? solveLp(lp, dense, sign) : solveMip(model, dense, sign);
                if (Double.isNaN(v)) continue;
                v = sign * v + constant;
                double slack = MARGIN * (1 + Math.abs(v));
                if (dir == 0) r[0][q] = v - slack;
                else r[1][q] = v + slack;
            }
        }
        return r;
    }

    /** min sign * dense . x over the LP relaxation, NaN when not solved to optimality. */
    private static double solveLp(LpSolver lp, double[] dense, double sign) {
        for (int j = 0; j < dense.length; j++) lp.setObjective(j, sign * dense[j]);
        return lp.solve() == LpStatus.OPTIMAL ? lp.objectiveValue() : Double.NaN;
    }

    /** The proven dual bound of min sign * dense . x after a node budget, NaN when none is proven. */
    private double solveMip(Model model, double[] dense, double sign) {
        for (int j = 0; j < dense.length; j++) model.setObjectiveCoefficient(model.variable(j), sign * dense[j]);
        model.setObjectiveSense(ObjectiveSense.MINIMIZE);
        double left = (deadline - System.nanoTime()) / 1e9;
        if (!(left > 0)) return Double.NaN;
        MipParameters p = MipParameters.defaults().withThreads(1).withNodeLimit(MIP_NODES).withTimeLimitSeconds(left)
                .withRelativeGap(1e-6);
        MipResult r = new MipSolver().solve(model, p.withSafeBounds(true)); // only proven bounds tighten
        if (r.status() == MipStatus.NUMERICAL_TROUBLE || r.status() == MipStatus.INFEASIBLE || !Double.isFinite(r.bestBound())) return Double.NaN;
        return r.bestBound();
    }
}
