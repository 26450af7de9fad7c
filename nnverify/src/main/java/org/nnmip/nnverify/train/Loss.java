package org.nnmip.nnverify.train;

/** Training losses, averaged over the samples of a batch. */
public enum Loss {
    /** Mean squared error over all outputs (PyTorch's {@code MSELoss}). */
    MSE,
    /** Softmax cross-entropy of the logits against the target distribution (one-hot for labels). */
    CROSS_ENTROPY;

    /** Loss of one sample's output, and (if {@code grad != null}) its gradient with respect to the output. */
    double value(double[] output, double[] target, double[] grad) {
        int m = output.length;
        if (this == MSE) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                double d = output[j] - target[j];
                s += d * d;
                if (grad != null) grad[j] = 2 * d / m;
            }
            return s / m;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : output) max = Math.max(max, v);
        double sum = 0;
        for (double v : output) sum += Math.exp(v - max);
        double logSum = max + Math.log(sum);
        double loss = 0;
        for (int j = 0; j < m; j++) {
            double logP = output[j] - logSum;
            loss -= target[j] * logP;
            if (grad != null) grad[j] = Math.exp(logP) - target[j];
        }
        return loss;
    }
}
