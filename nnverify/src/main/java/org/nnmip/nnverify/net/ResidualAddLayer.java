package org.nnmip.nnverify.net;

/**
 * Skip connection: output = input + (output of layer {@code source}), where {@code source} is the index of an
 * earlier layer in the network, or -1 for the network input. Sizes must agree (checked by {@link Network}).
 */
public record ResidualAddLayer(int size, int source) implements Layer {
    public ResidualAddLayer {
        if (size <= 0) throw new IllegalArgumentException("residual add layer: size must be positive");
        if (source < -1) throw new IllegalArgumentException("residual add layer: source " + source + " < -1");
    }
    @Override public int inputSize() { return size; }
    @Override public int outputSize() { return size; }
    @Override public String describe() { return "residual add " + size + " from " + (source < 0 ? "input" : "layer " + source); }
}
