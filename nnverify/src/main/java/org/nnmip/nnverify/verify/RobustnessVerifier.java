package org.nnmip.nnverify.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.nnmip.mip.HeuristicContext;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.PrimalHeuristic;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.encode.BoundTightening;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ExactEvaluation;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.LocalRobustnessProperty;
import org.nnmip.nnverify.property.LocalRobustnessProperty.Norm;
import org.nnmip.nnverify.property.VnnlibCounterexample;

/**
 * Decides local robustness ({@link LocalRobustnessProperty}). The L-infinity top-1 case is a box property and goes
 * to {@link Verifier} (falsifier, input splitting or one MIP per competing class). The other cases are one MIP
 * (Cheng, Nührenberg &amp; Ruess 2017, Sec. 3): the big-M encoding over the region's bounding box, for L1 the
 * auxiliary {@code s_i >= |x_i - x0_i|} with {@code sum s_i <= eps}, and a counting encoding of "at least k
 * competitors reach the label's score": maximise {@code t} subject to {@code t <= y_j - y_c + M_j (1 - b_j)},
 * {@code sum b_j >= k}, {@code b_j} binary; at the optimum {@code t} is the k-th largest {@code y_j - y_c}, so the
 * property is violated iff it is {@code >= 0}. Every counterexample is re-evaluated by a forward pass and checked
 * against the region and the class condition without tolerance. Not thread-safe; {@link #interrupt()} may be called
 * from any thread.
 */
public final class RobustnessVerifier {
    private static final double BIG_M_SAFETY = 1e-6;

    private final Network net;
    private final VerificationOptions options;
    private long deadline;
    private int mipSolves;
    private long mipNodes;
    private long lpIterations;
    private int binaries;
    private long evaluations;
    private volatile boolean interruptRequested;
    private volatile MipSolver activeSolver;
    private volatile Verifier activeVerifier;

    public RobustnessVerifier(Network net, VerificationOptions options) {
        if (net == null || options == null) throw new IllegalArgumentException("verifier: network and options must not be null");
        this.net = net;
        this.options = options;
    }

    /** Asks the running (or next) verification to stop soon: it returns unknown, reason interrupted, with its bound. */
    public void interrupt() {
        interruptRequested = true;
        Verifier v = activeVerifier;
        if (v != null) v.interrupt();
        MipSolver s = activeSolver;
        if (s != null) s.interrupt();
    }

    public VerificationResult verify(LocalRobustnessProperty p) {
        if (p.inputSize() != net.inputSize() || p.outputSize() != net.outputSize()) {
            throw new IllegalArgumentException("robustness property over " + p.inputSize() + " inputs and " + p.outputSize()
                    + " outputs, network has " + net.inputSize() + " inputs and " + net.outputSize() + " outputs");
        }
        if (p.isBoxProperty()) {
            Verifier v = new Verifier(net, options);
            activeVerifier = v;
            if (interruptRequested) v.interrupt();
            VerificationResult r;
            try {
                r = v.verify(p.toBoxProperty());
            } finally {
                activeVerifier = null;
            }
            if (r.counterexample().isPresent() && !isCounterexample(p, r.counterexample().get().input())) {
                return new VerificationResult(Verdict.UNKNOWN, Optional.empty(), Double.POSITIVE_INFINITY,
                        "counterexample failed the robustness re-check", r.timeSeconds(), r.statistics());
            }
            return r;
        }
        long start = System.nanoTime();
        deadline = Double.isInfinite(options.timeLimitSeconds()) ? Long.MAX_VALUE
                : start + (long) Math.min(options.timeLimitSeconds() * 1e9, Long.MAX_VALUE / 4);
        mipSolves = binaries = 0;
        mipNodes = lpIterations = evaluations = 0;

        RobustnessFalsifier f = new RobustnessFalsifier(net, p);
        long falsifyEnd = Math.min(deadline, System.nanoTime() + (long) (options.falsifierSeconds() * 1e9));
        Optional<double[]> found = f.search(new Random(options.seed()), net.inputSize() <= 16 ? 300 : 30, 30, 40, falsifyEnd);
        evaluations += f.evaluations();
        if (found.isPresent() && isCounterexample(p, found.get())) return done(start, Verdict.SAT, found, Double.NaN, "");
        if (interruptRequested) return done(start, Verdict.UNKNOWN, Optional.empty(), Double.POSITIVE_INFINITY, "interrupted");
        if (System.nanoTime() >= deadline) return done(start, Verdict.UNKNOWN, Optional.empty(), Double.POSITIVE_INFINITY, "time limit");
        return mip(start, p, f);
    }

