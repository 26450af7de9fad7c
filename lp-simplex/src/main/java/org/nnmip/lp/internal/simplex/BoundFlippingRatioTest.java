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
    private int[] flips = new int[16];
    private double[] tight = new double[0];
    private double[] relaxed = new double[0];
    private double[] suffixMin = new double[0];
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
        if (tight.length < count) {
            tight = new double[nv];
            relaxed = new double[nv];
        }
        // Breakpoint t_v = max(0, sign-corrected d_v) / |alpha_v|, and its Harris relaxation by dualTol.
        double bound = Double.POSITIVE_INFINITY;
        for (int t = 0; t < count; t++) {
            int v = candidates[t];
            double a = sign * alphaRow[v];
            double absA = Math.abs(a);
            double dv = Math.max(0.0, a > 0 ? d[v] : -d[v]);
            tight[t] = dv / absA;
            relaxed[t] = (dv + dualTol) / absA;
            if (relaxed[t] < bound) bound = relaxed[t];
        }
        int start = 0;
        boolean sorted = false;
        while (start < count) {
            // The group: remaining breakpoints within the Harris bound; the largest |alpha| among them enters.
            int best = -1;
            double bestAbs = -1;
            double decrease = 0;
            int groupEnd = start;
            if (!sorted) {
                // First group by one pass (usually the only one); the rest is sorted only if we pass it.
                int kept = count;
                for (int t = count - 1; t >= start; t--) {
                    if (tight[t] <= bound) continue;
                    kept--;
                    swap(t, kept);
                }
                groupEnd = kept;
            } else {
                while (groupEnd < count && tight[groupEnd] <= bound) groupEnd++;
            }
            for (int t = start; t < groupEnd; t++) {
                int v = candidates[t];
                double absA = Math.abs(alphaRow[v]);
                // Ties go to the smallest index, so the candidate order does not matter.
                if (absA > bestAbs || (absA == bestAbs && v < best)) {
                    bestAbs = absA;
                    best = v;
                }
                decrease += absA * (st.upper[v] - st.lower[v]);
            }
            if (!allowFlips || !Double.isFinite(decrease) || !(slope - decrease > primalTol)) {
                entering = best;
                return;
            }
            slope -= decrease;
            for (int t = start; t < groupEnd; t++) flips[numFlips++] = candidates[t];
            start = groupEnd;
            if (start == count) break;
            if (!sorted) {
                // Several groups are passed (long steps): order the rest once by breakpoint, O(k log k) in all,
                // instead of a pass over all remaining candidates per group (Koberstein 2005, section 6.2.2.2).
                sortByTight(start, count - 1);
                sorted = true;
                if (suffixMin.length < nv) suffixMin = new double[nv];
                suffixMin[count - 1] = relaxed[count - 1];
                for (int t = count - 2; t >= start; t--) suffixMin[t] = Math.min(relaxed[t], suffixMin[t + 1]);
            }
            bound = suffixMin[start];
        }
        // The slope stays positive after every breakpoint: the dual is unbounded.
        remainingSlope = slope;
        entering = -1;
    }

    private void swap(int a, int b) {
        int v = candidates[a];
        candidates[a] = candidates[b];
        candidates[b] = v;
        double x = tight[a];
        tight[a] = tight[b];
        tight[b] = x;
        x = relaxed[a];
        relaxed[a] = relaxed[b];
        relaxed[b] = x;
    }

    /** Sorts candidates[lo..hi] by tight breakpoint (quicksort, insertion sort for short ranges). */
    private void sortByTight(int lo, int hi) {
        while (hi - lo > 16) {
            double pivot = tight[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (tight[i] < pivot) i++;
                while (tight[j] > pivot) j--;
                if (i <= j) swap(i++, j--);
            }
            if (j - lo < hi - i) {
                sortByTight(lo, j);
                lo = i;
            } else {
                sortByTight(i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && tight[j - 1] > tight[j]; j--) swap(j - 1, j);
        }
    }
}
