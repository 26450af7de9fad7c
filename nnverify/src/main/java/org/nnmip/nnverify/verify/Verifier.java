package org.nnmip.nnverify.verify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.bounds.BoundsReport;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.BoundTightening;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibCounterexample;

/**
 * Decides a VNN-LIB property on a network. The violation set is a union over input boxes and output conjuncts;
 * each pair is a sub-problem "is {@code max_x min_k (rhs_k - c_k . y(x)) >= 0} over the box". Falsification
 * (random samples and PGD) runs first; then each sub-problem goes to a MIP (big-M encoding with the margin as
 * objective, verification threshold 0: stop at the first point with positive margin or when the bound proves the
 * margin negative) or to input splitting (Wang et al. 2018, "Formal security analysis of neural networks using
 * symbolic intervals" (ReluVal), Sec. 4: bisect the input box, re-bound each child symbolically, drop children
 * whose bound proves the conjunct empty; boxes with few unstable ReLUs go to the MIP). Every counterexample is
 * re-evaluated by a forward pass in double precision and checked against the property before {@code sat} is
 * reported. Not thread-safe: one verification at a time per object; {@link #interrupt()} may be called from any thread.
 */
public final class Verifier {
    private static final int MAX_SPLIT_DEPTH = 60;
    private static final int SPLIT_CANDIDATES = 3;

    private final Network net;
    private final VerificationOptions options;
    private long deadline;
    private int subproblems;
    private int mipSolves;
    private long mipNodes;
    private long lpIterations;
    private int binaries;
    private long boxes;
    private long evaluations;
    private HeapLimit heap = new HeapLimit(0);
    private boolean mipMemoryLimit; // a MIP stopped on the memory limit: the verification stops too
    private volatile boolean interruptRequested;
    private volatile MipSolver activeSolver;

    public Verifier(Network net, VerificationOptions options) {
        if (net == null || options == null) throw new IllegalArgumentException("verifier: network and options must not be null");
        this.net = net;
        this.options = options;
    }

    /** Outcome of one sub-problem. */
    private record Sub(Verdict verdict, double[] x, double bound, String reason) {
        static Sub unsat() { return new Sub(Verdict.UNSAT, null, Double.NaN, ""); }
        static Sub sat(double[] x) { return new Sub(Verdict.SAT, x, Double.NaN, ""); }
        static Sub unknown(double bound, String reason) { return new Sub(Verdict.UNKNOWN, null, bound, reason); }
    }

    /**
     * Asks the running (or next) verification to stop soon: it returns unknown, reason {@code interrupted}, with the
     * margin bound proven so far. Stops a running MIP at once; bound tightening and the falsifier's sampling phase
     * finish their current step first.
     */
    public void interrupt() {
        interruptRequested = true;
        MipSolver s = activeSolver;
        if (s != null) s.interrupt();
    }

    /** Why the search must stop now (interrupt, memory limit, time limit), or null to go on. */
    private String stopReason() {
        if (interruptRequested) return "interrupted";
        if (mipMemoryLimit || heap.exceeded()) return "memory_limit";
        if (System.nanoTime() >= deadline) return "time limit";
        return null;
    }

