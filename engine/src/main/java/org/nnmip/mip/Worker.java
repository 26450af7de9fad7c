package org.nnmip.mip;

import java.util.Arrays;
import java.util.Optional;
import org.nnmip.lp.Basis;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * Processes nodes with its own {@link LpSolver}: propagation, warm-started LP, pruning, heuristics, branching
 * (with strong branching) and child creation. One per thread (or per deterministic lane); not thread-safe.
 */
final class Worker {
    private static final int RELIABILITY = 4;
    private static final int MAX_STRONG_CANDIDATES = 10;
    private static final int STRONG_LOOKAHEAD = 4;

    private final SearchState s;
    private final MipData d;
    private final LpSolver lp;
    private final LpParameters baseLp;
    /** The global bounds snapshot the current node is expressed against. */
    private double[] rootLo, rootUp;
    /** Bounds currently installed in the LP solver. */
    private final double[] solverLo, solverUp;
    /** The node's local bounds. */
    private final double[] lo, up;
    private final DomainPropagator propagator;
    private final boolean deferred;
    private final Basis slackBasis;
    /** Rigorous node bounds, null unless {@link MipParameters#safeBounds()}. */
    private final SafeNodeBound safe;
    /** Receives the proof of every closed node; null = not recording. */
    private LeafProofListener proofs;
    /** The multipliers of the last proven INFEASIBLE / OBJECTIVE_CUTOFF answer, and the node LP's duals. */
    private double[] lastProof, nodeDuals;
    private double avgNodeIterations = 50;
    private long nodesDone;

    // Per-node scratch.
    private double[] x;
    private double[] reducedCosts;
    private double z;
    /** The node's proven bound: the LP objective, or in safe mode the rigorous bound from the duals. */
    private double zBound;
    private Basis nodeBasis;
    private NodeOutcome out;
    private double cutoff;
    private long itersBefore;
    /** The basis the solver is known to sit at (null = unknown). */
    private Basis installed;

    Worker(SearchState s, LpProblem lpWithCuts, Basis rootBasis, LpParameters baseLp, boolean deferred) {
        this.s = s;
        this.d = s.data;
        this.baseLp = baseLp;
        this.lp = new LpSolver(lpWithCuts, baseLp);
        this.solverLo = new double[d.n];
        this.solverUp = new double[d.n];
        for (int j = 0; j < d.n; j++) {
            solverLo[j] = lpWithCuts.columnLower(j);
            solverUp[j] = lpWithCuts.columnUpper(j);
        }
        this.lo = new double[d.n];
        this.up = new double[d.n];
        this.propagator = new DomainPropagator(d, s.params.safeBounds());
        this.deferred = deferred;
        if (rootBasis != null) installBasis(rootBasis);
        this.slackBasis = Basis.slack(lpWithCuts);
        this.safe = s.params.safeBounds() ? new SafeNodeBound(lpWithCuts, d) : null;
    }

    void recordProofs(LeafProofListener l) {
        this.proofs = l;
    }

    private void recordLeaf(LeafProofListener.Kind kind, double[] multipliers, double bound) {
        if (proofs != null && multipliers != null) proofs.onLeaf(kind, lo.clone(), up.clone(), multipliers, bound);
    }

    long propagationTightenings() {
        return propagator.tightenings();
    }

    /** Processes a node against the given cutoff (minimisation form) and fills {@code outcome}. */
    void process(Node node, double cutoff, NodeOutcome outcome) {
        this.out = outcome;
        this.cutoff = cutoff;
        outcome.reset();
        outcome.bound = node.bound;
        itersBefore = lp.iterations();
        try {
            run(node);
        } finally {
            outcome.lpIterations = lp.iterations() - itersBefore;
            nodesDone++;
        }
    }

