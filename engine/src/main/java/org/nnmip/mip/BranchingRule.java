package org.nnmip.mip;

/** How the variable to branch on is chosen (user priorities always come first). */
public enum BranchingRule {
    /** Reliability pseudocost branching (Achterberg, Koch, Martin 2005, "Branching rules revisited"). */
    PSEUDOCOST_RELIABILITY,
    /** Pseudocosts only, initialised with the average: no strong branching. */
    PSEUDOCOST,
    /** Fractional part closest to 1/2. */
    MOST_FRACTIONAL,
    /** Lowest-index fractional variable: the textbook rule, for tests. */
    FIRST_FRACTIONAL
}
