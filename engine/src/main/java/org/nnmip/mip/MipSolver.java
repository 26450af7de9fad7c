package org.nnmip.mip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nnmip.lp.Basis;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.model.Model;
import org.nnmip.model.Variable;

/**
 * LP-based branch-and-bound for mixed-integer programs (Land & Doig 1960; the design follows Achterberg 2007,
 * "Constraint Integer Programming"): root LP, root cuts, then a (parallel) tree search with propagation,
 * reliability branching and primal heuristics. Extension points are registered before {@link #solve}.
 *
 * <pre>{@code
 * MipResult r = new MipSolver().solve(instance, MipParameters.defaults().withTimeLimitSeconds(60));
 * }</pre>
 *
 * One solver object runs one solve at a time; {@link #interrupt()} may be called from any thread.
 */
public final class MipSolver {
    private static final int MAX_CUT_ROUNDS = 10;

    private final List<PrimalHeuristic> heuristics = new CopyOnWriteArrayList<>();
    private final List<BoundPropagator> propagators = new CopyOnWriteArrayList<>();
    private final List<CutSeparator> separators = new CopyOnWriteArrayList<>();
    private volatile NodeLogListener listener;
    private volatile SearchState current;
    private volatile boolean interruptRequested;

    public MipSolver addHeuristic(PrimalHeuristic h) {
        heuristics.add(requireNonNull(h, "heuristic"));
        return this;
    }

    public MipSolver addPropagator(BoundPropagator p) {
        propagators.add(requireNonNull(p, "propagator"));
        return this;
    }

    /**
     * Records a proof for every node the search closes ({@link MipCertificate}); needs safe bounds, no propagation
     * and no cuts or user propagators, so that every node's box is the root box plus its branching decisions.
     */
    public MipSolver recordLeafProofs(LeafProofListener l) {
        this.leafProofs = l;
        return this;
    }

    private LeafProofListener leafProofs;

    public MipSolver addSeparator(CutSeparator c) {
        separators.add(requireNonNull(c, "separator"));
        return this;
    }

    /** Progress events (null = none). */
    public MipSolver setLogListener(NodeLogListener l) {
        this.listener = l;
        return this;
    }

    /** Asks a running solve to stop soon; it returns status INTERRUPTED with its incumbent and bound. */
    public void interrupt() {
        interruptRequested = true;
        SearchState st = current;
        if (st != null) st.interrupted = true;
    }

    private static <T> T requireNonNull(T t, String what) {
        if (t == null) throw new IllegalArgumentException(what + " is null");
        return t;
    }

    /**
     * Solves a {@link Model}: integrality, branching priorities, MIP start and objective cutoff are taken from it.
     * The incumbent is indexed like {@link Model#variables()}.
     */
    public MipResult solve(Model model, MipParameters params) {
        requireNonNull(model, "model");
        return solve(toInstance(model), params);
    }

    /** The engine's view of a model (same column order). */
    public static MipInstance toInstance(Model model) {
        LpProblem lp = model.toLpProblem();
        int n = model.numVariables();
        boolean[] integer = new boolean[n];
        int[] priority = new int[n];
        for (int j = 0; j < n; j++) {
            Variable v = model.variable(j);
            integer[j] = v.isIntegral();
            priority[j] = v.branchPriority();
        }
        double[] start = model.hasStart() ? model.start() : null;
        double cutoff = model.objectiveCutoff().orElse(Double.NaN);
        if (Double.isInfinite(cutoff)) cutoff = Double.NaN;
        return MipInstance.of(lp, integer, priority, start, cutoff);
    }

    public MipResult solve(MipInstance instance, MipParameters params) {
        requireNonNull(instance, "instance");
        requireNonNull(params, "params");
        if (leafProofs != null && (!params.safeBounds() || params.propagation() || !separators.isEmpty()
                || !propagators.isEmpty())) {
            throw new IllegalArgumentException("leaf proofs need safeBounds, no propagation and no user cuts or propagators");
        }
        long start = System.nanoTime();
        interruptRequested = false;
        // Extension points index the instance's own columns, so presolve (which removes columns) stays off then.
        boolean extended = !heuristics.isEmpty() || !propagators.isEmpty() || !separators.isEmpty();
        // Presolve concludes on tolerances, so safe-bounds mode (which must prove every conclusion) skips it.
        if (params.presolve() && !extended && !params.safeBounds()) {
            MipResult r = solvePresolved(instance, params, start);
            if (r != null) return r;
        }
        return solveDirect(instance, params, start);
    }

