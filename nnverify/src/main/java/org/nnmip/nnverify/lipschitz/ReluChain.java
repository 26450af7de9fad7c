package org.nnmip.nnverify.lipschitz;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.net.CompactNetwork;
import org.nnmip.nnverify.net.Network;

/**
 * A ReLU network as the chain {@code z_k = W_k a_{k-1} + b_k}, {@code a_k = relu(z_k)} (or the identity), with
 * dense weights: the form in which the forward pass, the backward (chain rule) pass and their encodings are written.
 * Built from {@link CompactNetwork}; max-pooling and residual layers are rejected.
 */
public final class ReluChain {
    private final int inputSize;
    private final double[][][] weights;
    private final double[][] bias;
    private final boolean[] relu;
    private final int[] preActivationLayer;

    private ReluChain(int inputSize, double[][][] weights, double[][] bias, boolean[] relu, int[] preActivationLayer) {
        this.inputSize = inputSize;
        this.weights = weights;
        this.bias = bias;
        this.relu = relu;
        this.preActivationLayer = preActivationLayer;
    }

    public static ReluChain of(Network net) {
        CompactNetwork compact = CompactNetwork.of(net);
        List<CompactNetwork.Stage> stages = compact.stages();
        int n = stages.size();
        double[][][] w = new double[n][][];
        double[][] b = new double[n][];
        boolean[] r = new boolean[n];
        int[] pre = new int[n];
        List<String> bad = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            CompactNetwork.Stage s = stages.get(k);
            if (s.activation() == CompactNetwork.Activation.MAXPOOL) bad.add("stage " + k + " (max-pool)");
            w[k] = s.affine().weights();
            b[k] = s.affine().bias();
            r[k] = s.activation() == CompactNetwork.Activation.RELU;
            pre[k] = s.preActivationLayer();
        }
        if (!bad.isEmpty()) throw new IllegalArgumentException("lipschitz: only affine and ReLU layers are supported, found " + bad);
        return new ReluChain(net.inputSize(), w, b, r, pre);
    }

    public int inputSize() { return inputSize; }
    public int stageCount() { return weights.length; }
    public int outputSize() { return bias[bias.length - 1].length; }
    public int width(int k) { return k < 0 ? inputSize : bias[k].length; }
    public double weight(int k, int row, int col) { return weights[k][row][col]; }
    public double[] weightRow(int k, int row) { return weights[k][row].clone(); }
    public double bias(int k, int row) { return bias[k][row]; }
    public boolean isRelu(int k) { return relu[k]; }
    /** The original network layer whose output is this stage's pre-activation (-1: the input). */
    public int preActivationLayer(int k) { return preActivationLayer[k]; }

    /** Pre-activations {@code z_k} of every stage at {@code x}. */
    public double[][] preActivations(double[] x) {
        if (x.length != inputSize) throw new IllegalArgumentException("lipschitz: point has " + x.length + " components, network input " + inputSize);
        double[][] z = new double[stageCount()][];
        double[] a = x;
        for (int k = 0; k < stageCount(); k++) {
            z[k] = affine(k, a);
            a = z[k].clone();
            if (relu[k]) for (int i = 0; i < a.length; i++) a[i] = Math.max(0, a[i]);
        }
        return z;
    }

    public double[] apply(double[] x) {
        double[][] z = preActivations(x);
        double[] out = z[stageCount() - 1].clone();
        if (relu[stageCount() - 1]) for (int i = 0; i < out.length; i++) out[i] = Math.max(0, out[i]);
        return out;
    }

    /**
     * The activation pattern at {@code x} with the convention relu'(0) = 0 (one element of the generalised
     * Jacobian); entries of identity stages are all true.
     */
    public boolean[][] pattern(double[] x) {
        double[][] z = preActivations(x);
        boolean[][] p = new boolean[z.length][];
        for (int k = 0; k < z.length; k++) {
            p[k] = new boolean[z[k].length];
            for (int i = 0; i < z[k].length; i++) p[k][i] = !relu[k] || z[k][i] > 0;
        }
        return p;
    }

    /** {@code c' J} for the activation pattern {@code pattern} (chain rule backwards: {@code g <- W^T diag(sigma) g}). */
    public double[] gradient(double[] c, boolean[][] pattern) {
        if (c.length != outputSize()) throw new IllegalArgumentException("lipschitz: " + c.length + " output weights for " + outputSize() + " outputs");
        double[] g = c.clone();
        for (int k = stageCount() - 1; k >= 0; k--) {
            double[] next = new double[width(k - 1)];
            for (int i = 0; i < g.length; i++) {
                if (relu[k] && !pattern[k][i]) continue;
                double gi = g[i];
                if (gi == 0) continue;
                double[] row = weights[k][i];
                for (int j = 0; j < row.length; j++) next[j] += row[j] * gi;
            }
            g = next;
        }
        return g;
    }

    /** The gradient of {@code c'f} at {@code x} (relu'(0) = 0). */
    public double[] gradient(double[] c, double[] x) {
        return gradient(c, pattern(x));
    }

    private double[] affine(int k, double[] a) {
        double[] z = bias[k].clone();
        for (int i = 0; i < z.length; i++) {
            double[] row = weights[k][i];
            double s = z[i];
            for (int j = 0; j < row.length; j++) s += row[j] * a[j];
            z[i] = s;
        }
        return z;
    }
}
