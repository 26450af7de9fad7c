package org.nnmip.nnverify.net;

import java.util.Arrays;

/**
 * {@code y = W x + b}. The weights are stored row-wise in compressed sparse row form (one row per output neuron),
 * which serves dense layers (every entry stored, zeros included, so they round-trip exactly), convolutions (a
 * sparse affine map with shared weights unrolled) and input normalisation (a diagonal map).
 */
public final class AffineLayer implements Layer {
    private final int inputSize;
    private final int[] rowStart;
    private final int[] column;
    private final double[] value;
    private final double[] bias;
    private final boolean dense;

    private AffineLayer(int inputSize, int[] rowStart, int[] column, double[] value, double[] bias, boolean dense) {
        this.inputSize = inputSize;
        this.rowStart = rowStart;
        this.column = column;
        this.value = value;
        this.bias = bias;
        this.dense = dense;
    }

    /** Dense layer from row-major weights (one row per output neuron, all rows of length inputSize). */
    public static AffineLayer dense(double[][] weights, double[] bias) {
        if (weights == null || bias == null) throw new IllegalArgumentException("dense layer: weights and bias must not be null");
        if (weights.length != bias.length) {
            throw new IllegalArgumentException("dense layer: " + weights.length + " weight rows but " + bias.length + " biases");
        }
        if (weights.length == 0) throw new IllegalArgumentException("dense layer: no output neurons");
        int n = weights[0].length;
        if (n == 0) throw new IllegalArgumentException("dense layer: no inputs");
        int m = weights.length;
        int[] rs = new int[m + 1];
        int[] col = new int[m * n];
        double[] val = new double[m * n];
        for (int i = 0; i < m; i++) {
            if (weights[i].length != n) {
                throw new IllegalArgumentException("dense layer: row " + i + " has " + weights[i].length + " weights, expected " + n);
            }
            rs[i] = i * n;
            for (int j = 0; j < n; j++) {
                col[i * n + j] = j;
                val[i * n + j] = checkFinite(weights[i][j], "weight", i);
            }
        }
        rs[m] = m * n;
        double[] b = bias.clone();
        for (int i = 0; i < m; i++) checkFinite(b[i], "bias", i);
        return new AffineLayer(n, rs, col, val, b, true);
    }