    private void run(Node node) {
        double[][] global = s.globalBounds;
        rootLo = global[0];
        rootUp = global[1];
        System.arraycopy(rootLo, 0, lo, 0, d.n);
        System.arraycopy(rootUp, 0, up, 0, d.n);
        node.applyTo(lo, up);
        if (!propagate(node)) {
            out.kind = NodeOutcome.Kind.PRUNED_INFEASIBLE;
            return;
        }
        installBounds(lo, up);
        if (node.basis != null) installBasis(node.basis);
        LpStatus st = solveLp(lpIterationLimit(), cutoff);
        if (st == LpStatus.ITERATION_LIMIT || st == LpStatus.NUMERICAL_TROUBLE) {
            // Never prune on an unreliable answer: retry from the slack basis before giving up on the LP.
            installBasis(slackBasis);
            st = solveLp(lpIterationLimit(), cutoff);
        }
        if (safe != null) st = certify(st);
        switch (st) {
            case INFEASIBLE -> {
                out.kind = NodeOutcome.Kind.PRUNED_INFEASIBLE;
                recordLeaf(LeafProofListener.Kind.INFEASIBLE, lastProof, Double.POSITIVE_INFINITY);
                return;
            }
            case OBJECTIVE_CUTOFF -> {
                out.kind = NodeOutcome.Kind.PRUNED_BOUND;
                recordLeaf(LeafProofListener.Kind.BOUND, lastProof, zBound);
                out.bound = Math.max(node.bound, safe != null ? zBound : cutoff);
                out.cutoffUsed = cutoff;
                return;
            }
            case TIME_LIMIT -> {
                out.kind = NodeOutcome.Kind.TIME_LIMIT;
                return;
            }
            case UNBOUNDED -> {
                out.kind = node.depth == 0 ? NodeOutcome.Kind.UNBOUNDED : NodeOutcome.Kind.UNRELIABLE;
                return;
            }
            case OPTIMAL -> { }
            default -> {
                branchWithoutLp(node);
                return;
            }
        }
        z = lp.objectiveValue();
        // One result() per node: the heuristics below move the LP away from the node's optimum.
        LpResult nodeLp = lp.result();
        x = nodeLp.columnValues();
        reducedCosts = nodeLp.reducedCosts();
        avgNodeIterations = 0.9 * avgNodeIterations + 0.1 * (lp.iterations() - itersBefore);
        nodeDuals = nodeLp.rowDuals();
        zBound = safe != null ? safe.bound(lo, up, nodeDuals) : z;
        out.bound = Math.max(node.bound, zBound);
        if (node.branchColumn >= 0) {
            observePseudocost(node.branchColumn, node.branchUp, node.branchDistance, z - node.parentObjective);
        }
        if (zBound > cutoff) {
            out.kind = NodeOutcome.Kind.PRUNED_BOUND;
            recordLeaf(LeafProofListener.Kind.BOUND, nodeDuals, zBound);
            out.cutoffUsed = cutoff;
            return;
        }
        nodeBasis = nodeLp.basis();
        installed = nodeBasis;
        int[] frac = fractionalColumns(x);
        if (frac.length == 0) {
            if (offer(x, "branching") || offer(polishedPoint(), "branching")) {
                out.kind = NodeOutcome.Kind.SOLVED;
                recordLeaf(LeafProofListener.Kind.BOUND, nodeDuals, zBound);
                if (safe != null && !(zBound > cutoffAfter(lastOffered))) {
                    // The LP optimum is only approximately the node's optimum: what is proven is the rigorous
                    // bound, and it must bound the search's answer (as a node closed without proof would not).
                    s.recordPruned(out.bound, Double.NEGATIVE_INFINITY);
                }
            } else {
                // Integral but rows violated beyond tolerance even after re-solving: not trustworthy here.
                out.kind = NodeOutcome.Kind.UNRELIABLE;
            }
            return;
        }
        boolean root = node.depth == 0;
        int freq = s.params.heuristicFrequency();
        boolean heuristicsHere = root || (freq > 0 && node.id % freq == 0);
        simpleRounding(x, frac);
        if (heuristicsHere) {
            runUserHeuristics(node);
            if (root || (freq > 0 && node.id % (5L * freq) == 0)) fractionalDive(frac.length);
            installBounds(lo, up);
        }
        double currentCutoff = deferred ? cutoff : Math.min(cutoff, s.cutoff());
        if (zBound > currentCutoff) {
            out.kind = NodeOutcome.Kind.PRUNED_BOUND;
            recordLeaf(LeafProofListener.Kind.BOUND, nodeDuals, zBound);
            out.cutoffUsed = currentCutoff;
            return;
        }
        this.cutoff = currentCutoff;
        if (Double.isFinite(currentCutoff) && safe == null) reducedCostFixing();
        branch(node, frac);
    }

