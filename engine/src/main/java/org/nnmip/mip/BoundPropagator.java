package org.nnmip.mip;

/**
 * Problem-specific bound propagation (e.g. interval arithmetic through a network), run at every node after the
 * built-in row propagation. Implementations may only tighten: looser values are ignored. Must be thread-safe.
 */
public interface BoundPropagator {
    String name();

    /**
     * Tightens {@code lower}/{@code upper} in place for a node. Returns false when the node is proven infeasible.
     */
    boolean propagate(MipInstance instance, double[] lower, double[] upper);
}
