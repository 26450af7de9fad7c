package org.nnmip.nnverify.invertibility;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.invertibility.InvertibilityResult.Counterexample;
import org.nnmip.nnverify.invertibility.InvertibilityResult.Status;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ParallelComposition;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * The two-copy MILP of Problems 1 and 3 and its radius search. A network {@code g: R^n -> R^m} is paired,
 * {@code (x, y) -> (g(x), g(y))}; the outputs listed in {@code equal} are constrained equal across the copies and,
 * for each listed difference k, {@code max d_k(x) - d_k(y)} is solved, with {@code d_k} input k (Problem 1, no
 * {@code differ} list) or output k of g (Problem 3). Swapping x and y gives the other sign, so the L-infinity norm of
 * the difference is the largest of these maxima; the probe stops at the first one above {@code injectivityTol}.
 *
 * <p>Ball: L-infinity by the variable bounds; L1 by {@code sum t_i <= r}; L2 (their Theorem 1: any objective norm
 * certifies) by the L-infinity box, the circumscribed L1 ball of radius {@code r sqrt(n)} and tangent cuts
 * {@code u . (v - x_c) <= r} added lazily at each solution point outside the true ball. Every polytope contains the
 * L2 ball, so an optimum of 0 certifies it; the cut-round cap makes that radius unknown instead. The cuts stay in
 * the model of that radius (for every later difference), and an exported fixed-radius model carries those its own
 * solve accumulated.
 *
 * <p>Search: bisection on {@code [0, maxRadius]}; a verified pair cuts the upper end at once to
 * {@code max(||x - x_c||, ||y - x_c||)}, an undecided radius also shrinks the search interval (nothing certified above
 * it) but not {@code upper}. Bounds computed at a radius stay valid at every smaller one, so each new radius
 * intersects its bounds with those of the nearest larger radius already seen.
 */
final class CollisionSearch {
    /** Re-checks a candidate pair by forward evaluation; empty when it fails. */
    interface Checker {
        Optional<Counterexample> check(double[] x, double[] y);
    }

    private enum Kind { CERTIFIED, COLLISION, UNKNOWN }

    /** Outcome at one radius; {@code pair} may also be a verified pair outside the ball (L2), which still cuts {@code upper}. */
    private record Probe(Kind kind, Optional<Counterexample> pair) { }

    private final Network paired;
    private final int n;
    private final int m;
    private final int[] equal;
    private final int[] differ;
    private final double[] center;
    private final double[] pairCenter;
    private final InvertibilityOptions o;
    private final Checker checker;
    private final TreeMap<Double, NetworkBounds> boundsByRadius = new TreeMap<>();
    private int milps;

    /** {@code g}, if it has only the layers the exact MILP encodes (an arctan layer would be a relaxation). */
    private static Network supported(Network g) {
        for (int k = 0; k < g.layerCount(); k++) {
            Layer layer = g.layer(k);
            if (!(layer instanceof AffineLayer || layer instanceof ReluLayer || layer instanceof ReshapeLayer || layer instanceof ResidualAddLayer)) {
                throw new IllegalArgumentException("invertibility: layer " + k + " (" + layer.describe()
                        + ") is not supported; only affine, ReLU and residual add layers");
            }
        }
        return g;
    }

    CollisionSearch(Network g, int[] equal, int[] differ, double[] center, InvertibilityOptions o, Checker checker) {
        this.paired = ParallelComposition.sideBySide(supported(g), g);
        this.n = g.inputSize();
        this.m = g.outputSize();
        this.equal = equal.clone();
        this.differ = differ == null ? null : differ.clone();
        this.center = center.clone();
        this.pairCenter = new double[2 * n];
        System.arraycopy(center, 0, pairCenter, 0, n);
        System.arraycopy(center, 0, pairCenter, n, n);
        this.o = o;
        this.checker = checker;
    }