    /**
     * The LP point of an integral node can miss the (unscaled) row tolerance by a hair after scaling: fix the
     * integers at their rounded values and let the LP recompute the continuous part. Null when that fails.
     */
    private double[] polishedPoint() {
        double[] fl = lo.clone();
        double[] fu = up.clone();
        for (int j = 0; j < d.n; j++) {
            if (d.integer[j]) {
                double v = Math.min(up[j], Math.max(lo[j], Math.rint(x[j])));
                fl[j] = v;
                fu[j] = v;
            }
        }
        installBounds(fl, fu);
        LpStatus st = solveLp(lpIterationLimit(), Double.POSITIVE_INFINITY);
        double[] p = null;
        if (st == LpStatus.OPTIMAL) {
            p = new double[d.n];
            lp.columnValues(p);
        }
        installBounds(lo, up);
        return p;
    }

    // ---- propagation ----------------------------------------------------------------------------------------

    private boolean propagate(Node node) {
        if (s.params.propagation() && d.m > 0) {
            long before = propagator.tightenings();
            long budget = 20L * Math.max(1000, d.rowIndex.length) + 50L * node.changedColumns.length;
            boolean ok = node.depth == 0
                    ? propagator.propagate(lo, up, null, 0, 10L * budgetBase())
                    : propagator.propagate(lo, up, node.changedColumns, node.changedColumns.length, budget);
            s.propagationFixings.addAndGet(propagator.tightenings() - before);
            if (!ok) return false;
        }
        for (BoundPropagator p : s.propagators) {
            double[] l2 = lo.clone();
            double[] u2 = up.clone();
            if (!p.propagate(d.instance, l2, u2)) return false;
            for (int j = 0; j < d.n; j++) {
                double nl = d.integer[j] ? Math.ceil(l2[j] - 1e-6) : l2[j];
                double nu = d.integer[j] ? Math.floor(u2[j] + 1e-6) : u2[j];
                if (nl > lo[j]) lo[j] = nl;
                if (nu < up[j]) up[j] = nu;
                if (lo[j] > up[j] + 1e-9) return false;
            }
        }
        for (int j = 0; j < d.n; j++) if (lo[j] > up[j]) return false;
        return true;
    }

    private long budgetBase() {
        return Math.max(10_000, 20 * d.nonzeros);
    }

    // ---- LP -------------------------------------------------------------------------------------------------

    private void installBounds(double[] l, double[] u) {
        for (int j = 0; j < d.n; j++) {
            if (l[j] != solverLo[j] || u[j] != solverUp[j]) {
                lp.setColumnBounds(j, l[j], u[j]);
                solverLo[j] = l[j];
                solverUp[j] = u[j];
            }
        }
    }

    /**
     * Iteration cap of a node or repair LP: generous (a node LP from its parent's basis needs tens of iterations),
     * but finite, because a stalling simplex would otherwise hold its worker until the time limit while the
     * search has long finished (seen on enigma). A capped LP counts as unreliable: retried cold, then branched.
     */
    private long lpIterationLimit() {
        return Math.max(10_000L, 20L * (d.n + d.m));
    }

