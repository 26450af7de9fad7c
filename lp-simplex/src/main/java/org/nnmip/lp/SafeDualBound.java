package org.nnmip.lp;

/**
 * Rigorous bounds from approximate LP duals under floating point (Neumaier &amp; Shcherbina 2004, "Safe bounds in
 * linear and mixed-integer linear programming"): for any row multipliers y, weak duality gives
 * {@code min c'x >= sum_i y_i b_i(y) + sum_j min_{x_j in [l_j,u_j]} r_j x_j} with {@code r = c - A'y} and
 * {@code b_i(y)} the row bound the sign of y_i selects. Every product and sum is rounded outward: a rounding is
 * widened by one ulp only when it was inexact (the error is measured exactly with fma and TwoSum), so exact data
 * stays exact and a basic column's reduced cost that is exactly zero stays zero. A reduced cost that may be
 * nonzero against an infinite column bound makes the bound -infinity.
 *
 * <p>All methods work on the minimisation form: costs and duals as for minimising (a row at its lower bound has
 * {@code y_i >= 0}).
 */
public final class SafeDualBound {
    /** Below this magnitude products may lose bits to underflow: always widen. */
    private static final double TINY = 0x1p-960;
    /** Shift rounds tried when reduced costs meet infinite column bounds. */
    private static final int MAX_SHIFTS = 2;

    private SafeDualBound() {
    }

    /**
     * A rigorous lower bound on {@code min cost'x + offset} over {@code rowLower <= Ax <= rowUpper} (rows of
     * {@code problem}) and {@code lower <= x <= upper}; -infinity when none can be certified from y. The problem's
     * own objective, sense and column bounds are ignored.
     */
    public static double lowerBound(LpProblem problem, double[] cost, double offset, double[] lower, double[] upper,
                                    double[] y) {
        int n = problem.numColumns();
        int m = problem.numRows();
        if (cost.length != n || lower.length != n || upper.length != n || y.length != m) {
            throw new IllegalArgumentException("cost/bounds must have " + n + " entries and y " + m);
        }
        double[] rLo = new double[n];
        double[] rHi = new double[n];
        double[] ys = y;
        for (int attempt = 0; ; attempt++) {
            double b = evaluate(problem, cost, offset, lower, upper, ys, rLo, rHi);
            if (b > Double.NEGATIVE_INFINITY || attempt == MAX_SHIFTS) return b;
            ys = shift(problem, lower, upper, ys, rLo, rHi);
            if (ys == null) return b;
        }
    }

