package org.nnmip.mip;

/**
 * Receives the proof of every node the search closes (leaf certificates, see {@link MipCertificate}). Only
 * available with {@link MipParameters#safeBounds()} and without propagation or cuts, so a node's box is the root
 * box plus its branching decisions. Called from worker threads: implementations must be thread-safe.
 */
public interface LeafProofListener {
    /** What a leaf's multipliers prove. */
    enum Kind {
        /** Row duals whose Lagrangian bound (minimisation form) over the box is at least {@code bound}. */
        BOUND,
        /** A Farkas ray: no point of the box satisfies the rows. */
        INFEASIBLE
    }

    /**
     * @param kind        what is proven
     * @param lower       the node's column lower bounds (all columns)
     * @param upper       the node's column upper bounds
     * @param multipliers row multipliers for the minimisation form (LpResult sign convention)
     * @param bound       the rigorous bound found in floating point (minimisation form; +inf for INFEASIBLE)
     */
    void onLeaf(Kind kind, double[] lower, double[] upper, double[] multipliers, double bound);
}