    private LpStatus solveLp(long iterationLimit, double lpCutoff) {
        double remaining = s.deadlineSeconds - s.elapsed();
        if (remaining <= 0) return LpStatus.TIME_LIMIT;
        LpParameters p = baseLp.withObjectiveCutoff(lpCutoff).withIterationLimit(iterationLimit)
                .withTimeLimitSeconds(Double.isFinite(remaining) ? remaining : Double.POSITIVE_INFINITY);
        lp.setParameters(p);
        installed = null;
        return lp.solve();
    }


    /**
     * Safe mode: an INFEASIBLE answer stands only when its Farkas ray proves it in exact arithmetic, an
     * OBJECTIVE_CUTOFF only when the rigorous bound of the duals passes the cutoff (left in {@link #zBound}).
     * Otherwise the LP is re-solved without the cutoff (warm after a cutoff: the basis is dual feasible; cold after
     * an infeasibility); an infeasibility still unproven then becomes NUMERICAL_TROUBLE, so the node is branched
     * rather than pruned on faith.
     */
    private LpStatus certify(LpStatus st) {
        if (st != LpStatus.INFEASIBLE && st != LpStatus.OBJECTIVE_CUTOFF) return st;
        if (proven(st)) return st;
        if (st == LpStatus.INFEASIBLE) installBasis(slackBasis);
        LpStatus again = solveLp(lpIterationLimit(), Double.POSITIVE_INFINITY);
        if (again == LpStatus.INFEASIBLE) return proven(again) ? again : LpStatus.NUMERICAL_TROUBLE;
        return again;
    }

    private boolean proven(LpStatus st) {
        LpResult r = lp.result();
        if (st == LpStatus.INFEASIBLE) {
            lastProof = r.farkasRay().orElse(null);
            return safe.provesInfeasible(lo, up, lastProof);
        }
        lastProof = r.rowDuals();
        zBound = safe.bound(lo, up, lastProof);
        return zBound > cutoff;
    }

    /**
     * Installs a basis unless the solver already sits at it (a plunge into a child right after its parent's
     * solve): setting a basis costs a refactorisation, bound changes alone do not.
     */
    private void installBasis(Basis b) {
        if (b != installed) {
            lp.setBasis(b);
            installed = b;
        }
    }

    /** The LP could not be solved even cold: split the widest unfixed integer domain, keeping the parent bound. */
    private void branchWithoutLp(Node node) {
        int best = -1;
        double width = 0;
        for (int j = 0; j < d.n; j++) {
            if (d.integer[j] && up[j] - lo[j] > width) {
                width = up[j] - lo[j];
                best = j;
            }
        }
        if (best < 0 || width == Double.POSITIVE_INFINITY) {
            out.kind = NodeOutcome.Kind.UNRELIABLE;
            return;
        }
        double mid = Math.floor(lo[best] + width / 2);
        out.kind = NodeOutcome.Kind.BRANCHED;
        out.children.add(child(node, best, lo[best], mid, node.bound, node.bound, false, 0, null));
        out.children.add(child(node, best, mid + 1, up[best], node.bound, node.bound, true, 0, null));
    }

    // ---- solutions and pseudocosts ----------------------------------------------------------------------------

    /** The cutoff once {@code point} is the incumbent (minimisation form; a smaller gap than the search's). */
    private double cutoffAfter(double[] point) {
        double v = d.minProblem.objectiveValue(point);
        double delta = Math.max(Math.min(s.params.absoluteGap(), 1e-6), 1e-9 * Math.abs(v));
        return Math.min(cutoff, deferred ? v - delta : Math.min(v - delta, s.cutoff()));
    }

    private double[] lastOffered;

    private boolean offer(double[] point, String source) {
        lastOffered = point;
        if (deferred) {
            double[] checked = s.checkedPoint(point);
            if (checked == null) return false;
            out.solutions.add(checked);
            out.solutionSources.add(source);
            return true;
        }
        return s.submit(point, source);
    }

