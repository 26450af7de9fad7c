package org.nnmip.lp;

import java.util.Locale;

/**
 * An independent checker of LP answers: it recomputes everything from the {@link LpProblem} (unscaled, original
 * sense) and never trusts the solver's internal state. Used by tests and by the CLI's verification mode.
 *
 * <p>Tolerances are relative: a quantity {@code v} measured against a reference magnitude {@code m} passes when
 * {@code |v| <= tol * max(1, |m|)}. Every report names the first offending column or row. Conventions follow
 * {@link LpResult}: {@code c = A'y + d}; for minimisation a row at its lower bound has {@code y_i >= 0} and a
 * column at its lower bound {@code d_j >= 0}; maximisation flips the signs.
 */
public final class LpCertificates {

    /**
     * The outcome of one check.
     *
     * @param ok                   whether every condition holds within the tolerance
     * @param maxViolation         the largest relative violation found (0 when none); compare with tol
     * @param maxAbsoluteViolation the largest absolute (unscaled) violation found
     * @param firstProblem         a readable description of the first failed condition, empty when ok
     */
    public record CheckReport(boolean ok, double maxViolation, double maxAbsoluteViolation, String firstProblem) {
        @Override
        public String toString() {
            return ok ? String.format(Locale.ROOT, "ok (max violation %.3g)", maxViolation)
                    : "FAILED: " + firstProblem;
        }
    }

    private LpCertificates() {
    }

    // ---- primal feasibility ------------------------------------------------------------------------------------

    /**
     * Unscaled bound violations of a point, split into columns and rows. Relative means divided by
     * {@code max(1, |bound|)}. An index is -1 when nothing of that kind is violated; a non-finite x_j counts as an
     * infinite violation.
     */
    public record PrimalViolations(double maxColumnAbsolute, double maxColumnRelative, int worstColumn,
                                   double maxRowAbsolute, double maxRowRelative, int worstRow) {
    }

    /** The largest column-bound and row violations of {@code x} (worst by relative violation). */
    public static PrimalViolations primalViolations(LpProblem problem, double[] x) {
        checkLength("x", x, problem.numColumns());
        double colAbs = 0;
        double colRel = 0;
        int worstCol = -1;
        for (int j = 0; j < x.length; j++) {
            double v = Double.isFinite(x[j]) ? violation(x[j], problem.columnLower(j), problem.columnUpper(j))
                    : Double.POSITIVE_INFINITY;
            if (v == 0) continue;
            double rel = Double.isInfinite(v) ? v : v / Math.max(1.0, Math.abs(x[j] < problem.columnLower(j) ? problem.columnLower(j)
                    : problem.columnUpper(j)));
            colAbs = Math.max(colAbs, v);
            if (worstCol < 0 || rel > colRel) {
                colRel = Math.max(colRel, rel);
                worstCol = j;
            }
        }
        double rowAbs = 0;
        double rowRel = 0;
        int worstRow = -1;
        double[] ax = problem.rowActivities(x);
        for (int i = 0; i < ax.length; i++) {
            double v = Double.isNaN(ax[i]) ? Double.POSITIVE_INFINITY
                    : violation(ax[i], problem.rowLower(i), problem.rowUpper(i));
            if (v == 0) continue;
            double rel = Double.isInfinite(v) ? v : v / Math.max(1.0, Math.abs(ax[i] < problem.rowLower(i) ? problem.rowLower(i)
                    : problem.rowUpper(i)));
            rowAbs = Math.max(rowAbs, v);
            if (worstRow < 0 || rel > rowRel) {
                rowRel = Math.max(rowRel, rel);
                worstRow = i;
            }
        }
        return new PrimalViolations(colAbs, colRel, worstCol, rowAbs, rowRel, worstRow);
    }

    private static double violation(double v, double lo, double up) {
        return v < lo ? lo - v : v > up ? v - up : 0.0;
    }

    /** Column bounds and row bounds at {@code x}: absolute and relative (to the bound) violations. */
    public static CheckReport checkPrimal(LpProblem problem, double[] x, double tol) {
        checkLength("x", x, problem.numColumns());
        Tally t = new Tally(tol);
        checkPrimalInto(problem, x, t);
        return t.report();
    }

