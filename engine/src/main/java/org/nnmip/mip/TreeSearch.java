package org.nnmip.mip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nnmip.lp.Basis;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpResult;

/**
 * The tree search after the root LP. Two drivers share the node processing of {@link Worker}:
 * <ul>
 * <li>asynchronous: N threads with their own LP solvers take nodes from a shared best-bound pool, each plunging
 * into a child of its last node while that child's bound is close to the best (Achterberg 2007 §6.3);
 * termination when the pool is empty and every worker is idle;</li>
 * <li>deterministic: synchronous rounds; each round takes the K best nodes (K fixed, independent of the thread
 * count), processes them on K lanes (each lane an LP solver), and applies the outcomes in node order, so results
 * and node counts do not depend on the number of threads or on timing.</li>
 * </ul>
 */
final class TreeSearch {
    static final int DETERMINISTIC_LANES = 4;
    private static final double PLUNGE_QUOTIENT = 0.25;

    private final SearchState s;
    private final LpProblem lpWithCuts;
    private final Basis rootBasis;
    private final double rootObjective;
    private final double[] rootReducedCosts;
    private final double[] rootSolution;
    private final LpParameters lpParams;
    private final NodeLogListener listener;

    private final NodePool pool;
    private long nextId = 1;
    private int busy;
    private double[] activeBound;
    private MipStatus stopStatus;
    private double unreliableMin = Double.POSITIVE_INFINITY;
    private boolean unbounded;
    private double lastLog;
    private RuntimeException failure;
    private final MemoryGuard memory;
    /** Leaf proofs are recorded: every node is processed (never pruned on its stored bound) until the end. */
    private LeafProofListener proofs;

    TreeSearch(SearchState s, LpProblem lpWithCuts, Basis rootBasis, LpResult rootLp, LpParameters lpParams,
               NodeLogListener listener) {
        this.s = s;
        this.lpWithCuts = lpWithCuts;
        this.rootBasis = rootBasis;
        this.rootObjective = rootLp.objective();
        this.rootReducedCosts = rootLp.reducedCosts();
        this.rootSolution = rootLp.columnValues();
        this.lpParams = lpParams;
        this.listener = listener;
        this.pool = new NodePool(s.params.nodeSelection());
        this.memory = new MemoryGuard(s.params.memoryLimitMb());
        s.onIncumbent(this::incumbentFound);
    }

    void recordProofs(LeafProofListener l) {
        this.proofs = l;
    }

    /** Runs the search from the root node; returns the stop status, or null when the tree was exhausted. */
    MipStatus run(Node root) {
        root.id = 0;
        synchronized (this) {
            pool.add(root);
        }
        emit('R');
        if (s.params.deterministic()) runDeterministic();
        else runAsync();
        if (failure != null) throw failure;
        return stopStatus;
    }

    synchronized double openMinBound() {
        double b = pool.minBound();
        if (activeBound != null) for (double a : activeBound) b = Math.min(b, a);
        return b;
    }

    synchronized int openNodes() {
        return pool.size();
    }

    synchronized double unreliableMin() {
        return unreliableMin;
    }

    synchronized boolean unbounded() {
        return unbounded;
    }

    // ---- asynchronous ---------------------------------------------------------------------------------------

