package org.nnmip.nnverify.net;

/**
 * One layer of a {@link Network}. Every layer maps the flat (row-major) output vector of the previous layer to
 * its own flat output vector; shapes only matter to the readers that build layers (convolution, pooling).
 * Layers are immutable.
 */
public sealed interface Layer permits AffineLayer, ReluLayer, ReshapeLayer, MaxPoolLayer, ResidualAddLayer, ArctanLayer {

    /** Length of the vector this layer consumes. */
    int inputSize();

    /** Length of the vector this layer produces. */
    int outputSize();

    /** Short human-readable description used in error messages and reports, e.g. {@code "dense 50x5"}. */
    String describe();
}