    private static void checkPrimalInto(LpProblem problem, double[] x, Tally t) {
        for (int j = 0; j < x.length; j++) {
            String what = "column " + problem.columnName(j);
            if (!Double.isFinite(x[j])) {
                t.fail(what + " has value " + x[j]);
                continue;
            }
            boundViolation(t, what, x[j], problem.columnLower(j), problem.columnUpper(j));
        }
        double[] ax = problem.rowActivities(x);
        for (int i = 0; i < ax.length; i++) {
            boundViolation(t, "row " + problem.rowName(i), ax[i], problem.rowLower(i), problem.rowUpper(i));
        }
    }

    private static void boundViolation(Tally t, String what, double v, double lo, double up) {
        if (v < lo) {
            t.measure(lo - v, lo, () -> fmt("%s = %.17g below its lower bound %.17g", what, v, lo));
        } else if (v > up) {
            t.measure(v - up, up, () -> fmt("%s = %.17g above its upper bound %.17g", what, v, up));
        }
    }

    // ---- optimality -------------------------------------------------------------------------------------------

    /**
     * All optimality conditions of {@code result} (which must say {@link LpStatus#OPTIMAL}): primal feasibility;
     * the reported objective and row activities match x; {@code c = A'y + d}; dual sign conditions with
     * complementary slackness (a column or row with a dual of the "lower" sign must sit at a finite lower bound,
     * the "upper" sign at a finite upper bound, as far as {@code min(|dual|, distance to bound)} can tell); and
     * agreement of the primal objective with the dual objective built from the active bounds.
     */
    public static CheckReport checkOptimality(LpProblem problem, LpResult result, double tol) {
        int n = problem.numColumns();
        int m = problem.numRows();
        double[] x = result.columnValues();
        double[] y = result.rowDuals();
        double[] d = result.reducedCosts();
        checkLength("columnValues", x, n);
        checkLength("rowDuals", y, m);
        checkLength("reducedCosts", d, n);
        Tally t = new Tally(tol);
        if (result.status() != LpStatus.OPTIMAL) t.fail("status is " + result.status() + ", not OPTIMAL");
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(y[i])) t.fail("row " + problem.rowName(i) + " has dual " + y[i]);
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(d[j])) t.fail("column " + problem.columnName(j) + " has reduced cost " + d[j]);
        }
        if (!t.ok()) return t.report();

        checkPrimalInto(problem, x, t);
        double primal = problem.objectiveValue(x);
        t.measure(result.objective() - primal, primal,
                () -> fmt("reported objective %.17g but c'x + offset = %.17g", result.objective(), primal));
        double[] ax = problem.rowActivities(x);
        double[] reportedAx = result.rowActivities();
        if (reportedAx != null && reportedAx.length == m) {
            for (int i = 0; i < m; i++) {
                int row = i;
                t.measure(reportedAx[i] - ax[i], ax[i], () -> fmt("row %s: reported activity %.17g but Ax = %.17g",
                        problem.rowName(row), reportedAx[row], ax[row]));
            }
        } else {
            t.fail("rowActivities has length " + (reportedAx == null ? "null" : reportedAx.length) + ", expected " + m);
        }

        // c = A'y + d, relative to the magnitudes that are summed.
        SparseMatrix a = problem.columnMatrix();
        int[] start = a.start();
        int[] index = a.index();
        double[] value = a.value();
        for (int j = 0; j < n; j++) {
            double aty = 0;
            double scale = Math.abs(problem.objective(j)) + Math.abs(d[j]);
            for (int p = start[j]; p < start[j + 1]; p++) {
                aty += value[p] * y[index[p]];
                scale += Math.abs(value[p] * y[index[p]]);
            }
            double residual = problem.objective(j) - aty - d[j];
            int col = j;
            double atyJ = aty;
            t.measure(residual, scale, () -> fmt("column %s: c_j - (A'y)_j - d_j = %.3g (c_j %.17g, (A'y)_j %.17g,"
                    + " d_j %.17g)", problem.columnName(col), residual, problem.objective(col), atyJ, d[col]));
        }

        // Dual signs and complementary slackness; accumulate the dual objective from the active bounds.
        double s = problem.sense().sign();
        double dual = problem.objectiveOffset();
        double dualScale = Math.abs(problem.objectiveOffset());
        for (int j = 0; j < n; j++) {
            double term = complementarity(t, "column " + problem.columnName(j), "reduced cost", s * d[j], x[j],
                    problem.columnLower(j), problem.columnUpper(j), problem.objective(j));
            dual += d[j] * term;
            dualScale += Math.abs(d[j] * term);
        }
        for (int i = 0; i < m; i++) {
            double term = complementarity(t, "row " + problem.rowName(i), "dual", s * y[i], ax[i],
                    problem.rowLower(i), problem.rowUpper(i), 1.0);
            dual += y[i] * term;
            dualScale += Math.abs(y[i] * term);
        }
        double dualObjective = dual;
        t.measure(primal - dualObjective, Math.max(Math.abs(primal), dualScale),
                () -> fmt("primal objective %.17g but dual objective %.17g", primal, dualObjective));
        return t.report();
    }

    /**
     * Checks one column or row whose dual, in minimisation form, is {@code sd} and whose value is {@code v}:
     * {@code sd > 0} asks for v at a finite lower bound, {@code sd < 0} at a finite upper bound. The violation is
     * {@code min(|sd| relative to dualScale, distance to that bound relative to it)}, so a tiny dual excuses an
     * inactive bound and vice versa. Returns the value that enters the dual objective: the active bound, or v
     * itself when the dual is zero or the bound is infinite (then the violation was already recorded).
     */
    private static double complementarity(Tally t, String what, String dualName, double sd, double v, double lo,
                                          double up, double dualScale) {
        if (sd == 0.0) return v;
        boolean wantsLower = sd > 0;
        double bound = wantsLower ? lo : up;
        double dualRel = Math.abs(sd) / Math.max(1.0, Math.abs(dualScale));
        double gapRel = Double.isInfinite(bound) ? Double.POSITIVE_INFINITY
                : Math.abs(v - bound) / Math.max(1.0, Math.abs(bound));
        double violation = Math.min(dualRel, gapRel);
        double absolute = Math.min(Math.abs(sd), Math.abs(v - bound));
        t.measureRelative(violation, absolute, () -> fmt(
                "%s: %s %.6g (minimisation sign %s) asks for its %s bound %.17g but its value is %.17g", what,
                dualName, sd, wantsLower ? "+" : "-", wantsLower ? "lower" : "upper", bound, v));
        return Double.isInfinite(bound) ? v : bound;
    }

    // ---- infeasibility ----------------------------------------------------------------------------------------

    /**
     * A Farkas certificate of primal infeasibility: row multipliers y (normalised here to max |y_i| = 1) with
     * {@code z = A'y} such that {@code max_{x in column box} z'x < min_{r in row box} y'r} by a margin of
     * {@code tol * max(1, |both sides|)}. A side that needs an infinite bound (a column with |z_j| > tol at an
     * infinite side, a row with |y_i| > tol at an infinite side) makes the certificate invalid; smaller entries
     * there are treated as zero. An empty column or row box (lower > upper) is a certificate by itself.
     */
    public static CheckReport checkFarkas(LpProblem problem, double[] y, double tol) {
        int n = problem.numColumns();
        int m = problem.numRows();
        checkLength("Farkas multipliers", y, m);
        Tally t = new Tally(tol);
        for (int j = 0; j < n; j++) {
            if (problem.columnLower(j) > problem.columnUpper(j)) return t.report(); // trivially infeasible
        }
        for (int i = 0; i < m; i++) {
            if (problem.rowLower(i) > problem.rowUpper(i)) return t.report();
        }
        double norm = 0;
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(y[i])) {
                t.fail("row " + problem.rowName(i) + " has multiplier " + y[i]);
                return t.report();
            }
            norm = Math.max(norm, Math.abs(y[i]));
        }
        if (norm == 0) {
            t.fail("the multipliers are all zero");
            return t.report();
        }
        double[] yn = new double[m];
        for (int i = 0; i < m; i++) yn[i] = y[i] / norm;
        double[] z = new double[n];
        problem.columnMatrix().transposeMultiplyAdd(yn, z);

        double maxZx = 0;
        double scale = 0;
        for (int j = 0; j < n; j++) {
            double zj = z[j];
            if (zj == 0.0) continue;
            double bound = zj > 0 ? problem.columnUpper(j) : problem.columnLower(j);
            if (Double.isInfinite(bound)) {
                int col = j;
                t.measureRelative(Math.abs(zj), Math.abs(zj), () -> fmt("column %s: (A'y)_j = %.6g needs its "
                        + "infinite %s bound", problem.columnName(col), zj, zj > 0 ? "upper" : "lower"));
                continue;
            }
            maxZx += zj * bound;
            scale += Math.abs(zj * bound);
        }
        double minYr = 0;
        for (int i = 0; i < m; i++) {
            double yi = yn[i];
            if (yi == 0.0) continue;
            double bound = yi > 0 ? problem.rowLower(i) : problem.rowUpper(i);
            if (Double.isInfinite(bound)) {
                int row = i;
                t.measureRelative(Math.abs(yi), Math.abs(yi), () -> fmt("row %s: multiplier %.6g needs its "
                        + "infinite %s bound", problem.rowName(row), yi, yi > 0 ? "lower" : "upper"));
                continue;
            }
            minYr += yi * bound;
            scale += Math.abs(yi * bound);
        }
        // Validity needs maxZx < minYr with a margin; a shortfall is the violation.
        double margin = tol * Math.max(1.0, scale);
        double shortfall = maxZx - minYr + margin;
        if (shortfall > 0) {
            double lhs = maxZx;
            double rhs = minYr;
            t.fail(fmt("max over the column box of (A'y)'x = %.17g is not below min over the row box of y'r ="
                    + " %.17g by the margin %.3g", lhs, rhs, margin), shortfall / Math.max(1.0, scale), shortfall);
        }
        return t.report();
    }

    /**
     * A primal ray r (normalised here to max |r_j| = 1) proving unboundedness of a feasible LP: r lies in the
     * recession cone of the column box (r_j > tol only where the upper bound is infinite, r_j < -tol only where
     * the lower one is), Ar in that of the row box (relative to sum |a_ij r_j|), and the objective improves:
     * {@code sense * c'r < -tol * max(1, sum |c_j r_j|)}. It does not check that the LP is feasible.
     */
    public static CheckReport checkPrimalRay(LpProblem problem, double[] r, double tol) {
        int n = problem.numColumns();
        checkLength("primal ray", r, n);
        Tally t = new Tally(tol);
        double norm = 0;
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(r[j])) {
                t.fail("column " + problem.columnName(j) + " has ray entry " + r[j]);
                return t.report();
            }
            norm = Math.max(norm, Math.abs(r[j]));
        }
        if (norm == 0) {
            t.fail("the ray is zero");
            return t.report();
        }
        double[] rn = new double[n];
        for (int j = 0; j < n; j++) rn[j] = r[j] / norm;
        for (int j = 0; j < n; j++) {
            recession(t, "column " + problem.columnName(j), rn[j], 1.0, problem.columnLower(j),
                    problem.columnUpper(j));
        }
        for (int i = 0; i < problem.numRows(); i++) {
            int[] idx = problem.rowIndices(i);
            double[] val = problem.rowValues(i);
            double ar = 0;
            double scale = 0;
            for (int k = 0; k < idx.length; k++) {
                ar += val[k] * rn[idx[k]];
                scale += Math.abs(val[k] * rn[idx[k]]);
            }
            recession(t, "row " + problem.rowName(i), ar, scale, problem.rowLower(i), problem.rowUpper(i));
        }
        double cr = 0;
        double scale = 0;
        for (int j = 0; j < n; j++) {
            cr += problem.objective(j) * rn[j];
            scale += Math.abs(problem.objective(j) * rn[j]);
        }
        double improvement = -problem.sense().sign() * cr;
        double needed = tol * Math.max(1.0, scale);
        if (improvement <= needed) {
            double crv = cr;
            t.fail(fmt("the ray does not improve the objective: c'r = %.6g (%s)", crv,
                    problem.sense() == Sense.MINIMIZE ? "minimising" : "maximising"),
                    (needed - improvement) / Math.max(1.0, scale), needed - improvement);
        }
        return t.report();
    }

    private static void recession(Tally t, String what, double v, double scale, double lo, double up) {
        double rel = Math.abs(v) / Math.max(1.0, scale);
        if (v > 0 && Double.isFinite(up)) {
            t.measureRelative(rel, Math.abs(v), () -> fmt("%s: ray moves up by %.6g but its upper bound %.6g is"
                    + " finite", what, v, up));
        } else if (v < 0 && Double.isFinite(lo)) {
            t.measureRelative(rel, Math.abs(v), () -> fmt("%s: ray moves down by %.6g but its lower bound %.6g"
                    + " is finite", what, v, lo));
        }
    }

    // ---- bookkeeping ------------------------------------------------------------------------------------------

    // ---- bounds from duals ----------------------------------------------------------------------------------

    /**
     * The Lagrangian bound of arbitrary row multipliers y (LpResult sign convention, {@code c = A'y + d}): a lower
     * bound on the optimum when minimising (upper when maximising), by weak duality:
     * {@code sum_i y_i r_i + sum_j min_{x_j in [l_j,u_j]} (c_j - A_j'y) x_j + offset}, each row term at the row
     * bound that minimises it. A multiplier whose sign would need an infinite row bound is set to zero first (that
     * keeps the bound valid: any y gives one). A reduced cost that would need an infinite column bound makes the
     * bound infinite, unless it is round-off (below 1e-9 of the terms that formed it). Rounding error is not
     * bounded here: this guards against numerical artefacts of the simplex (a cutoff claimed on a badly scaled
     * LP), not against last-bit error; the outward-rounded version belongs to the certified mode.
     */
    public static double lagrangianBound(LpProblem problem, double[] y) {
        int n = problem.numColumns();
        int m = problem.numRows();
        checkLength("row multipliers", y, m);
        double s = problem.sense().sign();
        double[] ys = new double[m];
        for (int i = 0; i < m; i++) {
            double yi = s * y[i];
            if (yi > 0 && problem.rowLower(i) == Double.NEGATIVE_INFINITY) yi = 0;
            if (yi < 0 && problem.rowUpper(i) == Double.POSITIVE_INFINITY) yi = 0;
            ys[i] = yi;
        }
        double[] reduced = new double[n];
        double[] magnitude = new double[n];
        for (int j = 0; j < n; j++) {
            reduced[j] = s * problem.objective(j);
            magnitude[j] = Math.abs(reduced[j]);
        }
        double bound = 0;
        for (int i = 0; i < m; i++) {
            double yi = ys[i];
            if (yi == 0.0) continue;
            bound += yi * (yi > 0 ? problem.rowLower(i) : problem.rowUpper(i));
            int[] idx = problem.rowIndices(i);
            double[] val = problem.rowValues(i);
            for (int k = 0; k < idx.length; k++) {
                reduced[idx[k]] -= val[k] * yi;
                magnitude[idx[k]] += Math.abs(val[k] * yi);
            }
        }
        for (int j = 0; j < n; j++) {
            double d = reduced[j];
            if (d == 0.0) continue;
            double b = d > 0 ? problem.columnLower(j) : problem.columnUpper(j);
            if (Double.isInfinite(b)) {
                if (Math.abs(d) <= 1e-9 * Math.max(1.0, magnitude[j])) continue;
                return s * Double.NEGATIVE_INFINITY;
            }
            bound += d * b;
        }
        return s * bound + problem.objectiveOffset();
    }

    /**
     * The rigorous version of {@link #lagrangianBound}: a bound on the optimum (lower when minimising, upper when
     * maximising) that holds in exact arithmetic for the unscaled data, computed from any multipliers y (LpResult
     * sign convention) with every operation rounded outward ({@link SafeDualBound}). Infinite (-inf when
     * minimising, +inf when maximising) when a reduced cost that may be nonzero meets an infinite column bound.
     */
    public static double rigorousBound(LpProblem problem, double[] y) {
        return rigorousBound(problem, problem.columnLowerCopy(), problem.columnUpperCopy(), y);
    }

    /** {@link #rigorousBound(LpProblem, double[])} with the column bounds replaced by {@code lower, upper}. */
    public static double rigorousBound(LpProblem problem, double[] lower, double[] upper, double[] y) {
        int n = problem.numColumns();
        int m = problem.numRows();
        checkLength("row multipliers", y, m);
        checkLength("column lower bounds", lower, n);
        checkLength("column upper bounds", upper, n);
        double s = problem.sense().sign();
        double[] cost = new double[n];
        for (int j = 0; j < n; j++) cost[j] = s * problem.objective(j); // negation is exact
        double[] ys = y;
        if (s < 0) {
            ys = new double[m];
            for (int i = 0; i < m; i++) ys[i] = -y[i];
        }
        return s * SafeDualBound.lowerBound(problem, cost, s * problem.objectiveOffset(), lower, upper, ys);
    }

    /**
     * The rigorous version of {@link #checkFarkas}: true only when the multipliers prove infeasibility in exact
     * arithmetic, i.e. the outward-rounded {@code min_{r in row box} y'r - max_{x in column box} (A'y)'x} is > 0.
     */
    public static boolean rigorousFarkas(LpProblem problem, double[] y) {
        return rigorousFarkas(problem, problem.columnLowerCopy(), problem.columnUpperCopy(), y);
    }

    /** {@link #rigorousFarkas(LpProblem, double[])} with the column bounds replaced by {@code lower, upper}. */
    public static boolean rigorousFarkas(LpProblem problem, double[] lower, double[] upper, double[] y) {
        checkLength("Farkas multipliers", y, problem.numRows());
        checkLength("column lower bounds", lower, problem.numColumns());
        checkLength("column upper bounds", upper, problem.numColumns());
        return SafeDualBound.provesInfeasible(problem, lower, upper, y);
    }

    private static void checkLength(String what, double[] v, int expected) {
        if (v == null || v.length != expected) {
            throw new IllegalArgumentException(what + " has length " + (v == null ? "null" : v.length)
                    + ", expected " + expected);
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Running maximum of violations and the first message of one that exceeded the tolerance. */
    private static final class Tally {
        private final double tol;
        private double maxRelative;
        private double maxAbsolute;
        private String first = "";
        private boolean ok = true;

        Tally(double tol) {
            if (!(tol >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, got " + tol);
            this.tol = tol;
        }

        /** A signed difference {@code v} measured relative to the magnitude {@code reference}. */
        void measure(double v, double reference, java.util.function.Supplier<String> message) {
            double abs = Math.abs(v);
            double rel = abs / Math.max(1.0, Math.abs(reference));
            if (Double.isNaN(rel)) rel = Double.POSITIVE_INFINITY;
            measureRelative(rel, abs, message);
        }

        void measureRelative(double relative, double absolute, java.util.function.Supplier<String> message) {
            maxRelative = Math.max(maxRelative, relative);
            maxAbsolute = Math.max(maxAbsolute, absolute);
            if (relative > tol && ok) {
                ok = false;
                first = message.get() + fmt(" (relative violation %.3g > tol %.3g)", relative, tol);
            }
        }

        void fail(String message) {
            fail(message, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        void fail(String message, double relative, double absolute) {
            maxRelative = Math.max(maxRelative, relative);
            maxAbsolute = Math.max(maxAbsolute, absolute);
            if (ok) {
                ok = false;
                first = message;
            }
        }

        boolean ok() {
            return ok;
        }

        CheckReport report() {
            return new CheckReport(ok, maxRelative, maxAbsolute, first);
        }
    }
}