    public VerificationResult verify(Property property) {
        if (property.inputSize() != net.inputSize() || property.outputSize() != net.outputSize()) {
            throw new IllegalArgumentException("property over " + property.inputSize() + " inputs and " + property.outputSize()
                    + " outputs, network has " + net.inputSize() + " inputs and " + net.outputSize() + " outputs");
        }
        for (int b = 0; b < property.inputBoxes().size(); b++) {
            if (!property.inputBoxes().get(b).isBounded()) {
                throw new IllegalArgumentException("property: input box " + b + " is unbounded; every input needs finite bounds");
            }
        }
        long start = System.nanoTime();
        deadline = Double.isInfinite(options.timeLimitSeconds()) ? Long.MAX_VALUE
                : start + (long) Math.min(options.timeLimitSeconds() * 1e9, Long.MAX_VALUE / 4);
        subproblems = mipSolves = binaries = 0;
        mipNodes = lpIterations = boxes = evaluations = 0;
        heap = new HeapLimit(options.memoryLimitMb());
        mipMemoryLimit = false;
        Strategy strategy = options.strategy() == Strategy.AUTO
                ? (net.inputSize() <= options.splitInputLimit() ? Strategy.SPLIT : Strategy.MIP) : options.strategy();
        List<List<OutputConstraint>> disjuncts = property.outputCondition().disjuncts();
        Random rnd = new Random(options.seed());

        // Falsification first: cheap, and most violated properties fall to it.
        long falsifyEnd = Math.min(deadline, System.nanoTime() + (long) (options.falsifierSeconds() * 1e9));
        List<Box> inputBoxes = property.inputBoxes();
        for (Box box : inputBoxes) {
            for (List<OutputConstraint> conj : disjuncts) {
                if (stopReason() != null) break;
                if (conj.isEmpty()) { // an empty conjunction is true: any point of the box violates
                    Optional<VnnlibCounterexample> c = recheck(property, Falsifier.center(box));
                    if (c.isPresent()) return done(start, Verdict.SAT, c, Double.NaN, "");
                    continue;
                }
                Falsifier f = new Falsifier(net, new SlackFunction(net, conj));
                int samples = net.inputSize() <= 16 ? 300 : 30;
                Optional<double[]> x = f.search(box, rnd, samples, 30, 40, falsifyEnd);
                evaluations += f.evaluations();
                if (x.isPresent()) {
                    Optional<VnnlibCounterexample> c = recheck(property, x.get());
                    if (c.isPresent()) return done(start, Verdict.SAT, c, Double.NaN, "");
                }
            }
        }

        double worst = Double.NEGATIVE_INFINITY;
        String reason = "";
        for (int bi = 0; bi < inputBoxes.size(); bi++) {
            Box box = inputBoxes.get(bi);
            for (int ci = 0; ci < disjuncts.size(); ci++) {
                List<OutputConstraint> conj = disjuncts.get(ci);
                if (conj.isEmpty()) continue; // its only candidate, the centre, failed the re-check above
                String stop = stopReason();
                if (stop != null) {
                    double pending = pendingBound(inputBoxes, disjuncts, bi, ci);
                    return done(start, Verdict.UNKNOWN, Optional.empty(), Math.max(worst, pending), stop);
                }
                subproblems++;
                SlackFunction slack = new SlackFunction(net, conj);
                Sub r = strategy == Strategy.SPLIT ? split(box, slack) : mip(box, slack);
                if (r.verdict == Verdict.SAT) {
                    Optional<VnnlibCounterexample> c = recheck(property, r.x);
                    if (c.isPresent()) return done(start, Verdict.SAT, c, Double.NaN, "");
                    r = Sub.unknown(Double.POSITIVE_INFINITY, "counterexample failed the forward-pass re-check");
                }
                if (r.verdict == Verdict.UNKNOWN) {
                    worst = Math.max(worst, r.bound);
                    if (reason.isEmpty()) reason = r.reason;
                    String stopNow = stopReason();
                    if (stopNow != null) {
                        double pending = pendingBound(inputBoxes, disjuncts, bi, ci + 1);
                        return done(start, Verdict.UNKNOWN, Optional.empty(), Math.max(worst, pending), stopNow);
                    }
                }
            }
        }
        if (!reason.isEmpty()) return done(start, Verdict.UNKNOWN, Optional.empty(), worst, reason);
        return done(start, Verdict.UNSAT, Optional.empty(), Double.NaN, "");
    }