    private void runAsync() {
        int threads = s.params.threads();
        activeBound = new double[threads];
        Arrays.fill(activeBound, Double.POSITIVE_INFINITY);
        List<Thread> ts = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int id = w;
            Worker worker = new Worker(s, lpWithCuts, rootBasis, lpParams, false);
            worker.recordProofs(proofs);
            Runnable r = () -> workerLoop(id, worker);
            if (threads == 1) {
                r.run();
            } else {
                Thread t = Thread.ofPlatform().name("nnmip-worker-" + w).daemon(true).unstarted(r);
                ts.add(t);
                t.start();
            }
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.interrupted = true;
            }
        }
    }

    private void workerLoop(int w, Worker worker) {
        NodeOutcome out = new NodeOutcome();
        Node node = null;
        try {
            while (true) {
                if (node == null) {
                    node = take(w);
                    if (node == null) return;
                }
                double cutoff = s.cutoff();
                Node next = null;
                if (node.bound > cutoff && proofs == null) {
                    s.recordPruned(node.bound, cutoff);
                } else {
                    worker.process(node, cutoff, out);
                    s.lpIterations.addAndGet(out.lpIterations);
                    s.nodes.incrementAndGet();
                    if (node.depth > s.maxDepth) s.maxDepth = node.depth;
                    next = apply(w, node, out);
                }
                node = next;
                if (node == null) release(w);
                if (checkStop() && node != null) {
                    synchronized (this) {
                        pool.add(node);
                    }
                    node = null;
                    release(w);
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                if (failure == null) failure = e;
                stopStatus = MipStatus.NUMERICAL_TROUBLE;
                notifyAll();
            }
        }
    }

    private synchronized Node take(int w) {
        while (true) {
            if (stopStatus != null) return null;
            if (!pool.isEmpty()) {
                Node n = pool.poll();
                busy++;
                activeBound[w] = n.bound;
                return n;
            }
            if (busy == 0) {
                notifyAll();
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.interrupted = true;
                return null;
            }
        }
    }

    private synchronized void release(int w) {
        busy--;
        activeBound[w] = Double.POSITIVE_INFINITY;
        notifyAll();
    }

    /** Applies an outcome; returns the child to plunge into (still counted as busy), or null. */
    private synchronized Node apply(int w, Node node, NodeOutcome out) {
        switch (out.kind) {
            case PRUNED_BOUND -> s.recordPruned(out.bound, out.cutoffUsed);
            case TIME_LIMIT -> pool.add(node);
            case UNRELIABLE -> {
                s.unreliableNodes.incrementAndGet();
                unreliableMin = Math.min(unreliableMin, out.bound);
            }
            case UNBOUNDED -> {
                unbounded = true;
                if (stopStatus == null) stopStatus = MipStatus.UNBOUNDED;
            }
            default -> { }
        }
        Node plunge = null;
        if (out.kind == NodeOutcome.Kind.BRANCHED) {
            for (Node c : out.children) c.id = nextId++;
            double cutoff = s.cutoff();
            int first = 0;
            if (s.params.nodeSelection() == NodeSelection.BEST_BOUND_PLUNGING && stopStatus == null) {
                Node c = out.children.get(0);
                // Best open bound including the other workers' current nodes (this worker's is finished).
                activeBound[w] = Double.POSITIVE_INFINITY;
                double best = openMinBound();
                for (int i = 1; i < out.children.size(); i++) best = Math.min(best, out.children.get(i).bound);
                boolean close = !Double.isFinite(cutoff) || best == Double.POSITIVE_INFINITY
                        || c.bound <= best + PLUNGE_QUOTIENT * (cutoff - best);
                if (close) {
                    plunge = c;
                    first = 1;
                    activeBound[w] = c.bound;
                }
            }
            for (int i = first; i < out.children.size(); i++) pool.add(out.children.get(i));
            notifyAll();
        }
        maybeLog();
        return plunge;
    }

    /** Checks the limits and the gap; sets the stop status. Returns true when the search must stop. */
    private boolean checkStop() {
        MipStatus st = null;
        double inc = s.incumbentValue();
        if (s.interrupted) st = MipStatus.INTERRUPTED;
        else if (s.timeUp()) st = MipStatus.TIME_LIMIT;
        else if (s.nodes.get() >= s.params.nodeLimit()) st = MipStatus.NODE_LIMIT;
        else if (memory.exceeded()) st = MipStatus.MEMORY_LIMIT;
        else if (s.params.stopAtFirstFeasible() && inc < Double.POSITIVE_INFINITY) st = MipStatus.SOLUTION_LIMIT;
        else if (s.thresholdMin < Double.POSITIVE_INFINITY && inc < s.thresholdMin) st = MipStatus.SOLUTION_LIMIT;
        else {
            double lb = Math.min(openMinBound(), s.prunedByLimitMin());
            if (lb == Double.POSITIVE_INFINITY) return stopped();
            if (s.thresholdMin < Double.POSITIVE_INFINITY && lb > s.thresholdMin) {
                if (proofs == null) st = MipStatus.THRESHOLD_REACHED; // recording: close every node with a proof
            }
            else if (inc < Double.POSITIVE_INFINITY && (inc - lb <= s.params.absoluteGap()
                    || MipResult.gap(inc, lb) <= s.params.relativeGap())) st = MipStatus.OPTIMAL;
        }
        if (st != null) {
            synchronized (this) {
                if (stopStatus == null) stopStatus = st;
                notifyAll();
            }
            return true;
        }
        return stopped();
    }

    private synchronized boolean stopped() {
        return stopStatus != null;
    }

    // ---- deterministic ----------------------------------------------------------------------------------------

    private void runDeterministic() {
        int lanes = DETERMINISTIC_LANES;
        activeBound = new double[0];
        Worker[] workers = new Worker[lanes];
        NodeOutcome[] outs = new NodeOutcome[lanes];
        for (int i = 0; i < lanes; i++) {
            workers[i] = new Worker(s, lpWithCuts, rootBasis, lpParams, true);
            workers[i].recordProofs(proofs);
            outs[i] = new NodeOutcome();
        }
        int threads = Math.min(s.params.threads(), lanes);
        ExecutorService ex = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nnmip-lane");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Node[] batch = new Node[lanes];
            while (!checkStop()) {
                double cutoff = s.cutoff();
                int k = 0;
                long room = s.params.nodeLimit() - s.nodes.get();
                synchronized (this) {
                    while (k < lanes && k < room && !pool.isEmpty()) {
                        Node n = pool.poll();
                        if (n.bound > cutoff && proofs == null) {
                            s.recordPruned(n.bound, cutoff);
                            continue;
                        }
                        batch[k++] = n;
                    }
                }
                if (k == 0) {
                    synchronized (this) {
                        if (pool.isEmpty()) break;
                    }
                    continue;
                }
                if (ex == null || k == 1) {
                    for (int i = 0; i < k; i++) workers[i].process(batch[i], cutoff, outs[i]);
                } else {
                    List<Future<?>> fs = new ArrayList<>();
                    for (int i = 0; i < k; i++) {
                        int li = i;
                        fs.add(ex.submit(() -> workers[li].process(batch[li], cutoff, outs[li])));
                    }
                    for (Future<?> f : fs) {
                        try {
                            f.get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            if (e.getCause() instanceof RuntimeException re) throw re;
                            throw new IllegalStateException(e.getCause());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            s.interrupted = true;
                        }
                    }
                }
                for (int i = 0; i < k; i++) {
                    NodeOutcome o = outs[i];
                    for (double[] pu : o.pseudocostUpdates) {
                        s.pseudocosts.update((int) pu[0], pu[1] != 0, pu[2], pu[3]);
                    }
                    for (int t = 0; t < o.solutions.size(); t++) s.submit(o.solutions.get(t), o.solutionSources.get(t));
                    s.lpIterations.addAndGet(o.lpIterations);
                    s.nodes.incrementAndGet();
                    if (batch[i].depth > s.maxDepth) s.maxDepth = batch[i].depth;
                    synchronized (this) {
                        if (o.kind == NodeOutcome.Kind.BRANCHED) {
                            for (Node c : o.children) {
                                c.id = nextId++;
                                pool.add(c);
                            }
                        }
                    }
                    if (o.kind != NodeOutcome.Kind.BRANCHED) apply(0, batch[i], o);
                    else maybeLog();
                }
            }
        } finally {
            if (ex != null) ex.shutdownNow();
        }
        if (failure != null) throw failure;
    }

    // ---- logging ----------------------------------------------------------------------------------------------

    private void incumbentFound() {
        double cutoff = s.cutoff();
        synchronized (this) {
            if (proofs == null) pool.prune(cutoff);
            rootReducedCostFixing(cutoff);
        }
        String src = s.incumbentSource();
        emit("branching".equals(src) ? 'B' : 'H');
    }

    /**
     * Root reduced-cost fixing against each new incumbent (Achterberg 2007 §7.7): with the root LP's reduced
     * costs, integer columns that cannot move off their root bound without the root bound passing the cutoff are
     * fixed globally. Publishes a new bounds snapshot; open nodes keep their own (looser, still valid) entries.
     */
    private void rootReducedCostFixing(double cutoff) {
        if (s.params.safeBounds()) return; // the root LP objective is not a proven bound
        double slack = cutoff - rootObjective;
        if (!(slack >= 0) || !Double.isFinite(slack)) return;
        double[][] g = s.globalBounds;
        double[] lo = null, up = null;
        MipData d = s.data;
        for (int j = 0; j < d.n; j++) {
            if (!d.integer[j] || g[0][j] == g[1][j]) continue;
            double dj = rootReducedCosts[j];
            double x = rootSolution[j];
            if (dj > 1e-7 && x <= g[0][j] + 1e-9) {
                double nu = Math.floor(g[0][j] + slack / dj + 1e-9);
                if (nu < g[1][j]) {
                    if (up == null) { lo = g[0].clone(); up = g[1].clone(); }
                    up[j] = Math.max(nu, lo[j]);
                }
            } else if (dj < -1e-7 && x >= g[1][j] - 1e-9) {
                double nl = Math.ceil(g[1][j] + slack / dj - 1e-9);
                if (nl > g[0][j]) {
                    if (up == null) { lo = g[0].clone(); up = g[1].clone(); }
                    lo[j] = Math.min(nl, up[j]);
                }
            }
        }
        if (up != null) s.globalBounds = new double[][] {lo, up};
    }

    private void maybeLog() {
        if (listener == null) return;
        double t = s.elapsed();
        if (t - lastLog >= s.params.logIntervalSeconds()) {
            lastLog = t;
            emit(' ');
        }
    }

    synchronized void emit(char source) {
        if (listener == null) return;
        double inc = s.incumbentValue();
        double lb = Math.min(Math.min(openMinBound(), s.prunedByLimitMin()), inc);
        double sign = s.data.sign;
        double pInc = inc == Double.POSITIVE_INFINITY ? Double.NaN : sign * inc;
        double pLb = sign * lb;
        listener.onProgress(new NodeLogEvent(source, s.nodes.get(), openNodes(), pInc, pLb,
                MipResult.gap(pInc, pLb), s.lpIterations.get(), s.elapsed()));
    }
}
