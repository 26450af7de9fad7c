package org.nnmip.mip;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * The open nodes, ordered by the node selection rule, with a second ordering by bound for the global dual bound
 * and for dropping nodes when the cutoff improves. Not synchronised: the search guards it.
 */
final class NodePool {
    private static final Comparator<Node> BY_BOUND =
            Comparator.comparingDouble((Node x) -> x.bound).thenComparingLong(x -> x.id);
    private final TreeSet<Node> bySelection;
    private final TreeSet<Node> byBound;

    NodePool(NodeSelection rule) {
        Comparator<Node> c = switch (rule) {
            case BEST_BOUND, BEST_BOUND_PLUNGING -> BY_BOUND;
            case BEST_ESTIMATE -> Comparator.comparingDouble((Node x) -> x.estimate)
                    .thenComparingDouble(x -> x.bound).thenComparingLong(x -> x.id);
            case DEPTH_FIRST -> Comparator.comparingInt((Node x) -> -x.depth)
                    .thenComparingDouble(x -> x.bound).thenComparingLong(x -> x.id);
        };
        bySelection = new TreeSet<>(c);
        byBound = c == BY_BOUND ? bySelection : new TreeSet<>(BY_BOUND);
    }

    void add(Node node) {
        bySelection.add(node);
        if (byBound != bySelection) byBound.add(node);
    }

    /** Removes and returns the next node, or null. */
    Node poll() {
        Node x = bySelection.pollFirst();
        if (x != null && byBound != bySelection) byBound.remove(x);
        return x;
    }

    int size() {
        return bySelection.size();
    }

    boolean isEmpty() {
        return bySelection.isEmpty();
    }

    /** Smallest bound of an open node (+inf when empty). */
    double minBound() {
        return byBound.isEmpty() ? Double.POSITIVE_INFINITY : byBound.first().bound;
    }

    /** Drops every node whose bound is >= cutoff; returns how many. */
    int prune(double cutoff) {
        int k = 0;
        while (!byBound.isEmpty() && byBound.last().bound >= cutoff) {
            Node x = byBound.pollLast();
            if (byBound != bySelection) bySelection.remove(x);
            k++;
        }
        return k;
    }
}
