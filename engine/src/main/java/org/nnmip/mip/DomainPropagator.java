package org.nnmip.mip;

/**
 * Activity-based bound tightening on the rows (Achterberg 2007, "Constraint Integer Programming", §7.1; Savelsbergh
 * 1994): from the minimum and maximum activity of a row, each column's implied bounds follow; integer columns
 * round them. Works on local bound arrays; one instance per worker (it keeps scratch arrays). A work budget
 * (coefficient visits) keeps the cost per node bounded.
 *
 * <p>Safe mode ({@link MipParameters#safeBounds()}): every conclusion must hold for the exact rows, so the
 * activities carry the a-priori error bound of their floating-point sums (Higham 2002, §3.1: a sum of n rounded
 * products errs by at most gamma_n times the sum of their magnitudes), each derived bound is relaxed outward by it
 * and rounded outward step by step ({@code nextUp/nextDown}), and a row is declared infeasible only when its
 * rigorous activity range misses the side. Integer bounds are rounded from the rigorous value
 * ({@code ceil(l - 1e-6)} never exceeds {@code ceil(l)}), so no exactly feasible point is ever cut off.
 */
final class DomainPropagator {
    private static final double INF = Double.POSITIVE_INFINITY;
    private final boolean[] queued;
    private final int[] queue;
    /** Unit roundoff 2^-53, doubled (and n padded) so the bound also covers the rounding of the bound itself. */
    private static final double GAMMA_UNIT = 0x1p-52;
    private final MipData d;
    private final boolean safe;
    private long tightenings;

    /** Plain (tolerance-based) propagation. */
    DomainPropagator(MipData d) {
        this(d, false);
    }

    /** @param safe derive only bounds and infeasibilities that hold in exact arithmetic */
    DomainPropagator(MipData d, boolean safe) {
        this.d = d;
        this.safe = safe;
        this.queued = new boolean[d.m];
        this.queue = new int[d.m];
    }

    long tightenings() {
        return tightenings;
    }

