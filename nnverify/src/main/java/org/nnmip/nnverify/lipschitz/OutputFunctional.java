package org.nnmip.nnverify.lipschitz;

import java.util.Arrays;

/** The scalar output {@code c'f(x)} whose Lipschitz constant is computed: one output, given weights, or a logit difference. */
public record OutputFunctional(double[] weights) {
    public OutputFunctional {
        if (weights == null || weights.length == 0) throw new IllegalArgumentException("output weights: none given");
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) throw new IllegalArgumentException("output weights: weight " + i + " is " + weights[i]);
        }
        weights = weights.clone();
    }

    /** {@code f_j}. */
    public static OutputFunctional index(int j, int outputSize) {
        if (j < 0 || j >= outputSize) throw new IllegalArgumentException("output index " + j + " outside [0," + outputSize + ")");
        double[] c = new double[outputSize];
        c[j] = 1;
        return new OutputFunctional(c);
    }

    /** {@code f_i - f_j}, the margin whose Lipschitz constant certifies robustness (Jordan & Dimakis 2020, Lemma 9). */
    public static OutputFunctional logitDifference(int i, int j, int outputSize) {
        if (i < 0 || i >= outputSize) throw new IllegalArgumentException("logit difference: index " + i + " outside [0," + outputSize + ")");
        if (j < 0 || j >= outputSize) throw new IllegalArgumentException("logit difference: index " + j + " outside [0," + outputSize + ")");
        if (i == j) throw new IllegalArgumentException("logit difference: indices must differ, got " + i + " twice");
        double[] c = new double[outputSize];
        c[i] = 1;
        c[j] = -1;
        return new OutputFunctional(c);
    }

    @Override public double[] weights() { return weights.clone(); }
    public int size() { return weights.length; }
    public double weight(int i) { return weights[i]; }

    public double apply(double[] output) {
        if (output.length != weights.length) throw new IllegalArgumentException("output functional: " + weights.length + " weights for " + output.length + " outputs");
        double s = 0;
        for (int i = 0; i < output.length; i++) s += weights[i] * output[i];
        return s;
    }

    @Override public boolean equals(Object o) { return o instanceof OutputFunctional f && Arrays.equals(f.weights, weights); }
    @Override public int hashCode() { return Arrays.hashCode(weights); }
    @Override public String toString() { return "c=" + Arrays.toString(weights); }
}