    InvertibilityResult search() {
        double maxR = o.maxRadius();
        double lo = 0.0;
        double hi = maxR;
        double upper = Double.POSITIVE_INFINITY;
        Counterexample best = null;
        double r = maxR;
        while (true) {
            Probe p = probe(r);
            if (p.kind() == Kind.CERTIFIED) {
                lo = r;
                if (r >= maxR) return new InvertibilityResult(maxR, Double.POSITIVE_INFINITY, Status.CERTIFIED_MAX_RADIUS, Optional.empty(), milps);
            } else {
                hi = Math.min(hi, r);
            }
            if (p.pair().isPresent()) {
                double reach = Math.max(lo, reach(p.pair().get()));
                if (reach < upper) {
                    upper = reach;
                    best = p.pair().get();
                }
                hi = Math.min(hi, upper);
            }
            if (hi - lo <= o.radiusTol()) break;
            r = 0.5 * (lo + hi);
        }
        Status status = upper - lo <= o.radiusTol() * (1 + 1e-9) ? Status.BRACKETED : Status.INCONCLUSIVE;
        return new InvertibilityResult(lo, upper, status, Optional.ofNullable(best), milps);
    }

    private double reach(Counterexample c) {
        return Math.max(o.norm().distance(c.x(), center), o.norm().distance(c.y(), center));
    }

