package org.nnmip.lp;

import java.util.List;

/**
 * An immutable sparse matrix in compressed sparse column (CSC) form, with the row-wise (CSR) copy built on
 * demand. Column j holds entries {@code start[j] .. start[j+1]-1} of {@code index}/{@code value}.
 */
public final class SparseMatrix {
    private final int numRows;
    private final int numColumns;
    private final int[] start;
    private final int[] index;
    private final double[] value;

    public SparseMatrix(int numRows, int numColumns, int[] start, int[] index, double[] value) {
        if (start.length != numColumns + 1) {
            throw new IllegalArgumentException("start must have numColumns+1 entries");
        }
        this.numRows = numRows;
        this.numColumns = numColumns;
        this.start = start;
        this.index = index;
        this.value = value;
    }

    /** Builds the CSC form of a matrix given row by row. */
    public static SparseMatrix fromRows(int numRows, int numColumns, List<int[]> rowIndices,
                                        List<double[]> rowValues) {
        int[] count = new int[numColumns + 1];
        for (int[] idx : rowIndices) for (int j : idx) count[j + 1]++;
        for (int j = 0; j < numColumns; j++) count[j + 1] += count[j];
        int nnz = count[numColumns];
        int[] start = count.clone();
        int[] fill = count;
        int[] index = new int[nnz];
        double[] value = new double[nnz];
        for (int i = 0; i < numRows; i++) {
            int[] idx = rowIndices.get(i);
            double[] val = rowValues.get(i);
            for (int k = 0; k < idx.length; k++) {
                int p = fill[idx[k]]++;
                index[p] = i;
                value[p] = val[k];
            }
        }
        return new SparseMatrix(numRows, numColumns, start, index, value);
    }

    public int numRows() {
        return numRows;
    }

    public int numColumns() {
        return numColumns;
    }

    public int numNonzeros() {
        return start[numColumns];
    }

    /** Column starts, length numColumns+1 (shared, do not modify). */
    public int[] start() {
        return start;
    }

    /** Row indices of the entries (shared, do not modify). */
    public int[] index() {
        return index;
    }

    /** Values of the entries (shared, do not modify). */
    public double[] value() {
        return value;
    }

    /** The transpose, i.e. the same matrix in compressed sparse row form read as CSC. */
    public SparseMatrix transpose() {
        int[] count = new int[numRows + 1];
        int nnz = numNonzeros();
        for (int p = 0; p < nnz; p++) count[index[p] + 1]++;
        for (int i = 0; i < numRows; i++) count[i + 1] += count[i];
        int[] tStart = count.clone();
        int[] fill = count;
        int[] tIndex = new int[nnz];
        double[] tValue = new double[nnz];
        for (int j = 0; j < numColumns; j++) {
            for (int p = start[j]; p < start[j + 1]; p++) {
                int q = fill[index[p]]++;
                tIndex[q] = j;
                tValue[q] = value[p];
            }
        }
        return new SparseMatrix(numColumns, numRows, tStart, tIndex, tValue);
    }

    /** y += A x (dense). */
    public void multiplyAdd(double[] x, double[] y) {
        for (int j = 0; j < numColumns; j++) {
            double xj = x[j];
            if (xj == 0.0) continue;
            for (int p = start[j]; p < start[j + 1]; p++) y[index[p]] += value[p] * xj;
        }
    }

    /** y_j += A_j' x for every column j (dense). */
    public void transposeMultiplyAdd(double[] x, double[] y) {
        for (int j = 0; j < numColumns; j++) {
            double s = 0;
            for (int p = start[j]; p < start[j + 1]; p++) s += value[p] * x[index[p]];
            y[j] += s;
        }
    }
}