    private double incumbentForHeuristics() {
        return deferred ? Double.NaN : s.incumbentValue();
    }

    private void observePseudocost(int j, boolean upDir, double distance, double gain) {
        if (deferred) out.pseudocostUpdates.add(new double[] {j, upDir ? 1 : 0, distance, gain});
        else s.pseudocosts.update(j, upDir, distance, gain);
    }

    private int[] fractionalColumns(double[] v) {
        double tol = s.params.integralityTolerance();
        int k = 0;
        int[] f = new int[d.n];
        for (int j = 0; j < d.n; j++) {
            if (d.integer[j] && Math.abs(v[j] - Math.rint(v[j])) > tol) f[k++] = j;
        }
        return Arrays.copyOf(f, k);
    }

    // ---- heuristics -------------------------------------------------------------------------------------------

    /**
     * Simple rounding (Achterberg 2007 §9.1.1): round each fractional column in a direction no row locks; the
     * point stays row-feasible, so it only needs the final check.
     */
    private void simpleRounding(double[] v, int[] frac) {
        double[] r = v.clone();
        for (int j : frac) {
            if (d.downLocks[j] == 0) r[j] = Math.floor(r[j]);
            else if (d.upLocks[j] == 0) r[j] = Math.ceil(r[j]);
            else return;
        }
        offer(r, "rounding");
    }

    private void runUserHeuristics(Node node) {
        if (s.heuristics.isEmpty()) return;
        HeuristicContext ctx = new HeuristicContext() {
            @Override public MipInstance instance() { return d.instance; }
            @Override public double[] lpSolution() { return x.clone(); }
            @Override public double[] localLower() { return lo.clone(); }
            @Override public double[] localUpper() { return up.clone(); }
            @Override public int depth() { return node.depth; }
            @Override public double incumbentObjective() {
                double v = incumbentForHeuristics();
                return Double.isFinite(v) ? d.sign * v : Double.NaN;
            }
            @Override public boolean submit(double[] point) {
                return point != null && offer(point, currentHeuristic);
            }
            @Override public Optional<double[]> solveLp(double[] l, double[] u, long iterationLimit) {
                if (l.length != d.n || u.length != d.n) {
                    throw new IllegalArgumentException("bounds must have " + d.n + " entries");
                }
                installBounds(l, u);
                LpStatus st = Worker.this.solveLp(iterationLimit, cutoff);
                if (st != LpStatus.OPTIMAL) return Optional.empty();
                double[] sol = new double[d.n];
                lp.columnValues(sol);
                return Optional.of(sol);
            }
        };
        for (PrimalHeuristic h : s.heuristics) {
            currentHeuristic = h.name();
            h.run(ctx);
        }
    }

    private String currentHeuristic = "";

