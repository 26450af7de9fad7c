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
    /**
     * Best bound, ties (bounds equal to about 1e-10 relative) broken by the smaller estimate, then the deeper node:
     * on a flat bound (a pure feasibility question, or an LP bound that is already the optimum) plain best bound
     * would fall back to node ids, i.e. breadth first, and never reach the leaves where the solutions are.
     */
    private static final Comparator<Node> BY_BOUND_THEN_ESTIMATE =
            Comparator.comparingDouble((Node x) -> coarse(x.bound)).thenComparingDouble(x -> x.estimate)
                    .thenComparingInt(x -> -x.depth).thenComparingLong(x -> x.id);
    private final TreeSet<Node> bySelection;
    private final TreeSet<Node> byBound;

    NodePool(NodeSelection rule) {
        Comparator<Node> c = switch (rule) {
            case BEST_BOUND, BEST_BOUND_PLUNGING -> BY_BOUND_THEN_ESTIMATE;
            case BEST_ESTIMATE -> Comparator.comparingDouble((Node x) -> x.estimate)
                    .thenComparingDouble(x -> x.bound).thenComparingLong(x -> x.id);
            case DEPTH_FIRST -> Comparator.comparingInt((Node x) -> -x.depth)
                    .thenComparingDouble(x -> x.bound).thenComparingLong(x -> x.id);
        };
        bySelection = new TreeSet<>(c);
        byBound = c == BY_BOUND ? bySelection : new TreeSet<>(BY_BOUND);
    }

    /**
     * The bound with the 20 low mantissa bits cleared (relative precision 2^-32): monotone, so the comparator stays
     * transitive, and equal for bounds that differ only by LP round-off. Only the selection order uses it; the
     * global bound and pruning read the exact ordering.
     */
    static double coarse(double b) {
        if (!Double.isFinite(b)) return b;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(b) & ~((1L << 20) - 1));
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