    /**
     * Presolves, solves the reduced instance and maps its incumbent back; the mapped point is re-checked on the
     * original instance. Returns null when that check fails (then the caller solves without presolve).
     */
    private MipResult solvePresolved(MipInstance instance, MipParameters params, long start) {
        Presolve.Result pre = Presolve.run(instance);
        MipData original = new MipData(instance);
        if (pre.infeasible()) {
            double bound = original.sign * Double.POSITIVE_INFINITY;
            return new MipResult(MipStatus.INFEASIBLE, Optional.empty(), Double.NaN, bound,
                    Double.POSITIVE_INFINITY, 0, 0, (System.nanoTime() - start) * 1e-9,
                    new MipResult.Statistics(0, java.util.Map.of(), 0, 0, pre.tightenedBounds(), 0));
        }
        // Everything fixed: rare, and the full solve reports cutoff and threshold statuses the usual way.
        if (pre.reduced().numColumns() == 0) return null;
        MipResult r = solveDirect(pre.reduced(), params, start);
        if (r.incumbent().isEmpty()) return r;
        double[] x = pre.postsolve().expand(r.incumbent().get());
        if (original.violation(x, params.feasibilityTolerance(), params.integralityTolerance()) != null) return null;
        double obj = instance.relaxationView().objectiveValue(x);
        return new MipResult(r.status(), Optional.of(x), obj, r.bestBound(), MipResult.gap(obj, r.bestBound()),
                r.nodes(), r.lpIterations(), (System.nanoTime() - start) * 1e-9, r.statistics());
    }

    private MipResult solveDirect(MipInstance instance, MipParameters params, long start) {
        MipData data = new MipData(instance);
        List<CutSeparator> seps = new ArrayList<>();
        if (params.cuts() && !params.safeBounds()) {
            seps.add(new KnapsackCoverSeparator());
            seps.add(new MirSeparator());
        }
        seps.addAll(separators);
        SearchState s = new SearchState(data, params, heuristics, propagators, seps, start);
        current = s;
        if (interruptRequested) s.interrupted = true;
        try {
            return run(s);
        } finally {
            current = null;
        }
    }

    private MipResult run(SearchState s) {
        MipData d = s.data;
        double[] rootLo = d.lower.clone();
        double[] rootUp = d.upper.clone();
        for (int j = 0; j < d.n; j++) if (rootLo[j] > rootUp[j]) return finish(s, MipStatus.INFEASIBLE, null);
        if (s.params.propagation() && d.m > 0) {
            DomainPropagator p = new DomainPropagator(d, s.params.safeBounds());
            if (!p.propagate(rootLo, rootUp, null, 0, Long.MAX_VALUE / 4)) {
                return finish(s, MipStatus.INFEASIBLE, null);
            }
            s.propagationFixings.addAndGet(p.tightenings());
        }
        LpProblem rootProblem = d.minProblem.copy();
        for (int j = 0; j < d.n; j++) rootProblem.setColumnBounds(j, rootLo[j], rootUp[j]);
        LpParameters lpParams = LpParameters.defaults().withSeed(s.params.seed());
        LpSolver rootLp = new LpSolver(rootProblem, lpParams);
        LpStatus st = solveRoot(s, rootLp, lpParams, s.cutoff());
        if (st == LpStatus.ITERATION_LIMIT || st == LpStatus.NUMERICAL_TROUBLE) {
            rootLp = new LpSolver(rootProblem, lpParams.withPerturbation(false).withScaling(false));
            st = solveRoot(s, rootLp, lpParams.withPerturbation(false).withScaling(false), s.cutoff());
        }
        s.lpIterations.addAndGet(rootLp.iterations());
        useStart(s, rootProblem, lpParams);
        // Safe mode: an unproven root infeasibility or cutoff goes to the tree, whose workers prove or branch.
        // Recording leaf proofs: the root's own conclusion goes to the tree too, where it is recorded.
        boolean unproven = s.params.safeBounds() && (leafProofs != null
                ? st == LpStatus.INFEASIBLE || st == LpStatus.OBJECTIVE_CUTOFF
                : !SafeRoot.proven(st, rootLp, rootProblem, d, s.cutoff()));
        switch (unproven ? LpStatus.OPTIMAL : st) {
            case INFEASIBLE -> {
                return finish(s, MipStatus.INFEASIBLE, null);
            }
            case UNBOUNDED -> {
                return finish(s, MipStatus.UNBOUNDED, null);
            }
            case OBJECTIVE_CUTOFF -> {
                s.recordPruned(Double.NEGATIVE_INFINITY, s.cutoff());
                return finish(s, null, null);
            }
            case TIME_LIMIT -> {
                return finish(s, MipStatus.TIME_LIMIT, null);
            }
            case OPTIMAL -> { }
            default -> {
                return finish(s, MipStatus.NUMERICAL_TROUBLE, null);
            }
        }
        int cuts = !unproven && (s.params.cuts() || !s.separators.isEmpty()) ? cutLoop(s, rootLp, rootLo, rootUp) : 0;
        if (!unproven && rootLp.status() != LpStatus.OPTIMAL) return finish(s, MipStatus.NUMERICAL_TROUBLE, null);
        double z = unproven ? Double.NEGATIVE_INFINITY : s.params.safeBounds()
                ? SafeRoot.bound(rootLp, d, rootLo, rootUp) : rootLp.objectiveValue();
        Basis basis = rootLp.basis();
        LpProblem withCuts = rootLp.problem();
        s.globalBounds = new double[][] {rootLo, rootUp};
        TreeSearch tree = new TreeSearch(s, withCuts, basis, rootLp.result(), lpParams, listener);
        tree.recordProofs(leafProofs);
        s.cutsAdded = cuts;
        Node root = new Node(0, z, z, new int[0], new double[0], new double[0], basis, -1, false, 0, z);
        MipStatus status = tree.run(root);
        return finish(s, status, tree);
    }