    /**
     * Fractional diving (Achterberg 2007 §9.1.3; Berthold 2006): repeatedly bound the least fractional column
     * towards its nearest integer and re-solve, until the LP is integral or infeasible in both directions.
     */
    private void fractionalDive(int numFrac) {
        double[] dl = lo.clone();
        double[] du = up.clone();
        double[] v = x.clone();
        long iterBudget = Math.max(1000, (long) (20 * avgNodeIterations));
        long used = 0;
        int maxDepth = Math.min(200, 2 * numFrac + 20);
        double tol = s.params.integralityTolerance();
        int[] changed = new int[1];
        for (int depth = 0; depth < maxDepth && used < iterBudget; depth++) {
            int best = -1;
            double bestFrac = 1;
            for (int j = 0; j < d.n; j++) {
                if (!d.integer[j]) continue;
                double f = Math.abs(v[j] - Math.rint(v[j]));
                if (f > tol && f < bestFrac) {
                    bestFrac = f;
                    best = j;
                }
            }
            if (best < 0) {
                offer(v, "diving");
                break;
            }
            double target = Math.rint(v[best]);
            double[] keepLo = dl.clone(), keepUp = du.clone();
            LpStatus st = LpStatus.INFEASIBLE;
            // One backtrack per step (Achterberg 2007 §9.1.3, as SCIP's divesets): when the rounded direction is
            // infeasible or cut off, the other direction of the same column is tried before the dive gives up.
            for (int attempt = 0; attempt < 2 && used < iterBudget; attempt++) {
                if (attempt == 1) {
                    System.arraycopy(keepLo, 0, dl, 0, d.n);
                    System.arraycopy(keepUp, 0, du, 0, d.n);
                    target = target > v[best] ? target - 1 : target + 1;
                }
                if (target > v[best]) dl[best] = target; else du[best] = target;
                if (s.params.propagation()) {
                    changed[0] = best;
                    if (!propagator.propagate(dl, du, changed, 1, budgetBase())) {
                        st = LpStatus.INFEASIBLE;
                        continue;
                    }
                }
                installBounds(dl, du);
                long before = lp.iterations();
                st = solveLp(Math.max(50, iterBudget - used), cutoff);
                used += lp.iterations() - before;
                if (st != LpStatus.INFEASIBLE && st != LpStatus.OBJECTIVE_CUTOFF) break;
            }
            if (st != LpStatus.OPTIMAL) break;
            lp.columnValues(v);
        }
    }

    // ---- reduced-cost fixing ------------------------------------------------------------------------------------

    /**
     * Reduced-cost fixing (Nemhauser & Wolsey 1988, II.3.8): a nonbasic column at a bound cannot move further than
     * (cutoff - z) / |d_j| without the LP bound exceeding the cutoff. Tightens the node's local bounds, so its
     * children inherit the fixings (at the root they hold globally).
     */
    private void reducedCostFixing() {
        double[] rc = reducedCosts;
        double slack = cutoff - z;
        if (!(slack >= 0)) return;
        for (int j = 0; j < d.n; j++) {
            if (!d.integer[j] || lo[j] == up[j]) continue;
            double dj = rc[j];
            if (dj > 1e-7 && x[j] <= lo[j] + 1e-9) {
                double nu = Math.floor(lo[j] + slack / dj + 1e-9);
                if (nu < up[j]) up[j] = Math.max(nu, lo[j]);
            } else if (dj < -1e-7 && x[j] >= up[j] - 1e-9) {
                double nl = Math.ceil(up[j] + slack / dj - 1e-9);
                if (nl > lo[j]) lo[j] = Math.min(nl, up[j]);
            }
        }
    }

    // ---- branching --------------------------------------------------------------------------------------------

