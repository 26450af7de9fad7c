package org.nnmip.lp;

/** How the dual simplex chooses the leaving row (CHUZR). */
public enum PricingRule {
    /** Dual steepest edge (Forrest-Goldfarb), the default: fewest iterations on most LPs. */
    DUAL_STEEPEST_EDGE,
    /** Dual Devex reference weights: cheaper per iteration, approximate. */
    DEVEX,
    /** Largest primal infeasibility: the textbook rule, for tests and comparison. */
    DANTZIG
}