    private static LpStatus solveRoot(SearchState s, LpSolver lp, LpParameters base, double cutoff) {
        double remaining = s.deadlineSeconds - s.elapsed();
        if (remaining <= 0) return LpStatus.TIME_LIMIT;
        lp.setParameters(base.withObjectiveCutoff(cutoff).withTimeLimitSeconds(remaining));
        return lp.solve();
    }

    /**
     * The MIP start: a complete point is checked as is; with only the integer values given (NaN elsewhere), the
     * integers are fixed and the LP completes the continuous part.
     */
    private static void useStart(SearchState s, LpProblem rootProblem, LpParameters lpParams) {
        Optional<double[]> start = s.data.instance.start();
        if (start.isEmpty()) return;
        double[] x = start.get();
        boolean complete = true;
        for (double v : x) if (Double.isNaN(v)) complete = false;
        if (complete) {
            s.submit(x, "mip-start");
            return;
        }
        LpProblem fixed = s.data.minProblem.copy();
        for (int j = 0; j < x.length; j++) {
            if (!Double.isNaN(x[j])) {
                double v = s.data.integer[j] ? Math.rint(x[j]) : x[j];
                if (v < rootProblem.columnLower(j) - 1e-9 || v > rootProblem.columnUpper(j) + 1e-9) return;
                fixed.setColumnBounds(j, v, v);
            } else if (s.data.integer[j]) {
                return; // an integer value is missing: nothing cheap to complete
            }
        }
        LpSolver lp = new LpSolver(fixed, lpParams);
        if (solveRoot(s, lp, lpParams, Double.POSITIVE_INFINITY) == LpStatus.OPTIMAL) {
            double[] sol = new double[x.length];
            lp.columnValues(sol);
            s.submit(sol, "mip-start");
        }
        s.lpIterations.addAndGet(lp.iterations());
    }

