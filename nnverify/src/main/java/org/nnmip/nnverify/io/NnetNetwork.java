package org.nnmip.nnverify.io;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;

/**
 * A network read from a {@code .nnet} file with its normalisation data. The {@link #rawNetwork()} takes
 * <em>normalised</em> inputs and gives <em>raw</em> outputs — the units of the VNN-COMP ONNX models and VNN-LIB
 * properties. {@link #normalizeInput} and {@link #denormalizeOutput} convert to and from physical units.
 *
 * @param means  input means then the output mean (length inputSize + 1)
 * @param ranges input ranges then the output range (length inputSize + 1)
 */
public record NnetNetwork(Network rawNetwork, double[] inputMins, double[] inputMaxes, double[] means, double[] ranges) {

    public NnetNetwork {
        int n = rawNetwork.inputSize();
        if (inputMins.length != n || inputMaxes.length != n || means.length != n + 1 || ranges.length != n + 1) {
            throw new IllegalArgumentException("nnet normalisation data does not match input size " + n);
        }
        inputMins = inputMins.clone();
        inputMaxes = inputMaxes.clone();
        means = means.clone();
        ranges = ranges.clone();
    }

    @Override public double[] inputMins() { return inputMins.clone(); }
    @Override public double[] inputMaxes() { return inputMaxes.clone(); }
    @Override public double[] means() { return means.clone(); }
    @Override public double[] ranges() { return ranges.clone(); }

    /** Clips a physical input to [min, max] and normalises it: {@code (clip(x) - mean) / range}. */
    public double[] normalizeInput(double[] x) {
        if (x.length != inputMins.length) throw new IllegalArgumentException("nnet input: expected " + inputMins.length + " values");
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double c = Math.min(Math.max(x[i], inputMins[i]), inputMaxes[i]);
            z[i] = (c - means[i]) / ranges[i];
        }
        return z;
    }

    /** Raw output to physical units: {@code y * outputRange + outputMean} (the same for every output). */
    public double[] denormalizeOutput(double[] y) {
        double m = means[means.length - 1];
        double r = ranges[ranges.length - 1];
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) z[i] = y[i] * r + m;
        return z;
    }

    /** Physical input to physical output, as the Reluplex reference evaluator does (with clipping). */
    public double[] evaluatePhysical(double[] x) {
        return denormalizeOutput(rawNetwork.apply(normalizeInput(x)));
    }

    /**
     * The network on physical inputs with physical outputs, as layers: normalisation diagonal, the raw network,
     * de-normalisation diagonal. Unlike {@link #evaluatePhysical} it does not clip inputs to [min, max].
     */
    public Network physicalNetwork() {
        int n = rawNetwork.inputSize();
        double[] inMean = java.util.Arrays.copyOf(means, n);
        double[] inRange = java.util.Arrays.copyOf(ranges, n);
        int m = rawNetwork.outputSize();
        double[] scale = new double[m];
        double[] shift = new double[m];
        java.util.Arrays.fill(scale, ranges[n]);
        java.util.Arrays.fill(shift, means[n]);
        List<Layer> after = new ArrayList<>();
        after.add(AffineLayer.diagonal(scale, shift));
        return rawNetwork.prependedBy(List.of(AffineLayer.normalization(inMean, inRange))).followedBy(after);
    }
}
