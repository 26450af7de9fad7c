package org.nnmip.nnverify.net;

/** Element-wise {@code max(0, x)}. */
public record ReluLayer(int size) implements Layer {
    public ReluLayer {
        if (size <= 0) throw new IllegalArgumentException("relu layer: size must be positive, got " + size);
    }
    @Override public int inputSize() { return size; }
    @Override public int outputSize() { return size; }
    @Override public String describe() { return "relu " + size; }
}