    /** The bound of y, leaving the reduced-cost enclosures in rLo, rHi. */
    private static double evaluate(LpProblem problem, double[] cost, double offset, double[] lower, double[] upper,
                                   double[] y, double[] rLo, double[] rHi) {
        int n = cost.length;
        boolean finite = true;
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(cost[j])) finite = false;
            rLo[j] = cost[j];
            rHi[j] = cost[j];
        }
        if (!finite) return Double.NEGATIVE_INFINITY;
        double bound = Double.isFinite(offset) ? offset : Double.NEGATIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            if (Double.isNaN(yi) || Double.isInfinite(yi)) return Double.NEGATIVE_INFINITY;
            if (yi == 0.0) continue;
            double rowBound = yi > 0 ? problem.rowLower(i) : problem.rowUpper(i);
            // A multiplier that needs an infinite row bound is dropped: any y gives a valid bound.
            if (Double.isInfinite(rowBound)) continue;
            bound = addDown(bound, mulDown(yi, rowBound));
            int[] idx = problem.rowIndices(i);
            double[] val = problem.rowValues(i);
            for (int k = 0; k < idx.length; k++) {
                int j = idx[k];
                double a = val[k];
                // r_j -= a * y_i, as an interval
                rLo[j] = addDown(rLo[j], -mulUp(a, yi));
                rHi[j] = addUp(rHi[j], -mulDown(a, yi));
            }
        }
        for (int j = 0; j < n; j++) bound = addDown(bound, columnTerm(rLo[j], rHi[j], lower[j], upper[j]));
        return Double.isNaN(bound) ? Double.NEGATIVE_INFINITY : bound;
    }

    /**
     * The "shift" step of Neumaier and Shcherbina (2004, Sec. 3) for columns bounded on one side only: a basic
     * column's reduced cost is zero up to round-off, which may have the sign that needs the infinite bound. Moving
     * one multiplier of a row in that column by a few ulps gives the reduced cost a margin of the right sign, at a
     * cost of the same order in the bound. Returns the shifted multipliers, or null when no column can be fixed
     * (a free column needs an exactly zero reduced cost, which a shift cannot give).
     */
    private static double[] shift(LpProblem problem, double[] lower, double[] upper, double[] y, double[] rLo,
                                  double[] rHi) {
        int n = lower.length;
        int m = y.length;
        boolean[] bad = new boolean[n];
        int badCount = 0;
        for (int j = 0; j < n; j++) {
            boolean needsUp = rHi[j] > 0 && lower[j] == Double.NEGATIVE_INFINITY; // must make r_j <= 0
            boolean needsDown = rLo[j] < 0 && upper[j] == Double.POSITIVE_INFINITY; // must make r_j >= 0
            if (needsUp && needsDown) return null;
            if (needsUp || needsDown) {
                bad[j] = true;
                badCount++;
            }
        }
        if (badCount == 0) return null;
        double[] ys = y.clone();
        boolean[] done = new boolean[n];
        for (int i = 0; i < m; i++) {
            int[] idx = problem.rowIndices(i);
            double[] val = problem.rowValues(i);
            for (int k = 0; k < idx.length; k++) {
                int j = idx[k];
                if (!bad[j] || done[j] || val[k] == 0.0) continue;
                // r_j must rise (u_j infinite) or fall (l_j infinite) by more than its enclosure's width
                boolean rise = upper[j] == Double.POSITIVE_INFINITY;
                double need = 2 * Math.max(Math.abs(rLo[j]), Math.abs(rHi[j])) + Double.MIN_NORMAL;
                // r_j changes by -a * dy
                double dy = (rise ? -need : need) / val[k];
                if (Math.abs(dy) < 4 * Math.ulp(ys[i])) dy = Math.copySign(4 * Math.ulp(ys[i]), dy);
                double ny = ys[i] + dy;
                boolean allowed = ny == 0 || (ny > 0 ? problem.rowLower(i) != Double.NEGATIVE_INFINITY
                        : problem.rowUpper(i) != Double.POSITIVE_INFINITY);
                if (!allowed || !Double.isFinite(ny)) continue;
                ys[i] = ny;
                done[j] = true;
            }
        }
        for (int j = 0; j < n; j++) if (bad[j] && !done[j]) return null;
        return ys;
    }

    /**
     * Whether the multipliers y prove that no x in the column box satisfies the rows: the bound with zero
     * costs, {@code min_r y'r - max_x (A'y)'x}, is strictly positive.
     */
    public static boolean provesInfeasible(LpProblem problem, double[] lower, double[] upper, double[] y) {
        for (int j = 0; j < lower.length; j++) if (lower[j] > upper[j]) return true;
        return lowerBound(problem, new double[problem.numColumns()], 0.0, lower, upper, y) > 0;
    }

    /** A lower bound on {@code min r x} over r in [rLo, rHi] and x in [l, u]. */
    static double columnTerm(double rLo, double rHi, double l, double u) {
        if (Double.isNaN(rLo) || Double.isNaN(rHi)) return Double.NEGATIVE_INFINITY;
        if (l > u) return Double.POSITIVE_INFINITY; // empty box: nothing to minimise over
        if (rLo == 0 && rHi == 0) return 0.0;
        if (rLo >= 0) { // minimum at x = l
            if (l == Double.NEGATIVE_INFINITY) return Double.NEGATIVE_INFINITY;
            return l >= 0 ? mulDown(rLo, l) : mulDown(rHi, l);
        }
        if (rHi <= 0) { // minimum at x = u
            if (u == Double.POSITIVE_INFINITY) return Double.NEGATIVE_INFINITY;
            return u >= 0 ? mulDown(rLo, u) : mulDown(rHi, u);
        }
        if (Double.isInfinite(l) || Double.isInfinite(u)) return Double.NEGATIVE_INFINITY;
        return Math.min(Math.min(mulDown(rLo, l), mulDown(rLo, u)), Math.min(mulDown(rHi, l), mulDown(rHi, u)));
    }

    /** A double at most the exact product a*b. */
    static double mulDown(double a, double b) {
        if (a == 0.0 || b == 0.0) {
            return Double.isInfinite(a) || Double.isInfinite(b) ? Double.NaN : 0.0;
        }
        double p = a * b;
        if (Double.isNaN(p)) return p;
        if (Double.isInfinite(p)) {
            if (Double.isInfinite(a) || Double.isInfinite(b)) return p;
            return p > 0 ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY; // overflow
        }
        if (Math.abs(p) < TINY) return Math.nextDown(p);
        double e = Math.fma(a, b, -p); // exact error a*b - p
        return e < 0 ? Math.nextDown(p) : p;
    }

    /** A double at least the exact product a*b. */
    static double mulUp(double a, double b) {
        return -mulDown(-a, b);
    }

    /** A double at most the exact sum a+b. */
    static double addDown(double a, double b) {
        double s = a + b;
        if (Double.isNaN(s)) return s;
        if (Double.isInfinite(s)) {
            if (Double.isInfinite(a) || Double.isInfinite(b)) return s;
            return s > 0 ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY; // overflow
        }
        double e = twoSumError(a, b, s);
        return e < 0 ? Math.nextDown(s) : s;
    }

    /** A double at least the exact sum a+b. */
    static double addUp(double a, double b) {
        return -addDown(-a, -b);
    }

    /** Knuth's TwoSum: the exact a + b - s for s = fl(a + b) (no overflow). */
    private static double twoSumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }
}