    /**
     * Root cut loop: separate, add violated cuts, re-solve; stop after {@value #MAX_CUT_ROUNDS} rounds or when the
     * bound stalls. Returns the number of cuts kept.
     */
    private static int cutLoop(SearchState s, LpSolver lp, double[] lo, double[] up) {
        int baseRows = lp.numRows();
        double z = lp.objectiveValue();
        double[] x = new double[s.data.n];
        int added = 0;
        // Safe-bounds mode proves leaves on the original rows only, so no engine cuts there.
        GomorySeparator gomory = s.params.cuts() && s.params.gomoryCuts() && !s.params.safeBounds() ? new GomorySeparator(s.data) : null;
        for (int round = 0; round < MAX_CUT_ROUNDS && !s.timeUp() && !s.interrupted; round++) {
            lp.columnValues(x);
            boolean integral = true;
            for (int j = 0; j < s.data.n && integral; j++) {
                if (s.data.integer[j] && Math.abs(x[j] - Math.rint(x[j])) > s.params.integralityTolerance()) {
                    integral = false;
                }
            }
            if (integral) break;
            List<CutSeparator.Cut> found = new ArrayList<>();
            int limit = Math.max(20, s.data.m / 2);
            if (gomory != null && round < GomorySeparator.MAX_ROUNDS) found.addAll(gomory.separate(lp, x, limit));
            for (CutSeparator sep : s.separators) {
                for (CutSeparator.Cut c : sep.separate(s.data.instance, x.clone(), lo.clone(), up.clone())) {
                    if (c.violation(x) > 1e-6 * Math.max(1, Math.max(Math.abs(c.lower() == Double.NEGATIVE_INFINITY
                            ? 0 : c.lower()), Math.abs(c.upper() == Double.POSITIVE_INFINITY ? 0 : c.upper())))) {
                        found.add(c);
                    }
                }
            }
            // Most efficacious first, a bounded number per round so the LP stays small.
            found.sort((a, b) -> Double.compare(MirSeparator.efficacy(b, x), MirSeparator.efficacy(a, x)));
            int thisRound = 0;
            for (CutSeparator.Cut c : found) {
                if (thisRound >= limit) break;
                lp.addRow(c.indices(), c.values(), c.lower(), c.upper());
                thisRound++;
            }
            if (thisRound == 0) break;
            long before = lp.iterations();
            LpStatus st = solveRoot(s, lp, lp.parameters(), s.cutoff());
            s.lpIterations.addAndGet(lp.iterations() - before);
            if (st != LpStatus.OPTIMAL) {
                // Do not let cuts spoil the relaxation: drop them all and re-solve.
                lp.truncateRows(baseRows);
                solveRoot(s, lp, lp.parameters(), s.cutoff());
                return 0;
            }
            added += thisRound;
            double nz = lp.objectiveValue();
            boolean stalled = nz - z <= 1e-4 * Math.max(1, Math.abs(z));
            z = nz;
            if (stalled) break;
        }
        return added;
    }

    private static MipResult finish(SearchState s, MipStatus stopStatus, TreeSearch tree) {
        MipData d = s.data;
        double inc = s.incumbentValue();
        double open = tree == null ? Double.POSITIVE_INFINITY : tree.openMinBound();
        double unreliable = tree == null ? Double.POSITIVE_INFINITY : tree.unreliableMin();
        double lb = Math.min(Math.min(open, unreliable), Math.min(s.prunedByLimitMin(), inc));
        MipStatus status = stopStatus;
        if (status == null) {
            if (s.unreliableNodes.get() > 0) status = MipStatus.NUMERICAL_TROUBLE;
            else if (s.thresholdMin < Double.POSITIVE_INFINITY && lb > s.thresholdMin) {
                status = MipStatus.THRESHOLD_REACHED;
            } else if (inc < Double.POSITIVE_INFINITY) {
                status = SafeRoot.gapOpen(s.params, inc, lb) ? MipStatus.NUMERICAL_TROUBLE : MipStatus.OPTIMAL;
            } else status = MipStatus.INFEASIBLE;
        }
        // Stopped before the root LP was solved (limit, interrupt, trouble): nothing is proven.
        if (tree == null && stopStatus != null && stopStatus != MipStatus.INFEASIBLE && stopStatus != MipStatus.UNBOUNDED) {
            lb = Double.NEGATIVE_INFINITY;
        }
        if (status == MipStatus.INFEASIBLE) lb = Double.POSITIVE_INFINITY;
        if (status == MipStatus.UNBOUNDED) lb = Double.NEGATIVE_INFINITY;
        if (status == MipStatus.OPTIMAL && inc < Double.POSITIVE_INFINITY && lb > inc) lb = inc;
        double[] point = s.incumbentPoint();
        double objective = point == null ? Double.NaN : d.sign * inc;
        double bound = d.sign * lb;
        if (tree != null) tree.emit('F');
        MipResult.Statistics stats = new MipResult.Statistics(s.maxDepth, s.successes(), s.strongBranchingLps.get(),
                s.cutsAdded, s.propagationFixings.get(), s.unreliableNodes.get());
        return new MipResult(status, Optional.ofNullable(point), objective, bound, MipResult.gap(objective, bound),
                s.nodes.get(), s.lpIterations.get(), s.elapsed(), stats);
    }
}
