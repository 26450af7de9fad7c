package org.nnmip.mip;

/** Which open node is processed next. */
public enum NodeSelection {
    /** Best bound, diving into a child of the last node until it is pruned (plunging). */
    BEST_BOUND_PLUNGING,
    /** Best bound without plunging. */
    BEST_BOUND,
    /** Smallest pseudocost estimate of the best integer solution in the subtree. */
    BEST_ESTIMATE,
    /** Deepest node first. */
    DEPTH_FIRST
}
