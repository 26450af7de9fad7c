package org.nnmip.nnverify.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nnmip.mip.MipParameters;
import org.nnmip.nnverify.lipschitz.InputDomain;
import org.nnmip.nnverify.lipschitz.InputNorm;
import org.nnmip.nnverify.lipschitz.LipMip;
import org.nnmip.nnverify.lipschitz.LipschitzProblem;
import org.nnmip.nnverify.lipschitz.LipschitzResult;
import org.nnmip.nnverify.lipschitz.OutputFunctional;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.train.Dataset;
import org.nnmip.nnverify.train.Loss;
import org.nnmip.nnverify.train.MlpTrainer;
import org.nnmip.nnverify.train.TrainingConfig;

/**
 * Training for Figures 1 and 5 of Jordan &amp; Dimakis: networks trained on the leaders data with cross-entropy and
 * Adam under one of four regimes, and LipMIP's constant of the margin {@code f_0 - f_1} over the whole unit cube
 * (l-infinity inputs) at checkpoints. Penalty weights and the FGSM radius are those of the authors' regulariser
 * script (L1 1e-3, L2 1e-2, FGSM 0.1).
 */
final class LipschitzTraining {
    /** Training regimes of Figure 1. */
    enum Regulariser {
        NONE("none"), L1("L1 (1e-3)"), L2("L2 (1e-2)"), FGSM("FGSM (ε = 0.1)");

        final String label;

        Regulariser(String label) { this.label = label; }

        TrainingConfig config(int epochs, long seed) {
            TrainingConfig c = TrainingConfig.defaults(Loss.CROSS_ENTROPY).withEpochs(epochs).withLearningRate(0.01)
                    .withBatchSize(32).withSeed(seed);
            return switch (this) {
                case NONE -> c;
                case L1 -> c.withL1(1e-3);
                case L2 -> c.withL2(1e-2);
                case FGSM -> c.withFgsmEpsilon(0.1);
            };
        }

        String fileName() { return name().toLowerCase(Locale.ROOT); }
    }

    /** LipMIP's answer on one network: the constant when optimal, proven bounds otherwise. */
    record Evaluation(int epoch, double accuracy, LipschitzResult lipmip) {
        boolean optimal() { return lipmip.isOptimal(); }

        /** The value plotted: the exact constant, or the proven upper bound when the solve stopped early. */
        double plotted() { return optimal() ? lipmip.value() : lipmip.upper(); }

        String text() {
            return optimal() ? MarkdownReport.num(lipmip.value())
                    : "[" + MarkdownReport.num(lipmip.lower()) + ", " + MarkdownReport.num(lipmip.upper()) + "] (" + lipmip.status() + ")";
        }
    }

    private LipschitzTraining() { }

    /** The margin's Lipschitz constant over the whole unit cube, l-infinity inputs. */
    static LipschitzResult cubeConstant(Network net, MipParameters params) {
        double[] lo = new double[net.inputSize()];
        double[] hi = new double[net.inputSize()];
        Arrays.fill(hi, 1);
        LipschitzProblem p = new LipschitzProblem(net, OutputFunctional.logitDifference(0, 1, net.outputSize()),
                InputDomain.box(lo, hi), InputNorm.LINF);
        return LipMip.solve(p, params);
    }

    /**
     * The evaluation at epoch 0: the He-initialised network every regime of {@link #curve} starts from (the trainer's
     * own initialisation for this seed).
     */
    static Evaluation start(int[] sizes, Dataset data, long seed, MipParameters params) {
        Network start = MlpTrainer.heInitialized(sizes, seed);
        return new Evaluation(0, MlpTrainer.accuracy(start, data), cubeConstant(start, params));
    }

    /**
     * Trains {@code sizes} under {@code reg} from the start of {@link #start} and evaluates LipMIP every {@code every}
     * epochs. Returns the evaluations from {@code start} on; {@code last[0]} receives the final network.
     */
    static List<Evaluation> curve(int[] sizes, Dataset data, Regulariser reg, int epochs, int every, long seed,
                                  MipParameters params, Evaluation start, Network[] last, Progress progress) {
        List<Evaluation> out = new ArrayList<>();
        out.add(start);
        Network trained = new MlpTrainer(reg.config(epochs, seed)).train(sizes, data, (epoch, loss, snapshot) -> {
            if (epoch % every == 0) {
                out.add(new Evaluation(epoch, MlpTrainer.accuracy(snapshot, data), cubeConstant(snapshot, params)));
                progress.step(reg.label + " epoch " + epoch);
            }
        });
        last[0] = trained;
        return out;
    }

    /** Trains one network of Figure 5 (no regulariser) and evaluates it. */
    static Evaluation trained(int[] sizes, Dataset data, int epochs, long seed, MipParameters params, Network[] last) {
        Network net = new MlpTrainer(Regulariser.NONE.config(epochs, seed)).train(sizes, data);
        last[0] = net;
        return new Evaluation(epochs, MlpTrainer.accuracy(net, data), cubeConstant(net, params));
    }

    static String sizesName(int[] sizes) {
        return Arrays.toString(sizes).replace(" ", "");
    }

    /** Layer sizes for a file name: {@code 2-20-20-2} (no brackets or commas for the shell). */
    static String sizesFileName(int[] sizes) {
        return String.join("-", Arrays.stream(sizes).mapToObj(String::valueOf).toList());
    }
}
