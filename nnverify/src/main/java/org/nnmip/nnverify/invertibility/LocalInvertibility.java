package org.nnmip.nnverify.invertibility;

import java.util.Arrays;
import java.util.Optional;
import org.nnmip.mip.MipResult;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;

/**
 * Problem 1 of Cui et al. ("Certified invertibility in neural networks via mixed-integer programming", Sec. 3.1):
 * the largest {@code r} such that f is injective on {@code B_q(x_c, r)}. For a fixed r, two copies of the network
 * with their own binaries, {@code f(x) = f(y)}, {@code x, y in B_q(x_c, r)}; f is injective on the ball iff
 * {@code max ||x - y||_inf = 0}. The maximum is taken exactly as {@code max_i max (x_i - y_i)} over n MILPs
 * (swapping x and y makes {@code max (y_i - x_i)} the same value), stopping at the first counterexample. The radius
 * is found by bisection; a counterexample pair cuts the upper end at once to {@code max(||x - x_c||, ||y - x_c||)}.
 */
public final class LocalInvertibility {
    private final Network net;
    private final double[] center;
    private final InvertibilityOptions options;
    private int milps;

    private LocalInvertibility(Network net, double[] center, InvertibilityOptions options) {
        this.net = net;
        this.center = center;
        this.options = options;
    }

    public static InvertibilityResult compute(Network net, double[] center, InvertibilityOptions options) {
        checkCenter(net, center);
        return new LocalInvertibility(net, center.clone(), options).search();
    }

    static void checkCenter(Network net, double[] center) {
        if (net == null) throw new IllegalArgumentException("invertibility: network is null");
        if (center == null || center.length != net.inputSize()) {
            throw new IllegalArgumentException("invertibility: center must have " + net.inputSize() + " components, got "
                    + (center == null ? "null" : center.length));
        }
        for (int i = 0; i < center.length; i++) {
            if (!Double.isFinite(center[i])) throw new IllegalArgumentException("invertibility: center component " + i + " is not finite");
        }
    }

    /** Outcome at one radius: injective, a verified collision, or neither (limit / failed re-check). */
    private record Probe(boolean injective, Optional<InvertibilityResult.Counterexample> pair) {
        static final Probe INCONCLUSIVE = new Probe(false, Optional.empty());
        boolean conclusive() { return injective || pair.isPresent(); }
    }

    private InvertibilityResult search() {
        double maxR = options.maxRadius();
        Probe p = probe(maxR);
        if (p.injective()) return new InvertibilityResult(maxR, Double.POSITIVE_INFINITY, InvertibilityResult.Status.CERTIFIED_MAX_RADIUS, Optional.empty(), milps);
        if (!p.conclusive()) return new InvertibilityResult(0.0, Double.POSITIVE_INFINITY, InvertibilityResult.Status.INCONCLUSIVE, Optional.empty(), milps);
        double lo = 0.0;
        InvertibilityResult.Counterexample best = p.pair().get();
        double hi = Math.min(maxR, reach(best));
        while (hi - lo > options.radiusTol()) {
            double mid = 0.5 * (lo + hi);
            Probe q = probe(mid);
            if (q.injective()) {
                lo = mid;
            } else if (q.pair().isPresent()) {
                best = q.pair().get();
                hi = Math.max(lo, Math.min(mid, reach(best)));
            } else {
                return new InvertibilityResult(lo, hi, InvertibilityResult.Status.INCONCLUSIVE, Optional.of(best), milps);
            }
        }
        return new InvertibilityResult(lo, hi, InvertibilityResult.Status.BRACKETED, Optional.of(best), milps);
    }

    private double reach(InvertibilityResult.Counterexample c) {
        return Math.max(options.norm().distance(c.x(), center), options.norm().distance(c.y(), center));
    }

    /** Solves the two-copy MILP at radius r. */
    private Probe probe(double r) {
        int n = net.inputSize();
        double[] pairCenter = new double[2 * n];
        System.arraycopy(center, 0, pairCenter, 0, n);
        System.arraycopy(center, 0, pairCenter, n, n);
        Network paired = PairedNetwork.of(net);
        ReluMipEncoding enc = ReluMipEncoder.encode(MilpSupport.bounds(paired, Box.ball(pairCenter, r, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
        Model model = enc.model();
        AffineForm[] out = enc.outputs();
        int m = net.outputSize();
        for (int j = 0; j < m; j++) MilpSupport.addDifference(model, "collide" + j, out[j], out[m + j], 0.0, 0.0);
        if (options.norm() == BallNorm.L1) {
            addL1Ball(model, enc, 0, "x", r);
            addL1Ball(model, enc, n, "y", r);
        }
        for (int i = 0; i < n; i++) {
            int xi = enc.inputVariable(i);
            int yi = enc.inputVariable(n + i);
            for (int j = 0; j < model.numVariables(); j++) model.setObjectiveCoefficient(model.variable(j), 0.0);
            model.setObjectiveCoefficient(model.variable(xi), 1.0);
            model.setObjectiveCoefficient(model.variable(yi), -1.0);
            model.setObjectiveSense(ObjectiveSense.MAXIMIZE);
            MipResult res = MilpSupport.solve(model, options, options.injectivityTol());
            milps++;
            switch (res.status()) {
                case INFEASIBLE, THRESHOLD_REACHED -> { }
                case OPTIMAL, SOLUTION_LIMIT -> {
                    if (res.objective() > options.injectivityTol()) {
                        if (res.incumbent().isEmpty()) return Probe.INCONCLUSIVE;
                        double[] in = enc.inputOf(res.incumbent().get());
                        double[] x = MilpSupport.part(in, 0, n);
                        double[] y = MilpSupport.part(in, n, n);
                        var c = new InvertibilityResult.Counterexample(x, y, net.apply(x), net.apply(y));
                        boolean valid = c.outputDistance() <= options.outputTol() && c.inputDistance() > options.injectivityTol();
                        return valid ? new Probe(false, Optional.of(c)) : Probe.INCONCLUSIVE;
                    }
                }
                default -> {
                    return Probe.INCONCLUSIVE;
                }
            }
        }
        return new Probe(true, Optional.empty());
    }

    /** {@code sum_i t_i <= r} with {@code t_i >= |v_i - c_i|} for the input copy starting at {@code offset}. */
    private void addL1Ball(Model model, ReluMipEncoding enc, int offset, String tag, double r) {
        int n = center.length;
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = model.addVariable("t" + tag + i, 0.0, r, VarType.CONTINUOUS).index();
            int v = enc.inputVariable(offset + i);
            model.addConstraint("l1p" + tag + i, new int[] {t[i], v}, new double[] {1.0, -1.0}, -center[i], Double.POSITIVE_INFINITY);
            model.addConstraint("l1m" + tag + i, new int[] {t[i], v}, new double[] {1.0, 1.0}, center[i], Double.POSITIVE_INFINITY);
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        model.addConstraint("l1" + tag, t, ones, Double.NEGATIVE_INFINITY, r);
    }
}
