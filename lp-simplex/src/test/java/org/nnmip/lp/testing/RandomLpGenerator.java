package org.nnmip.lp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;

/**
 * Seeded random LPs with a known answer class, for tests of the LP code and its checkers.
 *
 * <p>Every instance mixes column kinds (boxed, lower only, upper only, free, fixed) and row kinds (<=, >=, =,
 * ranged, free), dense or sparse rows, integer-valued or real coefficients, both senses. The families:
 * <ul>
 *   <li>{@link #feasibleBounded}: a point x0 inside the column box defines the row bounds around Ax0, and the
 *       objective is built as {@code c = A'y0 + d0} from a dual-feasible (y0, d0) whose signs match finite bounds
 *       only, so the LP is primal and dual feasible and has a finite optimum.</li>
 *   <li>{@link #infeasible}: a feasible instance plus contradictory rows (a'x >= L and a'x <= U with U < L, or a
 *       row that needs more than the column box allows); the Farkas multipliers are known.</li>
 *   <li>{@link #unbounded}: a feasible instance plus a column that can grow without bound, improves the objective
 *       and only enters rows with an infinite upper side with positive coefficients; the ray is known.</li>
 * </ul>
 */
public final class RandomLpGenerator {
    private final SplittableRandom rnd;
    private final int maxRows;
    private final int maxColumns;

    /** An instance with what is known about it by construction. */
    public record Instance(LpProblem problem, String family, double[] feasiblePoint,
                           Optional<double[]> farkasRay, Optional<double[]> primalRay) {
    }

    public RandomLpGenerator(long seed) {
        this(seed, 30, 40);
    }

    public RandomLpGenerator(long seed, int maxRows, int maxColumns) {
        this.rnd = new SplittableRandom(seed);
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
    }

    /** Primal feasible with a finite optimum. */
    public Instance feasibleBounded() {
        int m = rnd.nextInt(0, maxRows + 1);
        int n = rnd.nextInt(1, maxColumns + 1);
        Builder b = new Builder(m, n);
        return new Instance(b.problem, "feasible", b.x0, Optional.empty(), Optional.empty());
    }

    /** Primal infeasible through contradictory rows; the Farkas multipliers are returned. */
    public Instance infeasible() {
        int m = rnd.nextInt(0, maxRows - 1);
        int n = rnd.nextInt(1, maxColumns + 1);
        Builder b = new Builder(m, n);
        LpProblem p = b.problem;
        double[] y;
        if (rnd.nextBoolean()) {
            // a'x >= L and a'x <= U < L: multipliers +1 and -1 cancel A'y, leaving L - U > 0.
            int[] idx = b.randomSupport();
            double[] val = b.randomValues(idx.length);
            double level = b.round(rnd.nextDouble(-20, 20));
            double gap = rnd.nextInt(4) == 0 ? 1e-3 : 1 + b.round(rnd.nextDouble(0, 4));
            int up = p.addRow("contra_le", idx, val, Double.NEGATIVE_INFINITY, level);
            int lo = p.addRow("contra_ge", idx, val, level + gap, rnd.nextBoolean() ? Double.POSITIVE_INFINITY
                    : level + gap + 3);
            y = new double[p.numRows()];
            y[up] = -1;
            y[lo] = 1;
        } else {
            // sum_j x_j >= (sum of the finite upper bounds) + 1 over columns that are all bounded above.
            List<Integer> cols = new ArrayList<>();
            double cap = 0;
            for (int j = 0; j < n; j++) {
                if (Double.isFinite(p.columnUpper(j)) && rnd.nextInt(3) > 0) {
                    cols.add(j);
                    cap += p.columnUpper(j);
                }
            }
            int[] idx = cols.stream().mapToInt(Integer::intValue).toArray();
            double[] val = new double[idx.length];
            java.util.Arrays.fill(val, 1.0);
            int r = p.addRow("over_capacity", idx, val, cap + 1, Double.POSITIVE_INFINITY);
            y = new double[p.numRows()];
            y[r] = 1;
        }
        return new Instance(p, "infeasible", null, Optional.of(y), Optional.empty());
    }