    /**
     * Sparse layer from CSR arrays: entries of row {@code i} are {@code column[k], value[k]} for
     * {@code rowStart[i] <= k < rowStart[i+1]}; columns within a row strictly increasing.
     */
    public static AffineLayer sparse(int inputSize, int[] rowStart, int[] column, double[] value, double[] bias) {
        if (inputSize <= 0) throw new IllegalArgumentException("sparse layer: input size must be positive, got " + inputSize);
        int m = bias.length;
        if (m == 0) throw new IllegalArgumentException("sparse layer: no output neurons");
        if (rowStart.length != m + 1 || rowStart[0] != 0 || rowStart[m] != column.length || column.length != value.length) {
            throw new IllegalArgumentException("sparse layer: inconsistent CSR arrays");
        }
        for (int i = 0; i < m; i++) {
            if (rowStart[i + 1] < rowStart[i]) throw new IllegalArgumentException("sparse layer: row starts decrease at row " + i);
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                if (column[k] < 0 || column[k] >= inputSize) {
                    throw new IllegalArgumentException("sparse layer: row " + i + " column " + column[k] + " outside [0," + inputSize + ")");
                }
                if (k > rowStart[i] && column[k] <= column[k - 1]) {
                    throw new IllegalArgumentException("sparse layer: row " + i + " columns not strictly increasing");
                }
                checkFinite(value[k], "weight", i);
            }
            checkFinite(bias[i], "bias", i);
        }
        return new AffineLayer(inputSize, rowStart.clone(), column.clone(), value.clone(), bias.clone(), false);
    }

    /** {@code y_i = scale_i * x_i + shift_i}: input normalisation ({@code (x - mean) / std}) as an affine layer. */
    public static AffineLayer diagonal(double[] scale, double[] shift) {
        if (scale.length != shift.length || scale.length == 0) {
            throw new IllegalArgumentException("diagonal layer: " + scale.length + " scales but " + shift.length + " shifts");
        }
        int n = scale.length;
        int[] rs = new int[n + 1];
        int[] col = new int[n];
        for (int i = 0; i < n; i++) {
            rs[i + 1] = i + 1;
            col[i] = i;
        }
        return sparse(n, rs, col, scale, shift);
    }

    /** Normalisation {@code (x - mean) / std} as a diagonal affine layer. */
    public static AffineLayer normalization(double[] mean, double[] std) {
        if (mean.length != std.length) throw new IllegalArgumentException("normalization: " + mean.length + " means but " + std.length + " stds");
        double[] scale = new double[std.length];
        double[] shift = new double[std.length];
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] != 0) || !Double.isFinite(std[i])) throw new IllegalArgumentException("normalization: std[" + i + "] = " + std[i]);
            scale[i] = 1.0 / std[i];
            shift[i] = -mean[i] / std[i];
        }
        return diagonal(scale, shift);
    }

    private static double checkFinite(double v, String what, int row) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("affine layer: " + what + " in row " + row + " is " + v);
        return v;
    }

    @Override public int inputSize() { return inputSize; }
    @Override public int outputSize() { return bias.length; }

    /** True when every row stores every column (built by {@link #dense}). */
    public boolean isDense() { return dense; }

    /** Number of stored weight entries. */
    public int nonZeros() { return value.length; }

    public int rowStart(int row) { return rowStart[row]; }
    public int rowEnd(int row) { return rowStart[row + 1]; }
    /** Column of the stored entry {@code k}. */
    public int column(int k) { return column[k]; }
    /** Value of the stored entry {@code k}. */
    public double value(int k) { return value[k]; }
    public double bias(int row) { return bias[row]; }
    public double[] bias() { return bias.clone(); }

    /** Dense copy of the weights, one row per output neuron. */
    public double[][] weights() {
        double[][] w = new double[outputSize()][inputSize];
        for (int i = 0; i < w.length; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) w[i][column[k]] = value[k];
        }
        return w;
    }

    /** {@code W x + b} in double precision. */
    public double[] apply(double[] x) {
        double[] y = new double[bias.length];
        for (int i = 0; i < y.length; i++) {
            double s = bias[i];
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) s += value[k] * x[column[k]];
            y[i] = s;
        }
        return y;
    }

    /** The composition {@code this ∘ first}: {@code x -> W (W1 x + b1) + b}. */
    public AffineLayer after(AffineLayer first) {
        if (first.outputSize() != inputSize) {
            throw new IllegalArgumentException("cannot compose " + describe() + " after " + first.describe());
        }
        int m = outputSize();
        int n = first.inputSize();
        double[] acc = new double[n];
        boolean[] used = new boolean[n];
        int[] touched = new int[n];
        int[] rs = new int[m + 1];
        int[] col = new int[Math.max(16, value.length)];
        double[] val = new double[col.length];
        double[] b = new double[m];
        int nnz = 0;
        for (int i = 0; i < m; i++) {
            int count = 0;
            double bi = bias[i];
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int t = column[k];
                double w = value[k];
                bi += w * first.bias[t];
                for (int q = first.rowStart[t]; q < first.rowStart[t + 1]; q++) {
                    int j = first.column[q];
                    if (!used[j]) { used[j] = true; touched[count++] = j; }
                    acc[j] += w * first.value[q];
                }
            }
            b[i] = bi;
            Arrays.sort(touched, 0, count);
            if (nnz + count > col.length) {
                int cap = Math.max(col.length * 2, nnz + count);
                col = Arrays.copyOf(col, cap);
                val = Arrays.copyOf(val, cap);
            }
            for (int c = 0; c < count; c++) {
                int j = touched[c];
                col[nnz] = j;
                val[nnz++] = acc[j];
                acc[j] = 0;
                used[j] = false;
            }
            rs[i + 1] = nnz;
        }
        boolean isDense = nnz == (long) m * n;
        return new AffineLayer(n, rs, Arrays.copyOf(col, nnz), Arrays.copyOf(val, nnz), b, isDense);
    }

    @Override
    public String describe() {
        return (dense ? "dense " : "sparse affine ") + outputSize() + "x" + inputSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AffineLayer a && a.inputSize == inputSize && a.dense == dense && Arrays.equals(a.rowStart, rowStart)
                && Arrays.equals(a.column, column) && Arrays.equals(a.value, value) && Arrays.equals(a.bias, bias);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + Arrays.hashCode(bias);
    }

    @Override public String toString() { return describe(); }
}
