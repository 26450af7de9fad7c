package org.nnmip.mip;

import org.nnmip.lp.Basis;

/**
 * An open node: its local bounds as a sparse difference from the root bounds (cumulative, so a node needs no
 * parent pointer), the parent's final basis for the warm start, and the parent's LP bound.
 */
final class Node {
    /** Assigned when the node enters the pool (deterministic order in deterministic mode). */
    long id;
    final int depth;
    /** Lower bound on the subtree's optimum (minimisation form). */
    final double bound;
    /** Pseudocost estimate of the best integer point in the subtree. */
    final double estimate;
    final int[] changedColumns;
    final double[] changedLower;
    final double[] changedUpper;
    final Basis basis;
    /** Column branched on to create this node (-1 at the root), direction and distance moved, for pseudocosts. */
    final int branchColumn;
    final boolean branchUp;
    final double branchDistance;
    /** The parent's LP objective (for the pseudocost update once this node's LP is solved). */
    final double parentObjective;

    Node(int depth, double bound, double estimate, int[] changedColumns, double[] changedLower,
         double[] changedUpper, Basis basis, int branchColumn, boolean branchUp, double branchDistance,
         double parentObjective) {
        this.id = -1;
        this.depth = depth;
        this.bound = bound;
        this.estimate = estimate;
        this.changedColumns = changedColumns;
        this.changedLower = changedLower;
        this.changedUpper = changedUpper;
        this.basis = basis;
        this.branchColumn = branchColumn;
        this.branchUp = branchUp;
        this.branchDistance = branchDistance;
        this.parentObjective = parentObjective;
    }

    /** Writes the node's local bounds into lo/up (which must hold the root bounds on entry). */
    void applyTo(double[] lo, double[] up) {
        for (int t = 0; t < changedColumns.length; t++) {
            lo[changedColumns[t]] = changedLower[t];
            up[changedColumns[t]] = changedUpper[t];
        }
    }
}
