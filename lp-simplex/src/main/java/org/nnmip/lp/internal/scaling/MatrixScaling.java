package org.nnmip.lp.internal.scaling;

import org.nnmip.lp.SparseMatrix;

/**
 * Row and column scale factors for {@code A~ = R A C}: a few geometric-mean passes followed by column
 * equilibration (Koberstein 2005, section 6.2.1; Maros 2003, section 9.7). Every factor is a power of two, so
 * scaling and unscaling are exact in floating point.
 */
public final class MatrixScaling {
    private static final int GEOMETRIC_PASSES = 4;
    /**
     * Entries below this magnitude take no part in choosing factors (HiGHS' small_matrix_value): a 1e-15 round-off
     * entry would otherwise pull its row's geometric mean far off and scale the row's real entries up by ~1e7,
     * which once produced a false infeasibility claim.
     */
    static final double NEGLIGIBLE_ENTRY = 1e-9;

    private final double[] rowScale;
    private final double[] columnScale;

    private MatrixScaling(double[] rowScale, double[] columnScale) {
        this.rowScale = rowScale;
        this.columnScale = columnScale;
    }

    /** All factors one. */
    public static MatrixScaling identity(int numRows, int numColumns) {
        double[] r = new double[numRows];
        double[] c = new double[numColumns];
        java.util.Arrays.fill(r, 1.0);
        java.util.Arrays.fill(c, 1.0);
        return new MatrixScaling(r, c);
    }

    public static MatrixScaling compute(SparseMatrix a) {
        int m = a.numRows();
        int n = a.numColumns();
        int[] start = a.start();
        int[] index = a.index();
        double[] value = a.value();
        double[] r = new double[m];
        double[] c = new double[n];
        java.util.Arrays.fill(r, 1.0);
        java.util.Arrays.fill(c, 1.0);
        double[] rowMin = new double[m];
        double[] rowMax = new double[m];
        for (int pass = 0; pass < GEOMETRIC_PASSES; pass++) {
            java.util.Arrays.fill(rowMin, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(rowMax, 0.0);
            for (int j = 0; j < n; j++) {
                for (int p = start[j]; p < start[j + 1]; p++) {
                    if (Math.abs(value[p]) < NEGLIGIBLE_ENTRY) continue;
                    double v = Math.abs(value[p]) * r[index[p]] * c[j];
                    int i = index[p];
                    rowMin[i] = Math.min(rowMin[i], v);
                    rowMax[i] = Math.max(rowMax[i], v);
                }
            }
            for (int i = 0; i < m; i++) {
                if (rowMax[i] > 0) r[i] /= Math.sqrt(rowMin[i] * rowMax[i]);
            }
            for (int j = 0; j < n; j++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = 0;
                for (int p = start[j]; p < start[j + 1]; p++) {
                    if (Math.abs(value[p]) < NEGLIGIBLE_ENTRY) continue;
                    double v = Math.abs(value[p]) * r[index[p]] * c[j];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                if (hi > 0) c[j] /= Math.sqrt(lo * hi);
            }
        }
        for (int i = 0; i < m; i++) r[i] = powerOfTwo(r[i]);
        // Equilibration: the largest entry of every column becomes (about) one.
        for (int j = 0; j < n; j++) {
            double hi = 0;
            for (int p = start[j]; p < start[j + 1]; p++) hi = Math.max(hi, Math.abs(value[p]) * r[index[p]]);
            c[j] = hi > 0 ? powerOfTwo(1.0 / hi) : 1.0;
        }
        return new MatrixScaling(r, c);
    }

    /** Scale factor for a row added later, with the column factors fixed: its largest entry becomes about one. */
    public double scaleForNewRow(int[] indices, double[] values) {
        double hi = 0;
        for (int k = 0; k < indices.length; k++) hi = Math.max(hi, Math.abs(values[k]) * columnScale[indices[k]]);
        return hi > 0 ? powerOfTwo(1.0 / hi) : 1.0;
    }

    static double powerOfTwo(double v) {
        if (!(v > 0) || !Double.isFinite(v)) return 1.0;
        int e = (int) Math.round(Math.log(v) / Math.log(2.0));
        e = Math.max(-60, Math.min(60, e));
        return Math.scalb(1.0, e);
    }

    public double[] rowScale() {
        return rowScale;
    }

    public double[] columnScale() {
        return columnScale;
    }
}
