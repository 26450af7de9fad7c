package org.nnmip.mip;

/**
 * Immutable branch-and-bound parameters. Start from {@link #defaults()} and change with the {@code withX} methods.
 *
 * @param threads Worker threads (default: all cores).
 * @param timeLimitSeconds Wall-clock limit; infinity = none.
 * @param nodeLimit Nodes to process before stopping with NODE_LIMIT.
 * @param absoluteGap Stop when incumbent - bound <= this (default 1e-6).
 * @param relativeGap Stop when |incumbent - bound| / |incumbent| <= this (default 1e-4, as HiGHS).
 * @param integralityTolerance Largest distance of an integer variable from an integer accepted as integral.
 * @param feasibilityTolerance Largest bound or row violation (times max(1,|rhs|)) accepted as feasible.
 * @param stopAtFirstFeasible Stop with SOLUTION_LIMIT at the first incumbent.
 * @param objectiveThreshold Verification mode, in the problem's own sense; NaN = off. Minimising: stop with THRESHOLD_REACHED as soon as the bound proves optimum > threshold, and with SOLUTION_LIMIT as soon as a point with objective < threshold is found (maximising: mirrored).
 * @param branching Variable selection.
 * @param nodeSelection Node selection.
 * @param deterministic Same result and node count for the same seed with any thread count (synchronous rounds).
 * @param seed Seed of all randomised decisions.
 * @param heuristicFrequency Run the node heuristics every this many nodes (0 = root only).
 * @param propagation Activity-based bound propagation at every node.
 * @param cuts Root cutting planes.
 * @param logIntervalSeconds Seconds between periodic progress events.
 * @param gomoryCuts Gomory mixed-integer cuts from the root tableau (when {@link #cuts} is on).
 * @param presolve Cheap presolve before the root (fixed columns, singleton rows, bound tightening).
 * @param memoryLimitMb Stop with MEMORY_LIMIT when the heap in use (after a collection) passes this many MiB; 0 = none.
 * @param safeBounds Prune and conclude only on rigorous bounds: node bounds from the LP duals with outward rounding
 *                   (Neumaier-Shcherbina) instead of the LP objective, infeasibility only from a checked Farkas
 *                   ray, no reduced-cost fixing and no engine cuts; a node whose bound cannot be certified is
 *                   branched, never pruned (default off).
 */
public record MipParameters(
        int threads,
        double timeLimitSeconds,
        long nodeLimit,
        double absoluteGap,
        double relativeGap,
        double integralityTolerance,
        double feasibilityTolerance,
        boolean stopAtFirstFeasible,
        double objectiveThreshold,
        BranchingRule branching,
        NodeSelection nodeSelection,
        boolean deterministic,
        long seed,
        int heuristicFrequency,
        boolean propagation,
        boolean cuts,
        double logIntervalSeconds,
        boolean gomoryCuts,
        boolean presolve,
        long memoryLimitMb,
        boolean safeBounds) {

    public MipParameters {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (!(timeLimitSeconds >= 0)) throw new IllegalArgumentException("timeLimitSeconds must be >= 0");
        if (nodeLimit < 0) throw new IllegalArgumentException("nodeLimit must be >= 0");
        if (!(absoluteGap >= 0) || !(relativeGap >= 0)) throw new IllegalArgumentException("gaps must be >= 0");
        if (!(integralityTolerance >= 0 && integralityTolerance < 0.5)) {
            throw new IllegalArgumentException("integralityTolerance must be in [0, 0.5)");
        }
        if (!(feasibilityTolerance >= 0)) throw new IllegalArgumentException("feasibilityTolerance must be >= 0");
        if (Double.isInfinite(objectiveThreshold)) {
            throw new IllegalArgumentException("objectiveThreshold must be finite or NaN (off)");
        }
        if (branching == null) throw new IllegalArgumentException("branching is null");
        if (nodeSelection == null) throw new IllegalArgumentException("nodeSelection is null");
        if (heuristicFrequency < 0) throw new IllegalArgumentException("heuristicFrequency must be >= 0");
        if (!(logIntervalSeconds > 0)) throw new IllegalArgumentException("logIntervalSeconds must be > 0");
        if (memoryLimitMb < 0) throw new IllegalArgumentException("memoryLimitMb must be >= 0 (0 = none)");
    }

    public static MipParameters defaults() {
        return new MipParameters(Runtime.getRuntime().availableProcessors(), Double.POSITIVE_INFINITY, Long.MAX_VALUE, 1e-6, 1e-4, 1e-6, 1e-6, false, Double.NaN, BranchingRule.PSEUDOCOST_RELIABILITY, NodeSelection.BEST_BOUND_PLUNGING, false, 0L, 10, true, true, 5.0, true, true, 0L, false);
    }

    /** True when verification mode ({@link #objectiveThreshold}) is on. */
    public boolean hasObjectiveThreshold() {
        return !Double.isNaN(objectiveThreshold);
    }

    public MipParameters withThreads(int v) {
        return new MipParameters(v, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withTimeLimitSeconds(double v) {
        return new MipParameters(threads, v, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withNodeLimit(long v) {
        return new MipParameters(threads, timeLimitSeconds, v, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withAbsoluteGap(double v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, v, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withRelativeGap(double v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, v, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withIntegralityTolerance(double v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, v, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withFeasibilityTolerance(double v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, v, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withStopAtFirstFeasible(boolean v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, v, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withObjectiveThreshold(double v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, v, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withBranching(BranchingRule v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, v, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withNodeSelection(NodeSelection v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, v, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withDeterministic(boolean v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, v, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withSeed(long v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, v, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withHeuristicFrequency(int v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, v, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withPropagation(boolean v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, v, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withCuts(boolean v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, v, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withLogIntervalSeconds(double v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, v, gomoryCuts, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withGomoryCuts(boolean v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, v, presolve, memoryLimitMb, safeBounds);
    }

    public MipParameters withPresolve(boolean v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, v, memoryLimitMb, safeBounds);
    }

    public MipParameters withMemoryLimitMb(long v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, v, safeBounds);
    }

    public MipParameters withSafeBounds(boolean v) {
        return new MipParameters(threads, timeLimitSeconds, nodeLimit, absoluteGap, relativeGap, integralityTolerance, feasibilityTolerance, stopAtFirstFeasible, objectiveThreshold, branching, nodeSelection, deterministic, seed, heuristicFrequency, propagation, cuts, logIntervalSeconds, gomoryCuts, presolve, memoryLimitMb, v);
    }
}
