package org.nnmip.nnverify.lipschitz;

/** What a method's number says about the true Lipschitz constant. */
public enum BoundKind {
    /** Exact within the reported gap: {@code lower <= L <= upper}. */
    EXACT,
    /** The value is at most the Lipschitz constant. */
    LOWER_BOUND,
    /** The value is at least the Lipschitz constant. */
    UPPER_BOUND,
    /** An estimate with no guarantee either way. */
    HEURISTIC
}