    /** A forward pass confirms the violation; for top-1 also in exact decimal arithmetic, where the network allows it. */
    private boolean isCounterexample(LocalRobustnessProperty p, double[] x) {
        if (!p.isViolatedBy(x, net.apply(x), 0.0)) return false;
        if (p.topK() != 1 || !ExactEvaluation.supports(net)) return true;
        return p.topOneCondition().isSatisfiedExactly(ExactEvaluation.apply(net, x));
    }

    private VerificationResult done(long start, Verdict v, Optional<double[]> x, double bound, String reason) {
        return new VerificationResult(v, x.map(xx -> VnnlibCounterexample.of(net, xx)), bound, reason, (System.nanoTime() - start) / 1e9,
                new VerificationResult.Statistics(1, mipSolves, mipNodes, lpIterations, binaries, 1, evaluations));
    }

    private VerificationResult mip(long start, LocalRobustnessProperty p, RobustnessFalsifier f) {
        Box box = p.region();
        int c = p.label();
        int m = net.outputSize();
        int[] others = new int[m - 1];
        double[][] rows = new double[m - 1][m];
        for (int j = 0, q = 0; j < m; j++) {
            if (j == c) continue;
            others[q] = j;
            rows[q][j] = 1.0;
            rows[q][c] -= 1.0;
            q++;
        }
        // bounds of the differences y_j - y_c through the network followed by the difference layer
        NetworkBounds diff = SymbolicBounds.tighten(regionBounds(net.followedBy(List.of(AffineLayer.dense(rows, new double[m - 1]))), p));
        double[] lo = diff.outputLower();
        double[] hi = diff.outputUpper();
        double tHi = kthLargest(hi, p.topK());
        if (tHi < 0) return done(start, Verdict.UNSAT, Optional.empty(), Double.NaN, "");
        double tLo = Math.min(kthLargest(lo, p.topK()), tHi);
        if (!Double.isFinite(tLo) || !Double.isFinite(tHi)) {
            return done(start, Verdict.UNKNOWN, Optional.empty(), tHi, "unbounded outputs over the region");
        }
        BoundTightening.Result tightened = BoundTightening.run(regionBounds(net, p), options.tightening(), options.threads(), deadline);
        lpIterations += tightened.lpIterations();
        if (tightened.bounds().isEmpty()) return done(start, Verdict.UNSAT, Optional.empty(), Double.NaN, "");
        if (interruptRequested) return done(start, Verdict.UNKNOWN, Optional.empty(), tHi, "interrupted");
        ReluMipEncoding enc = ReluMipEncoder.encode(tightened.bounds());
        binaries = enc.binaryCount() + others.length;
        Model model = enc.model();
        int[] xv = enc.inputVariables();
        double[] x0 = p.center();
        int[] sv = new int[xv.length];
        java.util.Arrays.fill(sv, -1);
        if (p.norm() == Norm.L1) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < xv.length; i++) {
                double w = Math.max(x0[i] - box.lower(i), box.upper(i) - x0[i]);
                if (w <= 0) continue;
                Variable s = model.continuous("s" + i, 0.0, w);
                sv[i] = s.index();
                idx.add(s.index());
                // s - x >= -x0 and s + x >= x0
                model.addConstraint("abs_lo" + i, new int[] {s.index(), xv[i]}, new double[] {1.0, -1.0}, -x0[i], Double.POSITIVE_INFINITY);
                model.addConstraint("abs_hi" + i, new int[] {s.index(), xv[i]}, new double[] {1.0, 1.0}, x0[i], Double.POSITIVE_INFINITY);
            }
            int[] ids = idx.stream().mapToInt(Integer::intValue).toArray();
            double[] ones = new double[ids.length];
            java.util.Arrays.fill(ones, 1.0);
            model.addConstraint("l1_ball", ids, ones, Double.NEGATIVE_INFINITY, p.epsilon());
        }
        Variable t = model.continuous("t", tLo, tHi);
        AffineForm[] y = enc.outputs();
        int[] bv = new int[others.length];
        double[] bigM = new double[others.length];
        int[] countIdx = new int[others.length];
        double[] ones = new double[others.length];
        for (int q = 0; q < others.length; q++) {
            Variable b = model.binary("b" + others[q]);
            bv[q] = b.index();
            countIdx[q] = b.index();
            ones[q] = 1.0;
            bigM[q] = (tHi - lo[q]) + BIG_M_SAFETY * (1 + Math.abs(tHi) + Math.abs(lo[q]));
            // t - (y_j - y_c) + M b <= M
            java.util.Map<Integer, Double> row = new java.util.TreeMap<>();
            row.merge(t.index(), 1.0, Double::sum);
            addForm(row, -1.0, y[others[q]]);
            addForm(row, 1.0, y[c]);
            row.merge(b.index(), bigM[q], Double::sum);
            double constant = y[c].constant() - y[others[q]].constant();
            int[] ri = row.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] rv = row.values().stream().mapToDouble(Double::doubleValue).toArray();
            model.addConstraint("top" + others[q], ri, rv, Double.NEGATIVE_INFINITY, bigM[q] - constant);
        }
        model.addConstraint("count", countIdx, ones, p.topK(), Double.POSITIVE_INFINITY);
        model.setObjective(LinearExpr.of(t), ObjectiveSense.MAXIMIZE);
        Repair repair = new Repair(enc, p, f, sv, t.index(), others, bv);
        model.setStart(repair.point(p.center()));
        MipParameters params = MipParameters.defaults().withThreads(options.threads()).withTimeLimitSeconds(remaining())
                .withObjectiveThreshold(0.0).withRelativeGap(0.0).withAbsoluteGap(1e-9).withSeed(options.seed())
                .withMemoryLimitMb(options.memoryLimitMb()).withLogIntervalSeconds(0.5);
        MipSolver solver = new MipSolver().addHeuristic(repair);
        // An interrupt landing between the check below and the solve's start is picked up by the next progress event.
        solver.setLogListener(e -> { if (interruptRequested) solver.interrupt(); });
        activeSolver = solver;
        MipResult r;
        try {
            if (interruptRequested) return done(start, Verdict.UNKNOWN, Optional.empty(), tHi, "interrupted");
            r = solver.solve(model, params.withSafeBounds(true)); // rigorous unsat
        } finally {
            activeSolver = null;
        }
        mipSolves++;
        mipNodes += r.nodes();
        lpIterations += r.lpIterations();
        if (r.incumbent().isPresent()) {
            RobustnessFalsifier.Point pt = f.ascend(enc.inputOf(r.incumbent().get()), 50, deadline);
            evaluations += f.evaluations();
            if (pt.margin() >= 0 && isCounterexample(p, pt.x())) return done(start, Verdict.SAT, Optional.of(pt.x()), Double.NaN, "");
        }
        return switch (r.status()) {
            case INFEASIBLE, THRESHOLD_REACHED -> done(start, Verdict.UNSAT, Optional.empty(), Double.NaN, "");
            case OPTIMAL -> r.bestBound() < 0 ? done(start, Verdict.UNSAT, Optional.empty(), Double.NaN, "")
                    : done(start, Verdict.UNKNOWN, Optional.empty(), r.bestBound(), "MIP optimum " + r.objective() + " >= 0 but no point passed the forward-pass re-check");
            case TIME_LIMIT, NODE_LIMIT, INTERRUPTED, MEMORY_LIMIT -> Verifier.limitBoundProves(r) ? done(start, Verdict.UNSAT, Optional.empty(), Double.NaN, "")
                    : done(start, Verdict.UNKNOWN, Optional.empty(), Math.min(tHi, Verifier.provenBound(r)), r.status().jsonName());
            default -> done(start, Verdict.UNKNOWN, Optional.empty(), r.bestBound(), r.status().jsonName());
        };
    }

    /**
     * Bounds that know the region, not only its box: for L1 the first affine layer's outputs lie within
     * {@code eps * max_j |w_ij|} of their value at the centre (a linear function's extreme over the L1 ball is at a
     * vertex), much tighter than the box's {@code eps * sum_j |w_ij|}; widened for rounding.
     */
    static NetworkBounds regionBounds(Network n, LocalRobustnessProperty p) {
        NetworkBounds b = NetworkBounds.unbounded(n, p.region());
        if (p.norm() != Norm.L1 || !(n.layer(0) instanceof AffineLayer a)) return b;
        double[] x0 = p.center();
        double[] lo = new double[a.outputSize()];
        double[] hi = new double[a.outputSize()];
        for (int i = 0; i < lo.length; i++) {
            double v = a.bias(i);
            double mag = Math.abs(v);
            double wmax = 0;
            for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                double t = a.value(q) * x0[a.column(q)];
                v += t;
                mag += Math.abs(t);
                wmax = Math.max(wmax, Math.abs(a.value(q)));
            }
            double r = p.epsilon() * wmax;
            double err = 1e-12 * (mag + r) + Double.MIN_NORMAL;
            lo[i] = v - r - err;
            hi[i] = v + r + err;
        }
        return b.restrictLayer(0, lo, hi);
    }

    private double remaining() {
        return deadline == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : Math.max(0, (deadline - System.nanoTime()) / 1e9);
    }

    private static void addForm(java.util.Map<Integer, Double> row, double factor, AffineForm f) {
        for (int q = 0; q < f.size(); q++) row.merge(f.variables()[q], factor * f.coefficients()[q], Double::sum);
    }

    private static double kthLargest(double[] v, int k) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length - k];
    }

    /** The network evaluated at the LP's input point (projected into the region, improved by PGD) as a full MIP point. */
    private static final class Repair implements PrimalHeuristic {
        private final ReluMipEncoding enc;
        private final LocalRobustnessProperty p;
        private final RobustnessFalsifier projector;
        private final int[] sv;
        private final int tv;
        private final int[] others;
        private final int[] bv;

        Repair(ReluMipEncoding enc, LocalRobustnessProperty p, RobustnessFalsifier projector, int[] sv, int tv, int[] others, int[] bv) {
            this.enc = enc;
            this.p = p;
            this.projector = projector;
            this.sv = sv;
            this.tv = tv;
            this.others = others;
            this.bv = bv;
        }

        @Override public String name() { return "robustness-repair"; }

        @Override public void run(HeuristicContext context) {
            // a fresh falsifier per call keeps the heuristic thread-safe
            RobustnessFalsifier local = new RobustnessFalsifier(enc.network(), p);
            RobustnessFalsifier.Point pt = local.ascend(enc.inputOf(context.lpSolution()), 10, Long.MAX_VALUE);
            context.submit(point(pt.x()));
        }

        double[] point(double[] x) {
            double[] pt = enc.complete(projector.project(x));
            double[] x0 = p.center();
            double[] xs = enc.inputOf(pt);
            for (int i = 0; i < sv.length; i++) if (sv[i] >= 0) pt[sv[i]] = Math.abs(xs[i] - x0[i]);
            double[] y = enc.network().apply(xs);
            double margin = p.margin(y);
            pt[tv] = margin;
            // the k competitors with the highest scores carry the count
            Integer[] order = new Integer[others.length];
            for (int q = 0; q < order.length; q++) order[q] = q;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(y[others[b]], y[others[a]]));
            for (int q = 0; q < order.length; q++) pt[bv[order[q]]] = q < p.topK() ? 1.0 : 0.0;
            return pt;
        }
    }
}
