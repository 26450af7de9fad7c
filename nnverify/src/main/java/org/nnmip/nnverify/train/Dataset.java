package org.nnmip.nnverify.train;

import java.util.Arrays;
import java.util.Random;
import org.nnmip.nnverify.net.Evaluation;

/**
 * Training data: one input row and one target row per sample. Classification data stores one-hot targets
 * ({@link #classification}); {@link #label(int)} reads the class back.
 */
public record Dataset(double[][] inputs, double[][] targets) {
    public Dataset {
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(inputs.length + " input rows but " + targets.length + " target rows");
        }
        if (inputs.length == 0) throw new IllegalArgumentException("a dataset needs at least one sample");
        inputs = copy(inputs, "input");
        targets = copy(targets, "target");
    }

    /** One-hot targets for labels in {@code 0..classes-1}. */
    public static Dataset classification(double[][] inputs, int[] labels, int classes) {
        if (labels.length != inputs.length) {
            throw new IllegalArgumentException(inputs.length + " input rows but " + labels.length + " labels");
        }
        double[][] t = new double[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("sample " + i + ": label " + labels[i] + " outside 0.." + (classes - 1));
            }
            t[i][labels[i]] = 1;
        }
        return new Dataset(inputs, t);
    }

    public int size() { return inputs.length; }
    public int inputSize() { return inputs[0].length; }
    public int targetSize() { return targets[0].length; }
    public double[] input(int i) { return inputs[i].clone(); }
    public double[] target(int i) { return targets[i].clone(); }

    @Override public double[][] inputs() { return copy(inputs, "input"); }
    @Override public double[][] targets() { return copy(targets, "target"); }

    /** Sample i's input row itself, no copy (the trainer's inner loop). */
    double[] inputRow(int i) { return inputs[i]; }

    double[] targetRow(int i) { return targets[i]; }

    /** The class of sample i: the index of its largest target entry. */
    public int label(int i) {
        return Evaluation.argmax(targets[i]);
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset slice(int from, int to) {
        return new Dataset(Arrays.copyOfRange(inputs, from, to), Arrays.copyOfRange(targets, from, to));
    }

    /** The same samples in a seeded random order. */
    public Dataset shuffled(long seed) {
        int[] order = permutation(size(), new Random(seed));
        double[][] x = new double[size()][];
        double[][] t = new double[size()][];
        for (int i = 0; i < order.length; i++) {
            x[i] = inputs[order[i]];
            t[i] = targets[order[i]];
        }
        return new Dataset(x, t);
    }


    /** Fisher–Yates permutation of 0..n-1. */
    static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static double[][] copy(double[][] rows, String what) {
        double[][] c = new double[rows.length][];
        int width = rows[0].length;
        if (width == 0) throw new IllegalArgumentException("empty " + what + " rows");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("sample " + i + ": " + rows[i].length + " " + what + " values, expected " + width);
            }
            for (double v : rows[i]) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException("sample " + i + ": non-finite " + what + " value " + v);
            }
            c[i] = rows[i].clone();
        }
        return c;
    }
}
