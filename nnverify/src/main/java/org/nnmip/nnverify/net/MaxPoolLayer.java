package org.nnmip.nnverify.net;

import java.util.Arrays;

/** Output {@code i} is the maximum of the inputs listed in {@code groups[i]} (max-pooling windows flattened). */
public final class MaxPoolLayer implements Layer {
    private final int inputSize;
    private final int[][] groups;

    public MaxPoolLayer(int inputSize, int[][] groups) {
        if (inputSize <= 0) throw new IllegalArgumentException("maxpool layer: input size must be positive");
        if (groups == null || groups.length == 0) throw new IllegalArgumentException("maxpool layer: no groups");
        this.inputSize = inputSize;
        this.groups = new int[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            if (groups[g] == null || groups[g].length == 0) throw new IllegalArgumentException("maxpool layer: group " + g + " is empty");
            for (int j : groups[g]) {
                if (j < 0 || j >= inputSize) {
                    throw new IllegalArgumentException("maxpool layer: group " + g + " index " + j + " outside [0," + inputSize + ")");
                }
            }
            this.groups[g] = groups[g].clone();
        }
    }

    public int groupCount() { return groups.length; }
    /** Input indices of group {@code g} (a copy). */
    public int[] group(int g) { return groups[g].clone(); }

    public double[] apply(double[] x) {
        double[] y = new double[groups.length];
        for (int g = 0; g < groups.length; g++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j : groups[g]) m = Math.max(m, x[j]);
            y[g] = m;
        }
        return y;
    }

    @Override public int inputSize() { return inputSize; }
    @Override public int outputSize() { return groups.length; }
    @Override public String describe() { return "maxpool " + groups.length + " of " + inputSize; }
    @Override public boolean equals(Object o) {
        return o instanceof MaxPoolLayer m && m.inputSize == inputSize && Arrays.deepEquals(m.groups, groups);
    }
    @Override public int hashCode() { return Arrays.deepHashCode(groups); }
    @Override public String toString() { return describe(); }
}
