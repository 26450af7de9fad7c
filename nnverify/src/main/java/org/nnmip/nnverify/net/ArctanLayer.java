package org.nnmip.nnverify.net;

/** Element-wise {@code atan(x)}: monotone, concave for {@code x > 0} and convex for {@code x < 0}. */
public record ArctanLayer(int size) implements Layer {
    public ArctanLayer {
        if (size <= 0) throw new IllegalArgumentException("arctan layer: size must be positive, got " + size);
    }
    @Override public int inputSize() { return size; }
    @Override public int outputSize() { return size; }
    @Override public String describe() { return "arctan " + size; }
}