    /**
     * Tightens lo/up in place. {@code changedColumns} (null = all rows) seeds the queue with their rows.
     * Returns false when some row cannot be satisfied within the bounds.
     */
    boolean propagate(double[] lo, double[] up, int[] changedColumns, int numChanged, long budget) {
        int head = 0;
        int size = 0;
        if (changedColumns == null) {
            for (int i = 0; i < d.m; i++) {
                queue[size++] = i;
                queued[i] = true;
            }
        } else {
            for (int t = 0; t < numChanged; t++) {
                for (int i : d.colRows[changedColumns[t]]) {
                    if (!queued[i]) {
                        queued[i] = true;
                        queue[size++] = i;
                    }
                }
            }
        }
        long work = 0;
        boolean feasible = true;
        // Circular queue over rows: each row at most once in it.
        while (size > 0) {
            int i = queue[head];
            head = (head + 1) % d.m;
            size--;
            queued[i] = false;
            if (work > budget) continue; // drain the flags
            int[] idx = d.rowIndex[i];
            double[] val = d.rowValue[i];
            work += 2L * idx.length;
            double minAct = 0, maxAct = 0;
            int minInf = 0, maxInf = 0;
            int minInfCol = -1, maxInfCol = -1;
            double minErr = 0, maxErr = 0;
            if (!safe) {
                for (int k = 0; k < idx.length; k++) {
                    int j = idx[k];
                    double a = val[k];
                    double l = lo[j], u = up[j];
                    double cMin = a > 0 ? a * l : a * u;
                    double cMax = a > 0 ? a * u : a * l;
                    if (cMin == -INF) { minInf++; minInfCol = j; } else minAct += cMin;
                    if (cMax == INF) { maxInf++; maxInfCol = j; } else maxAct += cMax;
                }
            } else {
                double minAbs = 0, maxAbs = 0;
                for (int k = 0; k < idx.length; k++) {
                    int j = idx[k];
                    double a = val[k];
                    double l = lo[j], u = up[j];
                    double cMin = a > 0 ? a * l : a * u;
                    double cMax = a > 0 ? a * u : a * l;
                    // An overflowed (or NaN) product says nothing: it counts as unbounded, like an infinite bound.
                    if (!Double.isFinite(cMin)) { minInf++; minInfCol = j; } else { minAct += cMin; minAbs += Math.abs(cMin); }
                    if (!Double.isFinite(cMax)) { maxInf++; maxInfCol = j; } else { maxAct += cMax; maxAbs += Math.abs(cMax); }
                }
                minErr = activityError(idx.length, minAbs);
                maxErr = activityError(idx.length, maxAbs);
            }
            double rl = d.rowLower[i], ru = d.rowUpper[i];
            double tol = 1e-6 * Math.max(1, Math.max(Math.abs(rl == -INF ? 0 : rl), Math.abs(ru == INF ? 0 : ru)));
            if (safe) {
                // Exact activity lies in [minAct - minErr, maxAct + maxErr]; keep the tolerance as extra caution.
                if ((minInf == 0 && Math.nextDown(minAct - minErr) > ru + tol)
                        || (maxInf == 0 && Math.nextUp(maxAct + maxErr) < rl - tol)) {
                    feasible = false;
                    break;
                }
            } else if ((minInf == 0 && minAct > ru + tol) || (maxInf == 0 && maxAct < rl - tol)) {
                feasible = false;
                break;
            }
            boolean useUp = ru < INF && minInf <= 1;
            boolean useLo = rl > -INF && maxInf <= 1;
            if (!useUp && !useLo) continue;
            boolean rowChanged = false;
            for (int k = 0; k < idx.length; k++) {
                int j = idx[k];
                double a = val[k];
                double l = lo[j], u = up[j];
                double newLo = l, newUp = u;
                if (useUp) {
                    // a x_j <= ru - (minAct without j)
                    double cMin = a > 0 ? a * l : a * u;
                    double rest;
                    if (minInf == 0) rest = minAct - cMin;
                    else if (minInfCol == j && (safe ? !Double.isFinite(cMin) : cMin == -INF)) rest = minAct;
                    else rest = Double.NaN;
                    if (!Double.isNaN(rest)) {
                        if (safe) {
                            // exact rest >= restLo, so a x_j <= ru - restLo <= num
                            double restLo = Math.nextDown(rest - minErr);
                            double num = Math.nextUp(ru - restLo);
                            if (a > 0) newUp = Math.min(newUp, Math.nextUp(num / a));
                            else newLo = Math.max(newLo, Math.nextDown(num / a));
                        } else {
                            double bound = (ru - rest) / a;
                            if (a > 0) newUp = Math.min(newUp, bound); else newLo = Math.max(newLo, bound);
                        }
                    }
                }
                if (useLo) {
                    double cMax = a > 0 ? a * u : a * l;
                    double rest;
                    if (maxInf == 0) rest = maxAct - cMax;
                    else if (maxInfCol == j && (safe ? !Double.isFinite(cMax) : cMax == INF)) rest = maxAct;
                    else rest = Double.NaN;
                    if (!Double.isNaN(rest)) {
                        if (safe) {
                            // exact rest <= restHi, so a x_j >= rl - restHi >= num
                            double restHi = Math.nextUp(rest + maxErr);
                            double num = Math.nextDown(rl - restHi);
                            if (a > 0) newLo = Math.max(newLo, Math.nextDown(num / a));
                            else newUp = Math.min(newUp, Math.nextUp(num / a));
                        } else {
                            double bound = (rl - rest) / a;
                            if (a > 0) newLo = Math.max(newLo, bound); else newUp = Math.min(newUp, bound);
                        }
                    }
                }
                boolean changed = false;
                // Continuous bounds are taken as computed: round-off errs by ~1e-15 relative, far inside the LP
                // feasibility tolerance, whereas a safety margin would let the LP drift outside the row.
                if (newLo > l) {
                    double v = d.integer[j] ? Math.ceil(newLo - 1e-6) : newLo;
                    // Continuous columns: only substantial tightenings, to avoid tiny steps and numerical noise.
                    if (v > l && Math.abs(v) < 1e9 && (d.integer[j]
                            || v - l > 1e-3 * Math.max(1, u - l == INF ? Math.abs(v) : u - l))) {
                        lo[j] = v;
                        if (v > up[j] + 1e-6 * Math.max(1, Math.abs(v))) { feasible = false; break; }
                        if (lo[j] > up[j]) lo[j] = up[j];
                        changed = true;
                    }
                }
                if (newUp < u) {
                    double v = d.integer[j] ? Math.floor(newUp + 1e-6) : newUp;
                    if (v < u && Math.abs(v) < 1e9 && (d.integer[j]
                            || u - v > 1e-3 * Math.max(1, u - l == INF ? Math.abs(v) : u - l))) {
                        if (v < lo[j] - 1e-6 * Math.max(1, Math.abs(v))) { feasible = false; break; }
                        up[j] = Math.max(v, lo[j]);
                        changed = true;
                    }
                }
                if (changed) {
                    tightenings++;
                    for (int r : d.colRows[j]) {
                        if (!queued[r] && r != i) {
                            queued[r] = true;
                            queue[(head + size) % d.m] = r;
                            size++;
                        }
                    }
                    rowChanged = true;
                }
            }
            if (!feasible) break;
            // The activities used above were computed from looser bounds (still valid, only weaker):
            // revisit the row so the tightened bounds can imply more.
            if (rowChanged && !queued[i]) {
                queued[i] = true;
                queue[(head + size) % d.m] = i;
                size++;
            }
        }
        // Clear flags left by an early exit.
        while (size > 0) {
            queued[queue[head]] = false;
            head = (head + 1) % d.m;
            size--;
        }
        return feasible;
    }

    /**
     * Bound on |computed - exact| for a row activity of n products summed in double, and for that sum minus one
     * of its terms: gamma_{n+2} times the sum of magnitudes, doubled for the rounding of the magnitudes' own sum,
     * plus n smallest normals for products that underflowed.
     */
    static double activityError(int n, double sumAbs) {
        return Math.nextUp((n + 3) * GAMMA_UNIT * sumAbs) + (n + 1) * Double.MIN_NORMAL;
    }
}
