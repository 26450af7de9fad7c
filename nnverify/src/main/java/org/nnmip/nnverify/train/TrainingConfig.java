package org.nnmip.nnverify.train;

/**
 * Hyper-parameters of {@link MlpTrainer}.
 *
 * @param l1 weight of the L1 penalty {@code l1 * sum |w|} (weights only, not biases)
 * @param l2 weight of the L2 penalty {@code l2 * sum w^2}
 * @param fgsmEpsilon when positive, FGSM adversarial training (Goodfellow et al.): every batch is trained half on the
 *        clean inputs and half on {@code x + eps * sign(grad_x loss)}
 * @param keepZeroWeights weights that are exactly zero at the start stay zero (fine-tuning a pruned network)
 * @param seed seeds initialisation and batch order: the same seed and data give the same network
 */
public record TrainingConfig(Loss loss, Optimizer optimizer, double learningRate, int epochs, int batchSize,
                             double l1, double l2, double fgsmEpsilon, boolean keepZeroWeights, long seed) {
    public TrainingConfig {
        if (loss == null || optimizer == null) throw new IllegalArgumentException("loss and optimizer are required");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (epochs < 0) throw new IllegalArgumentException("epochs must be non-negative, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (!(l1 >= 0) || !(l2 >= 0)) throw new IllegalArgumentException("penalties must be non-negative, got l1 " + l1 + ", l2 " + l2);
        if (!(fgsmEpsilon >= 0) || !Double.isFinite(fgsmEpsilon)) throw new IllegalArgumentException("FGSM epsilon must be non-negative, got " + fgsmEpsilon);
    }

    /** Adam, learning rate 1e-3, 100 epochs, batches of 32, no penalties, seed 1. */
    public static TrainingConfig defaults(Loss loss) {
        return new TrainingConfig(loss, Optimizer.ADAM, 1e-3, 100, 32, 0, 0, 0, false, 1);
    }

    public TrainingConfig withOptimizer(Optimizer v) { return new TrainingConfig(loss, v, learningRate, epochs, batchSize, l1, l2, fgsmEpsilon, keepZeroWeights, seed); }
    public TrainingConfig withLearningRate(double v) { return new TrainingConfig(loss, optimizer, v, epochs, batchSize, l1, l2, fgsmEpsilon, keepZeroWeights, seed); }
    public TrainingConfig withEpochs(int v) { return new TrainingConfig(loss, optimizer, learningRate, v, batchSize, l1, l2, fgsmEpsilon, keepZeroWeights, seed); }
    public TrainingConfig withBatchSize(int v) { return new TrainingConfig(loss, optimizer, learningRate, epochs, v, l1, l2, fgsmEpsilon, keepZeroWeights, seed); }
    public TrainingConfig withL1(double v) { return new TrainingConfig(loss, optimizer, learningRate, epochs, batchSize, v, l2, fgsmEpsilon, keepZeroWeights, seed); }
    public TrainingConfig withL2(double v) { return new TrainingConfig(loss, optimizer, learningRate, epochs, batchSize, l1, v, fgsmEpsilon, keepZeroWeights, seed); }
    public TrainingConfig withFgsmEpsilon(double v) { return new TrainingConfig(loss, optimizer, learningRate, epochs, batchSize, l1, l2, v, keepZeroWeights, seed); }
    public TrainingConfig withKeepZeroWeights(boolean v) { return new TrainingConfig(loss, optimizer, learningRate, epochs, batchSize, l1, l2, fgsmEpsilon, v, seed); }
    public TrainingConfig withSeed(long v) { return new TrainingConfig(loss, optimizer, learningRate, epochs, batchSize, l1, l2, fgsmEpsilon, keepZeroWeights, v); }
}