    /** Primal feasible and unbounded along a known ray. */
    public Instance unbounded() {
        int m = rnd.nextInt(0, maxRows + 1);
        int n = rnd.nextInt(1, maxColumns);
        Builder b = new Builder(m, n);
        LpProblem p = b.problem;
        // The ray column: its cost improves in the optimisation direction, it enters only rows whose upper side
        // is infinite, with positive coefficients, so x0 plus t e_k stays feasible for all t >= 0.
        double cost = -p.sense().sign() * (1 + b.round(rnd.nextDouble(0, 2)));
        double lower = rnd.nextBoolean() ? 0.0 : Double.NEGATIVE_INFINITY;
        int k = p.addColumn("ray", cost, lower, Double.POSITIVE_INFINITY);
        // LpProblem rows are immutable once added, so rebuild with the ray column placed into suitable rows.
        LpProblem q = new LpProblem();
        q.setSense(p.sense());
        q.setObjectiveOffset(p.objectiveOffset());
        for (int j = 0; j < p.numColumns(); j++) {
            q.addColumn(p.columnName(j), p.objective(j), p.columnLower(j), p.columnUpper(j));
        }
        for (int i = 0; i < p.numRows(); i++) {
            int[] idx = p.rowIndices(i);
            double[] val = p.rowValues(i);
            if (p.rowUpper(i) == Double.POSITIVE_INFINITY && rnd.nextBoolean()) {
                idx = java.util.Arrays.copyOf(idx, idx.length + 1);
                val = java.util.Arrays.copyOf(val, val.length + 1);
                idx[idx.length - 1] = k;
                val[val.length - 1] = b.round(rnd.nextDouble(0.1, 4));
            }
            q.addRow(p.rowName(i), idx, val, p.rowLower(i), p.rowUpper(i));
        }
        double[] x0 = java.util.Arrays.copyOf(b.x0, k + 1); // the ray column sits at 0 (within its bounds)
        double[] ray = new double[k + 1];
        ray[k] = 1;
        return new Instance(q, "unbounded", x0, Optional.empty(), Optional.of(ray));
    }

    /** Builds the feasible, bounded core instance. */
    private final class Builder {
        final LpProblem problem = new LpProblem();
        final double[] x0;
        final boolean integral = rnd.nextBoolean();
        final double density;
        final int n;

