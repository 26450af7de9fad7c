package org.nnmip.nnverify.train;

import java.util.Random;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Network;

/**
 * Mini-batch training of fully connected ReLU networks: He initialisation, SGD or Adam, MSE or cross-entropy, L1/L2
 * weight penalties, FGSM adversarial training and masked fine-tuning of pruned networks. Deterministic: the same
 * configuration (seed) and data give the same network, bit for bit (one thread, fixed summation order).
 */
public final class MlpTrainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;

    private final TrainingConfig config;

    public MlpTrainer(TrainingConfig config) {
        this.config = config;
    }

    public TrainingConfig config() {
        return config;
    }

    /** A He-initialised network with these layer sizes (input, hidden..., output), seeded by the configuration. */
    public static Network heInitialized(int[] sizes, long seed) {
        return Mlp.heInitialized(sizes, new Random(seed)).toNetwork();
    }

    /** Trains a fresh He-initialised network of the given layer sizes. */
    public Network train(int[] sizes, Dataset data) {
        return train(sizes, data, EpochListener.NONE);
    }

    public Network train(int[] sizes, Dataset data, EpochListener listener) {
        Mlp.validate(sizes);
        checkShape(sizes[0], sizes[sizes.length - 1], data);
        return run(Mlp.heInitialized(sizes, new Random(config.seed())), data, listener);
    }

    /** Continues training from {@code start} (e.g. fine-tuning a pruned network with {@code keepZeroWeights}). */
    public Network train(Network start, Dataset data) {
        return train(start, data, EpochListener.NONE);
    }

    public Network train(Network start, Dataset data, EpochListener listener) {
        checkShape(start.inputSize(), start.outputSize(), data);
        return run(Mlp.of(start), data, listener);
    }

    /** Mean loss of a network on a dataset (no penalties). */
    public static double loss(Network net, Dataset data, Loss loss) {
        checkShape(net.inputSize(), net.outputSize(), data);
        double s = 0;
        for (int i = 0; i < data.size(); i++) s += loss.value(net.apply(data.input(i)), data.target(i), null);
        return s / data.size();
    }

    /** Fraction of samples whose largest output is the target's class. */
    public static double accuracy(Network net, Dataset data) {
        checkShape(net.inputSize(), net.outputSize(), data);
        int hits = 0;
        for (int i = 0; i < data.size(); i++) if (Evaluation.argmax(net.apply(data.input(i))) == data.label(i)) hits++;
        return hits / (double) data.size();
    }

    private Network run(Mlp mlp, Dataset data, EpochListener listener) {
        Random rnd = new Random(config.seed() ^ 0x5DEECE66DL);
        int depth = mlp.depth();
        double[][][] gw = zerosLike(mlp.weights);
        double[][] gb = zerosLike(mlp.biases);
        double[][][] mw = zerosLike(mlp.weights), vw = zerosLike(mlp.weights);
        double[][] mb = zerosLike(mlp.biases), vb = zerosLike(mlp.biases);
        boolean[][][] frozen = config.keepZeroWeights() ? zeroMask(mlp.weights) : null;
        double[] outGrad = new double[mlp.sizes[depth]];
        long step = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            int[] order = Dataset.permutation(data.size(), rnd);
            double epochLoss = 0;
            for (int start = 0; start < order.length; start += config.batchSize()) {
                int end = Math.min(order.length, start + config.batchSize());
                clear(gw, gb);
                double scale = 1.0 / (end - start);
                if (config.fgsmEpsilon() > 0) scale *= 0.5;
                for (int b = start; b < end; b++) {
                    double[] x = data.inputRow(order[b]);
                    double[] t = data.targetRow(order[b]);
                    double[][] acts = mlp.forward(x);
                    epochLoss += config.loss().value(acts[depth], t, outGrad);
                    double[] inGrad = mlp.backward(acts, outGrad, scale, gw, gb);
                    if (config.fgsmEpsilon() > 0) {
                        double[] adv = x.clone();
                        for (int j = 0; j < adv.length; j++) adv[j] += config.fgsmEpsilon() * Math.signum(inGrad[j]);
                        double[][] advActs = mlp.forward(adv);
                        config.loss().value(advActs[depth], t, outGrad);
                        mlp.backward(advActs, outGrad, scale, gw, gb);
                    }
                }
                addPenalties(mlp, gw);
                step++;
                update(mlp, gw, gb, mw, vw, mb, vb, frozen, step);
            }
            listener.epochEnd(epoch, epochLoss / data.size(), mlp.toNetwork());
        }
        return mlp.toNetwork();
    }

    private void addPenalties(Mlp mlp, double[][][] gw) {
        if (config.l1() == 0 && config.l2() == 0) return;
        for (int k = 0; k < gw.length; k++) {
            for (int i = 0; i < gw[k].length; i++) {
                double[] w = mlp.weights[k][i];
                double[] g = gw[k][i];
                for (int j = 0; j < g.length; j++) g[j] += config.l1() * Math.signum(w[j]) + 2 * config.l2() * w[j];
            }
        }
    }

    private void update(Mlp mlp, double[][][] gw, double[][] gb, double[][][] mw, double[][][] vw, double[][] mb, double[][] vb,
                        boolean[][][] frozen, long step) {
        double lr = config.learningRate();
        boolean adam = config.optimizer() == Optimizer.ADAM;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        for (int k = 0; k < gw.length; k++) {
            for (int i = 0; i < gw[k].length; i++) {
                double[] w = mlp.weights[k][i];
                for (int j = 0; j < w.length; j++) {
                    if (frozen != null && frozen[k][i][j]) continue;
                    w[j] -= adam ? adamStep(gw[k][i][j], mw[k][i], vw[k][i], j, c1, c2, lr) : lr * gw[k][i][j];
                }
            }
            double[] b = mlp.biases[k];
            for (int i = 0; i < b.length; i++) b[i] -= adam ? adamStep(gb[k][i], mb[k], vb[k], i, c1, c2, lr) : lr * gb[k][i];
        }
    }

    private static double adamStep(double g, double[] m, double[] v, int j, double c1, double c2, double lr) {
        m[j] = BETA1 * m[j] + (1 - BETA1) * g;
        v[j] = BETA2 * v[j] + (1 - BETA2) * g * g;
        return lr * (m[j] / c1) / (Math.sqrt(v[j] / c2) + ADAM_EPS);
    }

    private static void checkShape(int in, int out, Dataset data) {
        if (data.inputSize() != in) throw new IllegalArgumentException("data has " + data.inputSize() + " inputs, the network " + in);
        if (data.targetSize() != out) throw new IllegalArgumentException("data has " + data.targetSize() + " targets, the network " + out + " outputs");
    }

    private static boolean[][][] zeroMask(double[][][] w) {
        boolean[][][] m = new boolean[w.length][][];
        for (int k = 0; k < w.length; k++) {
            m[k] = new boolean[w[k].length][];
            for (int i = 0; i < w[k].length; i++) {
                m[k][i] = new boolean[w[k][i].length];
                for (int j = 0; j < w[k][i].length; j++) m[k][i][j] = w[k][i][j] == 0;
            }
        }
        return m;
    }

    private static double[][][] zerosLike(double[][][] w) {
        double[][][] z = new double[w.length][][];
        for (int k = 0; k < w.length; k++) z[k] = zerosLike(w[k]);
        return z;
    }

    private static double[][] zerosLike(double[][] w) {
        double[][] z = new double[w.length][];
        for (int k = 0; k < w.length; k++) z[k] = new double[w[k].length];
        return z;
    }

    private static void clear(double[][][] gw, double[][] gb) {
        for (double[][] layer : gw) for (double[] row : layer) java.util.Arrays.fill(row, 0);
        for (double[] row : gb) java.util.Arrays.fill(row, 0);
    }
}