    /**
     * The largest symbolic margin bound over the sub-problems from (box {@code bi}, conjunct {@code ci}) on in loop
     * order, the ones a stopped verification leaves undecided (-infinity when none).
     */
    private double pendingBound(List<Box> inputBoxes, List<List<OutputConstraint>> disjuncts, int bi, int ci) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int b = bi; b < inputBoxes.size(); b++) {
            for (int c = b == bi ? ci : 0; c < disjuncts.size(); c++) {
                if (disjuncts.get(c).isEmpty()) continue;
                SlackFunction slack = new SlackFunction(net, disjuncts.get(c));
                worst = Math.max(worst, marginUpper(SymbolicBounds.compute(slack.slackNetwork, inputBoxes.get(b))));
            }
        }
        return worst;
    }

    private VerificationResult done(long start, Verdict v, Optional<VnnlibCounterexample> c, double bound, String reason) {
        return new VerificationResult(v, c, bound, reason, (System.nanoTime() - start) / 1e9,
                new VerificationResult.Statistics(subproblems, mipSolves, mipNodes, lpIterations, binaries, boxes, evaluations));
    }

    /** The counterexample for {@code x} when a forward pass confirms it violates the property exactly (no tolerance). */
    private Optional<VnnlibCounterexample> recheck(Property property, double[] x) {
        VnnlibCounterexample c = VnnlibCounterexample.of(net, x);
        return c.check(property, net, 0.0).isValid() ? Optional.of(c) : Optional.empty();
    }

    /** Sound pre-activation bounds: interval propagation intersected with symbolic back-substitution. */
    static NetworkBounds bounds(Network net, Box box) {
        return IntervalBounds.compute(net, box).intersect(SymbolicBounds.compute(net, box));
    }

    /** Upper bound on the margin from bounds of the slack network's outputs {@code c_k . y - rhs_k}. */
    static double marginUpper(NetworkBounds slackBounds) {
        double[] lo = slackBounds.outputLower();
        double t = Double.POSITIVE_INFINITY;
        for (double l : lo) t = Math.min(t, -l);
        return t;
    }

    /** Lower bound on the margin from bounds of the slack network's outputs. */
    static double marginLower(NetworkBounds slackBounds) {
        double[] up = slackBounds.outputUpper();
        double t = Double.POSITIVE_INFINITY;
        for (double u : up) t = Math.min(t, -u);
        return t;
    }

    private double remainingSeconds() {
        return deadline == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : Math.max(0, (deadline - System.nanoTime()) / 1e9);
    }

    /** One MIP: maximise t subject to t <= rhs_k - c_k . y for every k, over the big-M encoding on the box. */
    private Sub mip(Box box, SlackFunction slack) {
        NetworkBounds slackBounds = SymbolicBounds.compute(slack.slackNetwork, box);
        boxes++;
        double tHi = marginUpper(slackBounds);
        if (tHi < 0) return Sub.unsat();
        double tLo = Math.min(marginLower(slackBounds), tHi);
        if (!Double.isFinite(tLo) || !Double.isFinite(tHi)) return Sub.unknown(tHi, "unbounded outputs over the input box");
        BoundTightening.Result tightened = BoundTightening.run(net, box, options.tightening(), options.threads(), deadline);
        lpIterations += tightened.lpIterations();
        NetworkBounds nb = tightened.bounds();
        if (nb.isEmpty()) return Sub.unsat(); // no input of the box reaches some layer value: the box is empty
        String stop = stopReason();
        if (stop != null) return Sub.unknown(tHi, stop);
        MarginMip mm = MarginMip.build(nb, slack.constraints, tLo, tHi);
        ReluMipEncoding enc = mm.encoding();
        binaries = Math.max(binaries, enc.binaryCount());
        Model model = mm.model();
        Variable t = mm.margin();
        NetworkRepairHeuristic heuristic = new NetworkRepairHeuristic(enc, slack, box, t.index(), 10);
        model.setStart(heuristic.point(Falsifier.center(box)));
        MipParameters params = MipParameters.defaults().withThreads(options.threads()).withTimeLimitSeconds(remainingSeconds())
                .withObjectiveThreshold(0.0).withRelativeGap(0.0).withAbsoluteGap(1e-9).withSeed(options.seed())
                .withSafeBounds(!Boolean.getBoolean("nnmip.unsafeBounds")) // rigorous unless benchmarking the cost
                .withMemoryLimitMb(options.memoryLimitMb()).withLogIntervalSeconds(0.5);
        MipSolver solver = new MipSolver().addHeuristic(heuristic);
        // An interrupt landing between the check below and the solve's start is picked up by the next progress event.
        solver.setLogListener(e -> { if (interruptRequested) solver.interrupt(); });
        activeSolver = solver;
        MipResult r;
        try {
            if (interruptRequested) return Sub.unknown(tHi, "interrupted");
            r = solver.solve(model, params);
        } finally {
            activeSolver = null;
        }
        mipSolves++;
        if (r.status() == org.nnmip.mip.MipStatus.MEMORY_LIMIT) mipMemoryLimit = true;
        mipNodes += r.nodes();
        lpIterations += r.lpIterations();
        if (r.incumbent().isPresent()) {
            double[] x = Falsifier.clamp(box, enc.inputOf(r.incumbent().get()));
            Falsifier f = new Falsifier(net, slack);
            Falsifier.Point p = f.ascend(box, x, 50, deadline);
            evaluations += f.evaluations();
            if (p.margin() >= 0) return Sub.sat(p.x());
        }
        return switch (r.status()) {
            case INFEASIBLE, THRESHOLD_REACHED -> Sub.unsat();
            case OPTIMAL -> r.bestBound() < 0 ? Sub.unsat()
                    : Sub.unknown(r.bestBound(), "MIP optimum " + r.objective() + " >= 0 but no point passed the forward-pass re-check");
            // a limit hit after the bound already went negative still proves the sub-problem empty
            case TIME_LIMIT, NODE_LIMIT, INTERRUPTED, MEMORY_LIMIT -> limitBoundProves(r) ? Sub.unsat()
                    : Sub.unknown(Math.min(tHi, provenBound(r)), r.status().jsonName());
            default -> Sub.unknown(r.bestBound(), r.status().jsonName());
        };
    }

    /** The big-M encoding with the margin variable {@code t} maximised subject to {@code t <= rhs_k - c_k . y}. */
    record MarginMip(ReluMipEncoding encoding, Model model, Variable margin) {
        static MarginMip build(NetworkBounds nb, List<OutputConstraint> constraints, double tLo, double tHi) {
            ReluMipEncoding enc = ReluMipEncoder.encode(nb);
            Model model = enc.model();
            Variable t = model.continuous("t", tLo, tHi);
            AffineForm[] y = enc.outputs();
            double[] coef = new double[model.numVariables()];
            for (int k = 0; k < constraints.size(); k++) {
                OutputConstraint c = constraints.get(k);
                java.util.Arrays.fill(coef, 0.0);
                double constant = 0;
                for (int j = 0; j < y.length; j++) {
                    double cj = c.coefficient(j);
                    if (cj == 0) continue;
                    constant += cj * y[j].constant();
                    for (int q = 0; q < y[j].size(); q++) coef[y[j].variables()[q]] += cj * y[j].coefficients()[q];
                }
                coef[t.index()] = 1.0;
                int nz = 0;
                for (double v : coef) if (v != 0) nz++;
                int[] idx = new int[nz];
                double[] val = new double[nz];
                int p = 0;
                for (int j = 0; j < coef.length; j++) if (coef[j] != 0) { idx[p] = j; val[p++] = coef[j]; }
                // t + c . y <= rhs, relaxed outward for the round-off of composing c with the output forms
                double rhs = Math.nextUp(c.rhs() - constant) + ReluMipEncoder.slack(model, new AffineForm(idx, val, constant, AffineForm.combinationError(c.coefficients(), y, j -> ReluMipEncoder.magnitude(model, j))), c.rhs());
                model.addConstraint("margin" + k, idx, val, Double.NEGATIVE_INFINITY, rhs);
            }
            model.setObjective(LinearExpr.of(t), ObjectiveSense.MAXIMIZE);
            return new MarginMip(enc, model, t);
        }
    }

    /**
     * The MIP the MIP strategy solves for one input box and one output conjunct, with the bounds of
     * {@code options.tightening()}: for export (e.g. MPS) and solver-to-solver comparisons.
     */
    public static Model marginModel(Network net, Box box, List<OutputConstraint> conjunct, VerificationOptions options) {
        SlackFunction slack = new SlackFunction(net, conjunct);
        NetworkBounds slackBounds = SymbolicBounds.compute(slack.slackNetwork, box);
        double tHi = marginUpper(slackBounds);
        double tLo = Math.min(marginLower(slackBounds), tHi);
        if (!Double.isFinite(tLo) || !Double.isFinite(tHi)) throw new IllegalArgumentException("margin model: unbounded outputs over the box");
        long deadline = Double.isInfinite(options.timeLimitSeconds()) ? Long.MAX_VALUE : System.nanoTime() + (long) (options.timeLimitSeconds() * 1e9);
        NetworkBounds nb = BoundTightening.run(net, box, options.tightening(), options.threads(), deadline).bounds();
        return MarginMip.build(nb, slack.constraints, tLo, tHi).model();
    }

    /**
     * True when a MIP stopped by a limit still proved the margin negative. Its bound counts only once the search
     * tree exists (some node processed): a stop during the root LP reports the incumbent (or an infinite value) as
     * bound, which proves nothing.
     */
    static boolean limitBoundProves(MipResult r) {
        return r.nodes() > 0 && r.bestBound() < 0;
    }

    /** The bound of a limit-stopped MIP when it proves something, else +infinity (no information). */
    static double provenBound(MipResult r) {
        return r.nodes() > 0 ? r.bestBound() : Double.POSITIVE_INFINITY;
    }

    private record SplitNode(Box box, NetworkBounds slackBounds, int depth) { }

    private Sub split(Box box, SlackFunction slack) {
        Deque<SplitNode> stack = new ArrayDeque<>();
        stack.push(new SplitNode(box, SymbolicBounds.compute(slack.slackNetwork, box), 0));
        boxes++;
        double worst = Double.NEGATIVE_INFINITY;
        String reason = "";
        while (!stack.isEmpty()) {
            String stop = stopReason();
            if (stop != null) {
                for (SplitNode n : stack) worst = Math.max(worst, marginUpper(n.slackBounds));
                return Sub.unknown(worst, stop);
            }
            SplitNode node = stack.pop();
            if (marginUpper(node.slackBounds) < 0) continue;
            // A few gradient steps from the centre: counterexamples in the box are usually found long before it is split fine.
            Falsifier f = new Falsifier(net, slack);
            Falsifier.Point p = f.ascend(node.box, Falsifier.center(node.box), 8, deadline);
            evaluations += f.evaluations();
            if (p.margin() >= 0) return Sub.sat(p.x());
            int unstable = BoundsReport.of(node.slackBounds).totalUnstable();
            SplitNode[] children = unstable <= options.splitMipUnstable() || node.depth >= MAX_SPLIT_DEPTH ? null
                    : bestSplit(node, slack);
            if (children == null) {
                Sub r = mip(node.box, slack);
                if (r.verdict == Verdict.SAT) return r;
                if (r.verdict == Verdict.UNKNOWN) {
                    worst = Math.max(worst, r.bound);
                    reason = r.reason;
                    String stopNow = stopReason();
                    if (stopNow != null) {
                        for (SplitNode n : stack) worst = Math.max(worst, marginUpper(n.slackBounds));
                        return Sub.unknown(worst, stopNow);
                    }
                }
                continue;
            }
            // Depth first, the child more likely to hold a counterexample (larger margin bound) first.
            if (marginUpper(children[0].slackBounds) >= marginUpper(children[1].slackBounds)) {
                stack.push(children[1]);
                stack.push(children[0]);
            } else {
                stack.push(children[0]);
                stack.push(children[1]);
            }
        }
        return reason.isEmpty() ? Sub.unsat() : Sub.unknown(worst, reason);
    }

    /**
     * Chooses the bisection: the {@link #SPLIT_CANDIDATES} dimensions of largest smear {@code |d s_k / d x_i| *
     * width_i} at the box centre (Wang et al. 2018, ReluVal, Sec. 4.2; {@code k} the constraint whose lower bound is
     * closest to proving it violated on the whole box, which would empty the conjunct there) are each tried, and the
     * one whose worse child has the smaller margin bound is kept. Null for a point box (left to the MIP).
     */
    private SplitNode[] bestSplit(SplitNode node, SlackFunction slack) {
        Box b = node.box;
        double[] lo = node.slackBounds.outputLower();
        int k = 0;
        for (int q = 1; q < lo.length; q++) if (lo[q] > lo[k]) k = q;
        double[] g = NetworkGradient.of(net, net.evaluate(Falsifier.center(b)), slack.constraints.get(k).coefficients());
        evaluations++;
        Integer[] dims = new Integer[b.dimension()];
        double[] smear = new double[b.dimension()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i;
            double width = b.upper(i) - b.lower(i);
            smear[i] = width > 0 ? Math.abs(g[i]) * width + 1e-9 * width : -1;
        }
        java.util.Arrays.sort(dims, (p, q) -> Double.compare(smear[q], smear[p]));
        SplitNode[] best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int c = 0; c < Math.min(SPLIT_CANDIDATES, dims.length); c++) {
            int i = dims[c];
            if (smear[i] < 0) break;
            double mid = 0.5 * (b.lower(i) + b.upper(i));
            double[] up1 = b.upper();
            up1[i] = mid;
            double[] lo2 = b.lower();
            lo2[i] = mid;
            Box left = new Box(b.lower(), up1);
            Box right = new Box(lo2, b.upper());
            NetworkBounds lb = SymbolicBounds.compute(slack.slackNetwork, left);
            NetworkBounds rb = SymbolicBounds.compute(slack.slackNetwork, right);
            boxes += 2;
            double score = Math.max(marginUpper(lb), marginUpper(rb));
            if (best == null || score < bestScore) {
                bestScore = score;
                best = new SplitNode[] {new SplitNode(left, lb, node.depth + 1), new SplitNode(right, rb, node.depth + 1)};
            }
        }
        return best;
    }
}
