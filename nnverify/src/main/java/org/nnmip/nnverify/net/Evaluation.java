package org.nnmip.nnverify.net;

/**
 * Every intermediate value of one forward pass. {@code layerOutput(k)} is what layer {@code k} produced; the
 * pre-activation of a ReLU layer {@code k} is {@code layerInput(k)} and its post-activation {@code layerOutput(k)}.
 */
public final class Evaluation {
    private final double[] input;
    private final double[][] outputs;

    Evaluation(double[] input, double[][] outputs) {
        this.input = input;
        this.outputs = outputs;
    }

    public double[] input() { return input.clone(); }
    public int layerCount() { return outputs.length; }
    /** Output of layer {@code k}; {@code k = -1} gives the network input. */
    public double[] layerOutput(int k) { return k < 0 ? input.clone() : outputs[k].clone(); }
    /** Input of layer {@code k} (the previous layer's output). */
    public double[] layerInput(int k) { return layerOutput(k - 1); }
    /** Pre-activation of ReLU layer {@code k} (its input). */
    public double[] preActivation(int k) { return layerInput(k); }
    /** Post-activation of ReLU layer {@code k} (its output). */
    public double[] postActivation(int k) { return layerOutput(k); }
    public double[] output() { return outputs[outputs.length - 1].clone(); }
    /** Index of the largest output (the predicted class). */
    public int argmax() {
        return argmax(outputs[outputs.length - 1]);
    }

    /** Index of the largest entry, the first on ties (the predicted class of an output vector). */
    public static int argmax(double[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) if (y[i] > y[best]) best = i;
        return best;
    }
}