    private NetworkBounds bounds(double r) {
        NetworkBounds b = MilpSupport.bounds(paired, Box.ball(pairCenter, r, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        Map.Entry<Double, NetworkBounds> larger = boundsByRadius.ceilingEntry(r);
        if (larger != null) b = b.intersect(larger.getValue());
        boundsByRadius.put(r, b);
        return b;
    }

    /** The encoded pair at one radius: model, encoding and the gap variable of each difference. */
    private record Built(ReluMipEncoding enc, Model model, int[] gap) { }

    /**
     * The fixed-radius MILP maximising difference {@code k} (export, benchmarks). For the L2 ball it carries the
     * tangent cuts its own lazy solve accumulates: the MILP is solved, cut and re-solved as in the search until its
     * solution lies in the true ball or its optimum is 0 (or the cut-round cap), and the last model solved is
     * returned. The cut rows are named {@code tangent*}.
     */
    Model fixedRadiusModel(double r, int k) {
        Built built = build(r);
        if (o.norm() == BallNorm.L2) maximise(built, k, r, new Cuts());
        objective(built, k);
        return built.model();
    }

    private static void objective(Built built, int k) {
        Model model = built.model();
        for (int j = 0; j < model.numVariables(); j++) model.setObjectiveCoefficient(model.variable(j), 0.0);
        model.setObjectiveCoefficient(model.variable(built.gap()[k]), 1.0);
        model.setObjectiveSense(ObjectiveSense.MAXIMIZE);
    }

    private Built build(double r) {
        NetworkBounds b = bounds(r);
        ReluMipEncoding enc = ReluMipEncoder.encode(b);
        Model model = enc.model();
        AffineForm[] out = enc.outputs();
        for (int j : equal) MilpSupport.addDifference(model, "equal" + j, out[j], out[m + j], 0.0, 0.0);
        if (o.norm() == BallNorm.L1) {
            addL1Ball(model, enc, 0, "x", r);
            addL1Ball(model, enc, n, "y", r);
        } else if (o.norm() == BallNorm.L2 && n > 1) {
            addL1Ball(model, enc, 0, "x", r * Math.sqrt(n));
            addL1Ball(model, enc, n, "y", r * Math.sqrt(n));
        }
        double[] outLo = b.outputLower();
        double[] outHi = b.outputUpper();
        int count = differ == null ? n : differ.length;
        int[] gap = new int[count];
        for (int k = 0; k < count; k++) {
            AffineForm a;
            AffineForm c;
            double glo;
            double ghi;
            if (differ == null) {
                a = AffineForm.variable(enc.inputVariable(k));
                c = AffineForm.variable(enc.inputVariable(n + k));
                glo = -2 * r;
                ghi = 2 * r;
            } else {
                a = out[differ[k]];
                c = out[m + differ[k]];
                glo = outLo[differ[k]] - outHi[m + differ[k]];
                ghi = outHi[differ[k]] - outLo[m + differ[k]];
            }
            gap[k] = model.addVariable("gap" + k, Math.min(glo, 0.0), Math.max(ghi, 0.0), VarType.CONTINUOUS).index();
            // a - (c + gap) = 0
            int[] v = Arrays.copyOf(c.variables(), c.size() + 1);
            double[] w = Arrays.copyOf(c.coefficients(), c.size() + 1);
            v[c.size()] = gap[k];
            w[c.size()] = 1.0;
            MilpSupport.addDifference(model, "gapdef" + k, a, new AffineForm(v, w, c.constant()), 0.0, 0.0);
        }
        return new Built(enc, model, gap);
    }

    private Probe probe(double r) {
        Built built = build(r);
        Cuts cuts = new Cuts();
        for (int k = 0; k < built.gap().length; k++) {
            Solved sv = maximise(built, k, r, cuts);
            if (sv.outcome() == Outcome.ZERO) continue;
            if (sv.outcome() == Outcome.STOPPED) return new Probe(Kind.UNKNOWN, cuts.outside);
            Optional<Counterexample> c = checker.check(sv.x(), sv.y());
            return c.isPresent() ? new Probe(Kind.COLLISION, c) : new Probe(Kind.UNKNOWN, cuts.outside);
        }
        return new Probe(Kind.CERTIFIED, cuts.outside); // a verified pair outside the ball still bounds the radius above
    }

    /** Lazy L2 cuts of one radius: rounds so far and the best verified pair found outside the ball. */
    private static final class Cuts {
        Optional<Counterexample> outside = Optional.empty();
        int rounds;
    }

    /** ZERO: the optimum is at most {@code injectivityTol}; POINT: a pair inside the ball above it; STOPPED: undecided. */
    private enum Outcome { ZERO, POINT, STOPPED }

    private record Solved(Outcome outcome, double[] x, double[] y) { }

    /**
     * Maximises difference k at radius r; for the L2 ball, a solution outside the true ball adds tangent cuts to the
     * model (they stay for later differences and in an exported model) and the MILP is solved again.
     */
    private Solved maximise(Built built, int k, double r, Cuts cuts) {
        ReluMipEncoding enc = built.enc();
        Model model = built.model();
        objective(built, k);
        while (true) {
            MipResult res = MilpSupport.solve(model, o, o.injectivityTol());
            milps++;
            MipStatus s = res.status();
            if (s == MipStatus.INFEASIBLE || s == MipStatus.THRESHOLD_REACHED) return new Solved(Outcome.ZERO, null, null);
            if (s != MipStatus.OPTIMAL && s != MipStatus.SOLUTION_LIMIT) return new Solved(Outcome.STOPPED, null, null);
            if (res.objective() <= o.injectivityTol()) return new Solved(Outcome.ZERO, null, null);
            if (res.incumbent().isEmpty()) return new Solved(Outcome.STOPPED, null, null);
            double[] in = enc.inputOf(res.incumbent().get());
            double[] x = MilpSupport.part(in, 0, n);
            double[] y = MilpSupport.part(in, n, n);
            if (o.norm() == BallNorm.L2 && (outsideBall(x, r) || outsideBall(y, r))) {
                Optional<Counterexample> c = checker.check(x, y);
                if (c.isPresent() && (cuts.outside.isEmpty() || reach(c.get()) < reach(cuts.outside.get()))) cuts.outside = c;
                if (++cuts.rounds > o.maxCutRounds()) return new Solved(Outcome.STOPPED, null, null);
                if (outsideBall(x, r)) addTangentCut(model, enc, x, r, cuts.rounds);
                if (outsideBall(y, r)) addTangentCut(model, enc, y, r, cuts.rounds);
                continue;
            }
            return new Solved(Outcome.POINT, x, y);
        }
    }

    /** Outside the true L2 ball beyond the solver's feasibility tolerance (a pair accepted here reports its own reach). */
    private boolean outsideBall(double[] v, double r) {
        return BallNorm.L2.distance(v, center) > r + 1e-6 * Math.max(1.0, r);
    }

    /**
     * {@code u . (v - x_c) <= r} for both copies, {@code u} the unit direction of {@code p - x_c}: tangent to the ball,
     * cuts off p.
     */
    private void addTangentCut(Model model, ReluMipEncoding enc, double[] p, double r, int round) {
        double norm = BallNorm.L2.distance(p, center);
        double[] u = new double[n];
        double rhs = r;
        for (int i = 0; i < n; i++) {
            u[i] = (p[i] - center[i]) / norm;
            rhs += u[i] * center[i];
        }
        for (int copy = 0; copy < 2; copy++) {
            int[] vars = new int[n];
            for (int i = 0; i < n; i++) vars[i] = enc.inputVariable(copy * n + i);
            model.addConstraint("tangent" + round + "_" + copy + "_" + model.numConstraints(), vars, u.clone(), Double.NEGATIVE_INFINITY, rhs);
        }
    }

    /** {@code sum_i t_i <= r} with {@code t_i >= |v_i - c_i|} for the input copy starting at {@code offset}. */
    private void addL1Ball(Model model, ReluMipEncoding enc, int offset, String tag, double r) {
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

    int milps() { return milps; }
}
