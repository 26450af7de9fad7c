package org.nnmip.lp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A linear program: optimise {@code c'x + offset} subject to {@code rowLower <= Ax <= rowUpper} and
 * {@code columnLower <= x <= columnUpper}. Infinite bounds are IEEE infinities. Columns are added first
 * (or at any time); rows are added as sparse vectors over existing columns. The problem owns no solver state:
 * {@link LpSolver} copies what it needs.
 *
 * <p>Misuse (NaN data, a lower bound of +inf, a column index out of range, a duplicate index in one row) throws
 * {@link IllegalArgumentException} naming the column or row. {@code lower > upper} is allowed: it is infeasible.
 */
public final class LpProblem {
    private Sense sense = Sense.MINIMIZE;
    private double objectiveOffset;
    private String name = "lp";

    private int numColumns;
    private double[] objective = new double[16];
    private double[] columnLower = new double[16];
    private double[] columnUpper = new double[16];
    private final List<String> columnNames = new ArrayList<>();

    private final List<int[]> rowIndices = new ArrayList<>();
    private final List<double[]> rowValues = new ArrayList<>();
    private double[] rowLower = new double[16];
    private double[] rowUpper = new double[16];
    private final List<String> rowNames = new ArrayList<>();
    private long numNonzeros;

    public LpProblem() {
    }

    /** A deep copy. */
    public LpProblem copy() {
        LpProblem p = new LpProblem();
        p.sense = sense;
        p.objectiveOffset = objectiveOffset;
        p.name = name;
        p.numColumns = numColumns;
        p.objective = objective.clone();
        p.columnLower = columnLower.clone();
        p.columnUpper = columnUpper.clone();
        p.columnNames.addAll(columnNames);
        for (int i = 0; i < rowIndices.size(); i++) {
            p.rowIndices.add(rowIndices.get(i).clone());
            p.rowValues.add(rowValues.get(i).clone());
        }
        p.rowLower = rowLower.clone();
        p.rowUpper = rowUpper.clone();
        p.rowNames.addAll(rowNames);
        p.numNonzeros = numNonzeros;
        return p;
    }

    // ---- building -------------------------------------------------------------------------------------------

    /** Adds a column and returns its index. */
    public int addColumn(String columnName, double cost, double lower, double upper) {
        checkBounds("column " + columnName, lower, upper);
        checkFinite("objective coefficient of column " + columnName, cost);
        if (numColumns == objective.length) {
            int cap = Math.max(16, numColumns * 2);
            objective = Arrays.copyOf(objective, cap);
            columnLower = Arrays.copyOf(columnLower, cap);
            columnUpper = Arrays.copyOf(columnUpper, cap);
        }
        objective[numColumns] = cost;
        columnLower[numColumns] = lower;
        columnUpper[numColumns] = upper;
        columnNames.add(columnName == null ? "x" + numColumns : columnName);
        return numColumns++;
    }

    /**
     * Adds the row {@code lower <= sum_k values[k] x[indices[k]] <= upper} and returns its index. Zero values are
     * dropped. The arrays are copied.
     */
    public int addRow(String rowName, int[] indices, double[] values, double lower, double upper) {
        int i = rowIndices.size();
        String label = rowName == null ? "r" + i : rowName;
        if (indices.length != values.length) {
            throw new IllegalArgumentException("row " + label + ": " + indices.length + " indices but "
                    + values.length + " values");
        }
        checkBounds("row " + label, lower, upper);
        int nz = 0;
        for (double v : values) if (v != 0.0) nz++;
        int[] idx = new int[nz];
        double[] val = new double[nz];
        boolean[] seen = new boolean[0];
        int k = 0;
        for (int t = 0; t < indices.length; t++) {
            int j = indices[t];
            if (j < 0 || j >= numColumns) {
                throw new IllegalArgumentException("row " + label + ": column index " + j + " out of range [0,"
                        + numColumns + ")");
            }
            checkFinite("row " + label + " coefficient of column " + columnName(j), values[t]);
            if (values[t] == 0.0) continue;
            idx[k] = j;
            val[k] = values[t];
            k++;
        }
        if (nz > 1) {
            seen = new boolean[numColumns];
            for (int j : idx) {
                if (seen[j]) {
                    throw new IllegalArgumentException("row " + label + ": column " + columnName(j)
                            + " appears twice");
                }
                seen[j] = true;
            }
        }
        if (i == rowLower.length) {
            rowLower = Arrays.copyOf(rowLower, Math.max(16, 2 * i));
            rowUpper = Arrays.copyOf(rowUpper, Math.max(16, 2 * i));
        }
        rowIndices.add(idx);
        rowValues.add(val);
        rowLower[i] = lower;
        rowUpper[i] = upper;
        rowNames.add(label);
        numNonzeros += nz;
        return i;
    }

    public void setSense(Sense sense) {
        this.sense = sense;
    }

    public void setObjectiveOffset(double offset) {
        checkFinite("objective offset", offset);
        this.objectiveOffset = offset;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setObjective(int j, double cost) {
        checkColumn(j);
        checkFinite("objective coefficient of column " + columnName(j), cost);
        objective[j] = cost;
    }

    public void setColumnBounds(int j, double lower, double upper) {
        checkColumn(j);
        checkBounds("column " + columnName(j), lower, upper);
        columnLower[j] = lower;
        columnUpper[j] = upper;
    }

    public void setRowBounds(int i, double lower, double upper) {
        checkRow(i);
        checkBounds("row " + rowName(i), lower, upper);
        rowLower[i] = lower;
        rowUpper[i] = upper;
    }

    // ---- reading --------------------------------------------------------------------------------------------

    public String name() {
        return name;
    }

    public Sense sense() {
        return sense;
    }

    public double objectiveOffset() {
        return objectiveOffset;
    }

    public int numColumns() {
        return numColumns;
    }

    public int numRows() {
        return rowIndices.size();
    }

    public long numNonzeros() {
        return numNonzeros;
    }

    public double objective(int j) {
        checkColumn(j);
        return objective[j];
    }

    public double columnLower(int j) {
        checkColumn(j);
        return columnLower[j];
    }

    public double columnUpper(int j) {
        checkColumn(j);
        return columnUpper[j];
    }

    public String columnName(int j) {
        return columnNames.get(j);
    }

    public double rowLower(int i) {
        checkRow(i);
        return rowLower[i];
    }

    public double rowUpper(int i) {
        checkRow(i);
        return rowUpper[i];
    }

    public String rowName(int i) {
        return rowNames.get(i);
    }

    /** The column indices of row i (a copy is not made: do not modify). */
    public int[] rowIndices(int i) {
        return rowIndices.get(i);
    }

    /** The values of row i (a copy is not made: do not modify). */
    public double[] rowValues(int i) {
        return rowValues.get(i);
    }

    public double[] objectiveCopy() {
        return Arrays.copyOf(objective, numColumns);
    }

    public double[] columnLowerCopy() {
        return Arrays.copyOf(columnLower, numColumns);
    }

    public double[] columnUpperCopy() {
        return Arrays.copyOf(columnUpper, numColumns);
    }

    public double[] rowLowerCopy() {
        return Arrays.copyOf(rowLower, numRows());
    }

    public double[] rowUpperCopy() {
        return Arrays.copyOf(rowUpper, numRows());
    }

    /** The constraint matrix in compressed sparse column form. */
    public SparseMatrix columnMatrix() {
        return SparseMatrix.fromRows(numRows(), numColumns, rowIndices, rowValues);
    }

    /** The objective value {@code c'x + offset} of a point. */
    public double objectiveValue(double[] x) {
        double s = objectiveOffset;
        for (int j = 0; j < numColumns; j++) s += objective[j] * x[j];
        return s;
    }

    /** Row activities {@code Ax} of a point. */
    public double[] rowActivities(double[] x) {
        double[] ax = new double[numRows()];
        for (int i = 0; i < ax.length; i++) {
            int[] idx = rowIndices.get(i);
            double[] val = rowValues.get(i);
            double s = 0;
            for (int k = 0; k < idx.length; k++) s += val[k] * x[idx[k]];
            ax[i] = s;
        }
        return ax;
    }

    // ---- validation -----------------------------------------------------------------------------------------

    private void checkColumn(int j) {
        if (j < 0 || j >= numColumns) {
            throw new IllegalArgumentException("column index " + j + " out of range [0," + numColumns + ")");
        }
    }

    private void checkRow(int i) {
        if (i < 0 || i >= numRows()) {
            throw new IllegalArgumentException("row index " + i + " out of range [0," + numRows() + ")");
        }
    }

    private static void checkFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
    }

    private static void checkBounds(String what, double lower, double upper) {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException(what + ": bound is NaN");
        }
        if (lower == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(what + ": lower bound is +infinity");
        }
        if (upper == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException(what + ": upper bound is -infinity");
        }
    }
}
