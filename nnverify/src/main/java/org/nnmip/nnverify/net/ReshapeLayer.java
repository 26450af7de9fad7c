package org.nnmip.nnverify.net;

import java.util.Arrays;

/**
 * Flatten or reshape: the identity on the flat row-major vector, recording the new tensor shape (the product of
 * the shape is the size). Kept so a model can say where shapes change; evaluation and bounds pass values through.
 */
public record ReshapeLayer(int[] shape) implements Layer {
    public ReshapeLayer {
        if (shape == null || shape.length == 0) throw new IllegalArgumentException("reshape layer: empty shape");
        long p = 1;
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException("reshape layer: non-positive dimension in " + Arrays.toString(shape));
            p *= d;
        }
        if (p > Integer.MAX_VALUE) throw new IllegalArgumentException("reshape layer: shape too large " + Arrays.toString(shape));
        shape = shape.clone();
    }
    /** Flatten to a vector of the given size. */
    public static ReshapeLayer flatten(int size) { return new ReshapeLayer(new int[] {size}); }
    @Override public int[] shape() { return shape.clone(); }
    public int size() { return Arrays.stream(shape).reduce(1, (a, b) -> a * b); }
    @Override public int inputSize() { return size(); }
    @Override public int outputSize() { return size(); }
    @Override public String describe() { return "reshape " + Arrays.toString(shape); }
    @Override public boolean equals(Object o) { return o instanceof ReshapeLayer r && Arrays.equals(r.shape, shape); }
    @Override public int hashCode() { return Arrays.hashCode(shape); }
    @Override public String toString() { return describe(); }
}