    private void branch(Node node, int[] frac) {
        int[] cands = priorityFilter(frac);
        BranchingRule rule = s.params.branching();
        int chosen = -1;
        double downBound = z, upBound = z;
        boolean downFeasible = true, upFeasible = true;
        switch (rule) {
            case FIRST_FRACTIONAL -> chosen = cands[0];
            case MOST_FRACTIONAL -> {
                double best = -1;
                for (int j : cands) {
                    double f = x[j] - Math.floor(x[j]);
                    double sc = Math.min(f, 1 - f);
                    if (sc > best) {
                        best = sc;
                        chosen = j;
                    }
                }
            }
            case PSEUDOCOST, PSEUDOCOST_RELIABILITY -> {
                StrongChoice c = pseudocostChoice(cands, rule == BranchingRule.PSEUDOCOST_RELIABILITY);
                if (c.nodeInfeasible && safe == null) {
                    out.kind = NodeOutcome.Kind.PRUNED_BOUND;
                    out.cutoffUsed = cutoff;
                    out.bound = Math.max(out.bound, cutoff);
                    return;
                }
                chosen = c.column;
                downBound = Math.max(z, c.downBound);
                upBound = Math.max(z, c.upBound);
                downFeasible = c.downFeasible;
                upFeasible = c.upFeasible;
            }
        }
        if (safe != null) {
            // Strong-branching LPs only rank candidates here: the children carry the node's proven bound and
            // prove their own infeasibility or cutoff when they are processed.
            downBound = upBound = out.bound;
            downFeasible = upFeasible = true;
        }
        double v = x[chosen];
        double fl = Math.floor(v), ce = Math.ceil(v);
        double f = v - fl;
        double pcd = s.pseudocosts.down(chosen), pcu = s.pseudocosts.up(chosen);
        double baseEstimate = z;
        for (int j : frac) {
            double fj = x[j] - Math.floor(x[j]);
            if (j != chosen) baseEstimate += Math.min(s.pseudocosts.down(j) * fj, s.pseudocosts.up(j) * (1 - fj));
        }
        Node down = downFeasible && downBound <= cutoff
                ? child(node, chosen, lo[chosen], fl, downBound, baseEstimate + pcd * f, false, f, nodeBasis) : null;
        Node upChild = upFeasible && upBound <= cutoff
                ? child(node, chosen, ce, up[chosen], upBound, baseEstimate + pcu * (1 - f), true, 1 - f, nodeBasis)
                : null;
        out.kind = NodeOutcome.Kind.BRANCHED;
        // Plunge into the child with the better estimate (ties: up, which tends to find solutions for binaries).
        if (down != null && upChild != null) {
            if (down.estimate < upChild.estimate) {
                out.children.add(down);
                out.children.add(upChild);
            } else {
                out.children.add(upChild);
                out.children.add(down);
            }
        } else if (down != null) {
            out.children.add(down);
        } else if (upChild != null) {
            out.children.add(upChild);
        } else {
            out.kind = NodeOutcome.Kind.PRUNED_BOUND;
            out.cutoffUsed = cutoff;
        }
    }

    private int[] priorityFilter(int[] frac) {
        int best = Integer.MIN_VALUE;
        for (int j : frac) best = Math.max(best, d.priority[j]);
        int k = 0;
        int[] c = new int[frac.length];
        for (int j : frac) if (d.priority[j] == best) c[k++] = j;
        return Arrays.copyOf(c, k);
    }

    private static final class StrongChoice {
        int column = -1;
        double downBound = Double.NEGATIVE_INFINITY, upBound = Double.NEGATIVE_INFINITY;
        boolean downFeasible = true, upFeasible = true;
        boolean nodeInfeasible;
    }

