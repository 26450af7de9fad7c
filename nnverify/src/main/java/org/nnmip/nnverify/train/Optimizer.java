package org.nnmip.nnverify.train;

/** How a gradient step updates the parameters. */
public enum Optimizer {
    /** Plain stochastic gradient descent: {@code w -= lr * g}. */
    SGD,
    /** Adam (Kingma & Ba) with beta1 = 0.9, beta2 = 0.999, eps = 1e-8 and bias correction. */
    ADAM
}