        Builder(int m, int n) {
            this.n = n;
            this.density = rnd.nextBoolean() ? 1.0 : rnd.nextDouble(0.05, 0.4);
            problem.setSense(rnd.nextBoolean() ? Sense.MINIMIZE : Sense.MAXIMIZE);
            if (rnd.nextInt(4) == 0) problem.setObjectiveOffset(round(rnd.nextDouble(-10, 10)));
            x0 = new double[n];
            double[] lo = new double[n];
            double[] up = new double[n];
            for (int j = 0; j < n; j++) {
                double a = round(rnd.nextDouble(-10, 10));
                double w = round(rnd.nextDouble(0, 10));
                switch (rnd.nextInt(6)) {
                    case 0 -> { lo[j] = a; up[j] = a + w; }
                    case 1 -> { lo[j] = a; up[j] = Double.POSITIVE_INFINITY; }
                    case 2 -> { lo[j] = Double.NEGATIVE_INFINITY; up[j] = a; }
                    case 3 -> { lo[j] = Double.NEGATIVE_INFINITY; up[j] = Double.POSITIVE_INFINITY; }
                    case 4 -> { lo[j] = a; up[j] = a; }
                    default -> { lo[j] = 0; up[j] = Double.isFinite(a) && rnd.nextBoolean() ? w : 1; }
                }
                x0[j] = pointIn(lo[j], up[j]);
            }
            int[][] rowIdx = new int[m][];
            double[][] rowVal = new double[m][];
            double[] rowLo = new double[m];
            double[] rowUp = new double[m];
            double[] y0 = new double[m];
            for (int i = 0; i < m; i++) {
                rowIdx[i] = randomSupport();
                rowVal[i] = randomValues(rowIdx[i].length);
                double ax = 0;
                for (int k = 0; k < rowIdx[i].length; k++) ax += rowVal[i][k] * x0[rowIdx[i][k]];
                double slackLo = rnd.nextInt(3) == 0 ? 0 : round(rnd.nextDouble(0, 5));
                double slackUp = rnd.nextInt(3) == 0 ? 0 : round(rnd.nextDouble(0, 5));
                // Round the activity outward so integral data keeps integral bounds without cutting off x0.
                double lower = Math.floor(ax) - slackLo;
                double upper = Math.ceil(ax) + slackUp;
                switch (rnd.nextInt(5)) {
                    case 0 -> { rowLo[i] = Double.NEGATIVE_INFINITY; rowUp[i] = upper; }
                    case 1 -> { rowLo[i] = lower; rowUp[i] = Double.POSITIVE_INFINITY; }
                    case 2 -> { rowLo[i] = lower; rowUp[i] = upper; }
                    case 3 -> { rowLo[i] = ax; rowUp[i] = ax; } // equality through x0
                    default -> {
                        if (rnd.nextInt(4) == 0) { rowLo[i] = Double.NEGATIVE_INFINITY; rowUp[i] = Double.POSITIVE_INFINITY; }
                        else { rowLo[i] = lower; rowUp[i] = upper; }
                    }
                }
                y0[i] = dualFor(rowLo[i], rowUp[i]);
            }
            // c = A'y0 + d0 with dual-feasible signs (minimisation form) guarantees a finite optimum.
            double s = problem.sense().sign();
            double[] c = new double[n];
            for (int j = 0; j < n; j++) c[j] = s * dualFor(lo[j], up[j]);
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < rowIdx[i].length; k++) c[rowIdx[i][k]] += s * y0[i] * rowVal[i][k];
            }
            for (int j = 0; j < n; j++) problem.addColumn("x" + j, c[j], lo[j], up[j]);
            for (int i = 0; i < m; i++) problem.addRow("r" + i, rowIdx[i], rowVal[i], rowLo[i], rowUp[i]);
        }

        /** A dual value of the sign a minimisation allows for a variable with these bounds. */
        private double dualFor(double lo, double up) {
            if (rnd.nextInt(3) == 0) return 0;
            boolean lowerOk = Double.isFinite(lo);
            boolean upperOk = Double.isFinite(up);
            double mag = round(rnd.nextDouble(0.1, 5));
            if (lowerOk && upperOk) return rnd.nextBoolean() ? mag : -mag;
            if (lowerOk) return mag;
            if (upperOk) return -mag;
            return 0;
        }

        private double pointIn(double lo, double up) {
            if (Double.isFinite(lo) && Double.isFinite(up)) {
                return switch (rnd.nextInt(3)) {
                    case 0 -> lo;
                    case 1 -> up;
                    default -> round(lo + rnd.nextDouble() * (up - lo));
                };
            }
            if (Double.isFinite(lo)) return lo + round(rnd.nextDouble(0, 5));
            if (Double.isFinite(up)) return up - round(rnd.nextDouble(0, 5));
            return round(rnd.nextDouble(-5, 5));
        }

        int[] randomSupport() {
            List<Integer> cols = new ArrayList<>();
            for (int j = 0; j < n; j++) if (rnd.nextDouble() < density) cols.add(j);
            if (cols.isEmpty()) cols.add(rnd.nextInt(n));
            return cols.stream().mapToInt(Integer::intValue).toArray();
        }

        double[] randomValues(int k) {
            double[] v = new double[k];
            for (int t = 0; t < k; t++) {
                double a = integral ? rnd.nextInt(1, 10) : rnd.nextDouble(0.01, 10);
                v[t] = rnd.nextBoolean() ? a : -a;
            }
            return v;
        }

        double round(double v) {
            return integral ? Math.rint(v) : v;
        }
    }
}
