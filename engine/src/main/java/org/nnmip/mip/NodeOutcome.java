package org.nnmip.mip;

import java.util.ArrayList;
import java.util.List;

/**
 * What processing one node produced. In deterministic mode the search applies outcomes in node order after each
 * round, so solutions and pseudocost observations are collected here instead of being published at once.
 */
final class NodeOutcome {
    enum Kind { PRUNED_INFEASIBLE, PRUNED_BOUND, SOLVED, BRANCHED, UNBOUNDED, UNRELIABLE, TIME_LIMIT }

    Kind kind;
    /** The node's LP bound (or the parent's when the LP was not solved). */
    double bound;
    /** Children, preferred child first (the one to plunge into). */
    final List<Node> children = new ArrayList<>(2);
    /** Feasible points found (already checked) and their sources; deferred mode only. */
    final List<double[]> solutions = new ArrayList<>();
    final List<String> solutionSources = new ArrayList<>();
    /** Pseudocost observations (column, up?, distance, gain); deferred mode only. */
    final List<double[]> pseudocostUpdates = new ArrayList<>();
    long lpIterations;
    /** The cutoff in force when the node was pruned by bound. */
    double cutoffUsed = Double.POSITIVE_INFINITY;

    void reset() {
        kind = null;
        bound = Double.NEGATIVE_INFINITY;
        children.clear();
        solutions.clear();
        solutionSources.clear();
        pseudocostUpdates.clear();
        lpIterations = 0;
        cutoffUsed = Double.POSITIVE_INFINITY;
    }
}
