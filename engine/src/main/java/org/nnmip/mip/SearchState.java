package org.nnmip.mip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * State shared by all workers: the incumbent (with the cutoff derived from it), pseudocosts, counters, the
 * extension points and the clock. Incumbent updates are synchronised; the cutoff is read lock-free.
 */
final class SearchState {
    final MipData data;
    final MipParameters params;
    final Pseudocosts pseudocosts;
    final List<PrimalHeuristic> heuristics;
    final List<BoundPropagator> propagators;
    final List<CutSeparator> separators;
    final long startNanos;
    final double deadlineSeconds;
    /** Threshold and instance cutoff in minimisation form (+inf = off). */
    final double thresholdMin;
    final double instanceCutoffMin;

    final AtomicLong nodes = new AtomicLong();
    final AtomicLong lpIterations = new AtomicLong();
    final AtomicLong strongBranchingLps = new AtomicLong();
    final AtomicLong unreliableNodes = new AtomicLong();
    final AtomicLong propagationFixings = new AtomicLong();
    volatile int maxDepth;
    volatile int cutsAdded;
    volatile boolean interrupted;

    /**
     * The global column bounds {lower, upper}: replaced as a whole (copy on write) when root reduced-cost fixing
     * tightens them, so a worker reads one consistent snapshot per node.
     */
    volatile double[][] globalBounds;

    private volatile double incumbentValue = Double.POSITIVE_INFINITY;
    private double[] incumbentPoint;
    private String incumbentSource;
    private final Map<String, Long> successes = new TreeMap<>();
    /** Smallest bound of a node pruned by the threshold or instance cutoff (not by the incumbent). */
    private double prunedByLimitMin = Double.POSITIVE_INFINITY;
    private final List<Runnable> incumbentListeners = new ArrayList<>();

    SearchState(MipData data, MipParameters params, List<PrimalHeuristic> heuristics,
                List<BoundPropagator> propagators, List<CutSeparator> separators, long startNanos) {
        this.data = data;
        this.params = params;
        this.pseudocosts = new Pseudocosts(data.n);
        this.heuristics = List.copyOf(heuristics);
        this.propagators = List.copyOf(propagators);
        this.separators = List.copyOf(separators);
        this.startNanos = startNanos;
        this.deadlineSeconds = params.timeLimitSeconds();
        this.thresholdMin = params.hasObjectiveThreshold() ? data.sign * params.objectiveThreshold()
                : Double.POSITIVE_INFINITY;
        double c = data.instance.cutoff();
        this.instanceCutoffMin = Double.isNaN(c) ? Double.POSITIVE_INFINITY : data.sign * c;
    }

    double elapsed() {
        return (System.nanoTime() - startNanos) * 1e-9;
    }

    boolean timeUp() {
        return elapsed() >= deadlineSeconds;
    }

    double incumbentValue() {
        return incumbentValue;
    }

    synchronized double[] incumbentPoint() {
        return incumbentPoint == null ? null : incumbentPoint.clone();
    }

    synchronized Map<String, Long> successes() {
        return new TreeMap<>(successes);
    }

    void onIncumbent(Runnable r) {
        incumbentListeners.add(r);
    }

    /** The objective value a node must beat to be worth exploring (minimisation form). */
    double cutoff() {
        return Math.min(incumbentCutoff(incumbentValue), Math.min(thresholdMin, instanceCutoffMin - gapDelta(
                instanceCutoffMin)));
    }

    private double incumbentCutoff(double inc) {
        if (inc == Double.POSITIVE_INFINITY) return inc;
        return inc - gapDelta(inc);
    }

    /** How much better than {@code v} a point must be to count as better. */
    private double gapDelta(double v) {
        if (v == Double.POSITIVE_INFINITY) return 0;
        if (data.integralObjective) {
            // Objective values are integers + offset: the next better one is at least 1 lower.
            return 1 - 1e-6;
        }
        // Larger absolute gaps only end the search early (TreeSearch.checkStop); pruning with them would make
        // the reported bound claim more than was proven.
        return Math.max(Math.min(params.absoluteGap(), 1e-6), 1e-9 * Math.abs(v));
    }

    /** Records that a node with the given bound (or LP cut off at {@code cutoff}) was pruned. */
    void recordPruned(double bound, double cutoffUsed) {
        if (cutoffUsed >= incumbentCutoff(incumbentValue)) return; // pruned by the incumbent: no bound needed
        // An LP cut off at c proves a bound strictly above c.
        double b = Math.max(bound, Math.nextUp(cutoffUsed));
        synchronized (this) {
            if (b < prunedByLimitMin) prunedByLimitMin = b;
        }
    }

    synchronized double prunedByLimitMin() {
        return prunedByLimitMin;
    }

    /**
     * Offers a point (any sense-independent column values). Returns true when feasible; it becomes the incumbent
     * if it improves. {@code source} names the heuristic for statistics.
     */
    boolean submit(double[] x, String source) {
        double[] point = checkedPoint(x);
        if (point == null) return false;
        double v = data.objective(point);
        boolean improved = false;
        synchronized (this) {
            if (v < incumbentValue - 1e-9 * Math.max(1, Math.abs(v))) {
                incumbentValue = v;
                incumbentPoint = point;
                incumbentSource = source;
                successes.merge(source, 1L, Long::sum);
                improved = true;
            }
        }
        if (improved) for (Runnable r : incumbentListeners) r.run();
        return true;
    }

    synchronized String incumbentSource() {
        return incumbentSource;
    }

    /** The point with integers rounded if that is feasible, else the point itself if feasible, else null. */
    double[] checkedPoint(double[] x) {
        if (x == null || x.length != data.n) return null;
        double ft = params.feasibilityTolerance();
        double it = params.integralityTolerance();
        double[] r = data.roundIntegers(x);
        if (data.violation(r, ft, it) == null) return r;
        if (data.violation(x, ft, it) == null) return x.clone();
        return null;
    }
}