    /**
     * Reliability branching (Achterberg, Koch, Martin 2005): pseudocost scores, with strong branching (a few dual
     * simplex iterations from the node basis) on candidates whose pseudocosts rest on fewer than
     * {@value #RELIABILITY} observations, in score order, stopping after {@value #STRONG_LOOKAHEAD} candidates
     * without improvement.
     */
    private StrongChoice pseudocostChoice(int[] cands, boolean reliability) {
        int k = cands.length;
        double[] score = new double[k];
        Integer[] order = new Integer[k];
        for (int t = 0; t < k; t++) {
            int j = cands[t];
            double f = x[j] - Math.floor(x[j]);
            score[t] = Pseudocosts.score(s.pseudocosts.down(j) * f, s.pseudocosts.up(j) * (1 - f));
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]) != 0
                ? Double.compare(score[b], score[a]) : Integer.compare(cands[a], cands[b]));
        StrongChoice best = new StrongChoice();
        StrongChoice oneSided = null;
        double bestScore = -1;
        int sinceImprovement = 0;
        int strongDone = 0;
        long iterLimit = Math.max(20, Math.min(500, (long) (2 * avgNodeIterations)));
        for (int oi = 0; oi < k; oi++) {
            int t = order[oi];
            int j = cands[t];
            double sc = score[t];
            StrongChoice c = new StrongChoice();
            c.column = j;
            if (reliability && s.pseudocosts.reliability(j) < RELIABILITY && strongDone < MAX_STRONG_CANDIDATES) {
                strongDone++;
                strongBranch(j, iterLimit, c);
                if (!c.downFeasible && !c.upFeasible && safe == null) {
                    c.nodeInfeasible = true;
                    return c;
                }
                if ((!c.downFeasible || !c.upFeasible) && safe == null) {
                    // One side is infeasible: tighten the node's domain (the children inherit it) and go on
                    // looking for a real branching candidate, as SCIP does, rather than adding a one-child node.
                    if (!c.downFeasible) lo[j] = Math.ceil(x[j]);
                    else up[j] = Math.floor(x[j]);
                    oneSided = c;
                    continue;
                }
                sc = Pseudocosts.score(c.downBound - z, c.upBound - z);
            } else if (reliability && strongDone > 0 && sinceImprovement >= STRONG_LOOKAHEAD) {
                break;
            }
            if (sc > bestScore) {
                bestScore = sc;
                best = c;
                sinceImprovement = 0;
            } else {
                sinceImprovement++;
                if (reliability && sinceImprovement >= STRONG_LOOKAHEAD && strongDone > 0) break;
            }
        }
        // Only one-sided candidates were found: a single child with all the tightenings.
        return best.column < 0 && oneSided != null ? oneSided : best;
    }

    private void strongBranch(int j, long iterLimit, StrongChoice c) {
        double v = x[j];
        double f = v - Math.floor(v);
        double l0 = lo[j], u0 = up[j];
        for (int dir = 0; dir < 2; dir++) {
            boolean upDir = dir == 1;
            double nl = upDir ? Math.ceil(v) : l0;
            double nu = upDir ? u0 : Math.floor(v);
            installBasis(nodeBasis);
            lp.setColumnBounds(j, nl, nu);
            LpStatus st = solveLp(iterLimit, cutoff);
            s.strongBranchingLps.incrementAndGet();
            double value;
            boolean feasible = true;
            switch (st) {
                case OPTIMAL -> {
                    value = lp.objectiveValue();
                    if (value > cutoff) feasible = false;
                    else {
                        double[] sol = new double[d.n];
                        lp.columnValues(sol);
                        if (fractionalColumns(sol).length == 0) offer(sol, "strong-branching");
                        observePseudocost(j, upDir, upDir ? 1 - f : f, value - z);
                    }
                }
                case INFEASIBLE, OBJECTIVE_CUTOFF -> {
                    value = Double.POSITIVE_INFINITY;
                    feasible = false;
                }
                case ITERATION_LIMIT -> {
                    // The dual simplex objective only rises: the last value is a valid but weak bound.
                    double ov = lp.objectiveValue();
                    value = Double.isFinite(ov) ? Math.max(z, ov) : z;
                }
                default -> value = z;
            }
            if (upDir) {
                c.upBound = value;
                c.upFeasible = feasible;
            } else {
                c.downBound = value;
                c.downFeasible = feasible;
            }
        }
        lp.setColumnBounds(j, solverLo[j], solverUp[j]);
    }

    /** A child with the node's local bounds (as a difference from the root) and column j in [l, u]. */
    private Node child(Node parent, int j, double l, double u, double bound, double estimate, boolean upDir,
                       double distance, Basis basis) {
        int k = 0;
        for (int t = 0; t < d.n; t++) if (t == j || lo[t] != rootLo[t] || up[t] != rootUp[t]) k++;
        int[] cols = new int[k];
        double[] cl = new double[k];
        double[] cu = new double[k];
        k = 0;
        for (int t = 0; t < d.n; t++) {
            if (t == j) {
                cols[k] = t;
                cl[k] = l;
                cu[k++] = u;
            } else if (lo[t] != rootLo[t] || up[t] != rootUp[t]) {
                cols[k] = t;
                cl[k] = lo[t];
                cu[k++] = up[t];
            }
        }
        return new Node(parent.depth + 1, bound, estimate, cols, cl, cu, basis, j, upDir, distance, z);
    }
}
