package org.nnmip.mip;

import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;

/**
 * Engine-internal, read-only form of an instance shared by all workers: the relaxation turned into minimisation,
 * row-wise and column-wise copies of the matrix, and the integrality data. Objective values inside the search are
 * always in this minimisation form; {@link #sign} maps them back.
 */
final class MipData {
    final MipInstance instance;
    final LpProblem minProblem;
    final double sign;
    final int n;
    final int m;
    final boolean[] integer;
    final int[] priority;
    final double[] cost;
    final double[] lower;
    final double[] upper;
    final double[] rowLower;
    final double[] rowUpper;
    final int[][] rowIndex;
    final double[][] rowValue;
    /** Column-wise: rows of column j and coefficients. */
    final int[][] colRows;
    final double[][] colValues;
    /** Rows that block decreasing / increasing column j (rounding locks, Achterberg 2007 §3.3). */
    final int[] downLocks;
    final int[] upLocks;
    /** True when every feasible objective value is an integer plus the offset (all costs on integers, integral). */
    final boolean integralObjective;
    final long nonzeros;

    MipData(MipInstance instance) {
        this.instance = instance;
        LpProblem p = instance.relaxationView().copy();
        this.sign = p.sense().sign();
        if (p.sense() == Sense.MAXIMIZE) {
            for (int j = 0; j < p.numColumns(); j++) p.setObjective(j, -p.objective(j));
            p.setObjectiveOffset(-p.objectiveOffset());
            p.setSense(Sense.MINIMIZE);
        }
        this.minProblem = p;
        this.n = p.numColumns();
        this.m = p.numRows();
        this.integer = instance.integerCopy();
        this.priority = new int[n];
        for (int j = 0; j < n; j++) priority[j] = instance.branchPriority(j);
        this.cost = p.objectiveCopy();
        this.lower = p.columnLowerCopy();
        this.upper = p.columnUpperCopy();
        // Integer columns get integral bounds up front.
        for (int j = 0; j < n; j++) {
            if (integer[j]) {
                lower[j] = Math.ceil(lower[j] - 1e-9);
                upper[j] = Math.floor(upper[j] + 1e-9);
            }
        }
        this.rowLower = p.rowLowerCopy();
        this.rowUpper = p.rowUpperCopy();
        this.rowIndex = new int[m][];
        this.rowValue = new double[m][];
        int[] count = new int[n];
        for (int i = 0; i < m; i++) {
            rowIndex[i] = p.rowIndices(i).clone();
            rowValue[i] = p.rowValues(i).clone();
            for (int j : rowIndex[i]) count[j]++;
        }
        colRows = new int[n][];
        colValues = new double[n][];
        for (int j = 0; j < n; j++) {
            colRows[j] = new int[count[j]];
            colValues[j] = new double[count[j]];
        }
        int[] fill = new int[n];
        downLocks = new int[n];
        upLocks = new int[n];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < rowIndex[i].length; k++) {
                int j = rowIndex[i][k];
                double a = rowValue[i][k];
                colRows[j][fill[j]] = i;
                colValues[j][fill[j]++] = a;
                boolean hasUp = rowUpper[i] < Double.POSITIVE_INFINITY;
                boolean hasLo = rowLower[i] > Double.NEGATIVE_INFINITY;
                if ((a > 0 && hasUp) || (a < 0 && hasLo)) upLocks[j]++;
                if ((a > 0 && hasLo) || (a < 0 && hasUp)) downLocks[j]++;
            }
        }
        boolean integral = true;
        for (int j = 0; j < n && integral; j++) {
            if (cost[j] == 0) continue;
            if (!integer[j] || cost[j] != Math.rint(cost[j])) integral = false;
        }
        this.integralObjective = integral;
        long nz = 0;
        for (int[] r : rowIndex) nz += r.length;
        this.nonzeros = nz;
    }

    /** Objective c'x + offset in minimisation form. */
    double objective(double[] x) {
        return minProblem.objectiveValue(x);
    }

    /**
     * Checks a point against the instance: column bounds, rows (violation <= tol * max(1,|rhs|)) and
     * integrality. Returns null when feasible, else the first violated item.
     */
    String violation(double[] x, double feasTol, double intTol) {
        if (x.length != n) return "point has " + x.length + " entries for " + n + " columns";
        for (int j = 0; j < n; j++) {
            double v = x[j];
            if (!Double.isFinite(v)) return "column " + minProblem.columnName(j) + " is " + v;
            double lo = minProblem.columnLower(j);
            double up = minProblem.columnUpper(j);
            if (v < lo - feasTol * Math.max(1, Math.abs(lo)) || v > up + feasTol * Math.max(1, Math.abs(up))) {
                return "column " + minProblem.columnName(j) + " = " + v + " outside [" + lo + ", " + up + "]";
            }
            if (integer[j] && Math.abs(v - Math.rint(v)) > intTol) {
                return "column " + minProblem.columnName(j) + " = " + v + " not integral";
            }
        }
        for (int i = 0; i < m; i++) {
            double a = 0;
            int[] idx = rowIndex[i];
            double[] val = rowValue[i];
            for (int k = 0; k < idx.length; k++) a += val[k] * x[idx[k]];
            if (a < rowLower[i] - feasTol * Math.max(1, Math.abs(rowLower[i]))
                    || a > rowUpper[i] + feasTol * Math.max(1, Math.abs(rowUpper[i]))) {
                return "row " + minProblem.rowName(i) + " activity " + a + " outside [" + rowLower[i] + ", "
                        + rowUpper[i] + "]";
            }
        }
        return null;
    }

    /** Rounds integer columns to the nearest integer (a copy). */
    double[] roundIntegers(double[] x) {
        double[] r = x.clone();
        for (int j = 0; j < n; j++) if (integer[j]) r[j] = Math.rint(r[j]);
        return r;
    }
}
