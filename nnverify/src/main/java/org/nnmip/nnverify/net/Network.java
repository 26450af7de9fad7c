package org.nnmip.nnverify.net;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable feed-forward network: an input size and a sequence of layers, each consuming the previous layer's
 * output (layer {@code k}'s input is layer {@code k-1}'s output; layer 0's input is the network input).
 * Construction validates that sizes chain and residual sources exist and match.
 */
public final class Network {
    private final int inputSize;
    private final List<Layer> layers;

    public Network(int inputSize, List<? extends Layer> layers) {
        if (inputSize <= 0) throw new IllegalArgumentException("network: input size must be positive, got " + inputSize);
        if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("network: no layers");
        this.inputSize = inputSize;
        this.layers = List.copyOf(layers);
        int size = inputSize;
        for (int k = 0; k < this.layers.size(); k++) {
            Layer layer = this.layers.get(k);
            if (layer.inputSize() != size) {
                throw new IllegalArgumentException("layer " + k + " (" + layer.describe() + "): expects " + layer.inputSize()
                        + " inputs but the previous layer gives " + size);
            }
            if (layer instanceof ResidualAddLayer add) {
                if (add.source() >= k) {
                    throw new IllegalArgumentException("layer " + k + " (" + layer.describe() + "): source must be an earlier layer");
                }
                int sourceSize = add.source() < 0 ? inputSize : this.layers.get(add.source()).outputSize();
                if (sourceSize != add.size()) {
                    throw new IllegalArgumentException("layer " + k + " (" + layer.describe() + "): source has size " + sourceSize
                            + ", expected " + add.size());
                }
            }
            size = layer.outputSize();
        }
    }

    public int inputSize() { return inputSize; }
    public int outputSize() { return layers.getLast().outputSize(); }
    public List<Layer> layers() { return layers; }
    public int layerCount() { return layers.size(); }
    public Layer layer(int k) { return layers.get(k); }

    /** Size of layer {@code k}'s output; {@code k = -1} is the input. */
    public int sizeAfter(int k) { return k < 0 ? inputSize : layers.get(k).outputSize(); }

    /** Evaluates the network in double precision, keeping every intermediate vector. */
    public Evaluation evaluate(double[] input) {
        if (input == null || input.length != inputSize) {
            throw new IllegalArgumentException("network input: expected " + inputSize + " values, got " + (input == null ? "null" : input.length));
        }
        double[][] out = new double[layers.size()][];
        double[] x = input.clone();
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            double[] y = switch (layer) {
                case AffineLayer a -> a.apply(x);
                case ReluLayer r -> relu(x);
                case ReshapeLayer r -> x.clone();
                case MaxPoolLayer m -> m.apply(x);
                case ArctanLayer t -> arctan(x);
                case ResidualAddLayer add -> {
                    double[] s = add.source() < 0 ? input : out[add.source()];
                    double[] z = x.clone();
                    for (int i = 0; i < z.length; i++) z[i] += s[i];
                    yield z;
                }
            };
            out[k] = y;
            x = y;
        }
        return new Evaluation(input.clone(), out);
    }

    /** The output vector for {@code input}. */
    public double[] apply(double[] input) {
        return evaluate(input).output();
    }

    private static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : 0.0;
        return y;
    }

    private static double[] arctan(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.atan(x[i]);
        return y;
    }

    /** A network that applies {@code before}'s layers, then this network's layers (residual sources shifted). */
    public Network prependedBy(List<? extends Layer> before) {
        List<Layer> all = new ArrayList<>(before);
        int shift = before.size();
        for (Layer l : layers) {
            all.add(l instanceof ResidualAddLayer add && add.source() >= 0 ? new ResidualAddLayer(add.size(), add.source() + shift) : l);
        }
        return new Network(before.isEmpty() ? inputSize : before.getFirst().inputSize(), all);
    }

    /** A network with {@code after} appended to this network's layers. */
    public Network followedBy(List<? extends Layer> after) {
        List<Layer> all = new ArrayList<>(layers);
        all.addAll(after);
        return new Network(inputSize, all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.inputSize == inputSize && n.layers.equals(layers);
    }

    @Override public int hashCode() { return 31 * inputSize + layers.hashCode(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Network(input " + inputSize);
        for (Layer l : layers) sb.append(", ").append(l.describe());
        return sb.append(')').toString();
    }
}
