package org.nnmip.lp.internal.simplex;

/**
 * The dual ratio test with bound flipping ("long-step", Fourer 1994; Koberstein 2005, section 3.1 and
 * Algorithm 7) combined with Harris' two-pass tolerance (Harris 1973): breakpoints are passed while the slope of
 * the dual objective stays positive, passed boxed variables flip to their other bound, and among the breakpoints
 * within the Harris bound the one with the largest |alpha| enters.
 */
final class BoundFlippingRatioTest {
    private final SimplexState st;
    private int[] candidates = new int[16];
    private int[] group = new int[16];
    private int[] flips = new int[16];
    /** Number of variables in {@link #flips()} that must move to their other bound. */
    int numFlips;
    /** The entering variable, or -1 when the dual is unbounded (the primal infeasible). */
    int entering;
    /** Slope of the dual objective left after every breakpoint when {@code entering == -1}. */
    double remainingSlope;

    BoundFlippingRatioTest(SimplexState st) {
        this.st = st;
    }

    int[] flips() {
        return flips;
    }

    /**
     * @param alphaRow pivot row over all variables (only nonbasic entries are read)
     * @param delta    primal infeasibility of the leaving variable: negative below its lower bound, positive above
     * @param primalTol a group of breakpoints is passed only if the slope stays above this, so that a dual
     *                  unbounded ray is a proof of infeasibility with margin
     */
    void run(double[] alphaRow, double delta, double dualTol, double primalTol, double pivotTol, boolean allowFlips) {
        int nv = st.n + st.m;
        int[] all = new int[nv];
        int k = 0;
        for (int v = 0; v < nv; v++) if (st.status[v] != SimplexState.BASIC) all[k++] = v;
        run(alphaRow, all, k, delta, dualTol, primalTol, pivotTol, allowFlips);
    }

    /**
     * As above, reading only the variables {@code nonzeros[0..numNonzeros)}: the nonbasic variables whose pivot
     * row entry may be nonzero (see {@link SimplexState#pivotRow}). The result does not depend on their order.
     */
    void run(double[] alphaRow, int[] nonzeros, int numNonzeros, double delta, double dualTol, double primalTol,
             double pivotTol, boolean allowFlips) {
        int nv = st.n + st.m;
        if (candidates.length < nv) {
            candidates = new int[nv];
            group = new int[nv];
            flips = new int[nv];
        }
        double sign = delta < 0 ? -1.0 : 1.0;
        int count = 0;
        byte[] status = st.status;
        for (int t = 0; t < numNonzeros; t++) {
            int v = nonzeros[t];
            byte s = status[v];
            if (s == SimplexState.BASIC) continue;
            double a = sign * alphaRow[v];
            if (Math.abs(a) <= pivotTol || st.isFixed(v)) continue;
            if ((s == SimplexState.AT_LOWER && a > 0) || (s == SimplexState.AT_UPPER && a < 0)
                    || s == SimplexState.AT_ZERO) {
                candidates[count++] = v;
            }
        }
        numFlips = 0;
        entering = -1;
        double slope = Math.abs(delta);
        double[] d = st.d;
        while (count > 0) {
            // Pass 1: the Harris bound on the dual step (feasibility relaxed by dualTol).
            double bound = Double.POSITIVE_INFINITY;
            for (int t = 0; t < count; t++) {
                int v = candidates[t];
                double a = sign * alphaRow[v];
                double r = (Math.max(0.0, a > 0 ? d[v] : -d[v]) + dualTol) / Math.abs(a);
                if (r < bound) bound = r;
            }
            // Pass 2: the breakpoints within the bound; among them the largest |alpha| is the entering candidate.
            int best = -1;
            double bestAbs = -1;
            double decrease = 0;
            int kept = 0;
            int groupSize = 0;
            for (int t = 0; t < count; t++) {
                int v = candidates[t];
                double a = sign * alphaRow[v];
                double absA = Math.abs(a);
                double ratio = Math.max(0.0, a > 0 ? d[v] : -d[v]) / absA;
                if (ratio <= bound) {
                    group[groupSize++] = v;
                    // Ties go to the smallest index, so the candidate order does not matter.
                    if (absA > bestAbs || (absA == bestAbs && v < best)) {
                        bestAbs = absA;
                        best = v;
                    }
                    decrease += absA * (st.upper[v] - st.lower[v]);
                } else {
                    candidates[kept++] = v;
                }
            }
            count = kept;
            if (!allowFlips || !Double.isFinite(decrease) || !(slope - decrease > primalTol)) {
                entering = best;
                return;
            }
            slope -= decrease;
            for (int t = 0; t < groupSize; t++) flips[numFlips++] = group[t];
        }
        // The slope stays positive after every breakpoint: the dual is unbounded.
        remainingSlope = slope;
        entering = -1;
    }
}
