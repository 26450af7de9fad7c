package org.nnmip.perf.resilience;

import java.util.Arrays;
import java.util.Locale;
import org.nnmip.mip.MipParameters;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.data.ResilienceAgentData;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.resilience.MaximumResilience;
import org.nnmip.nnverify.resilience.ResilienceOptions;
import org.nnmip.nnverify.resilience.ResilienceResult;
import org.nnmip.nnverify.train.Dataset;
import org.nnmip.nnverify.train.Loss;
import org.nnmip.nnverify.train.MlpTrainer;
import org.nnmip.nnverify.train.TrainingConfig;

/**
 * {@code Phi_m(alpha)} on the resilience experiment's wide agent network (27-300-5 trained on
 * {@link ResilienceAgentData} exactly as the experiment does, seed 1), with the experiment's Table 2 options, without
 * and with the sampling heuristic's MIP start: incumbent and bound after the time limit. Runs alternate (off, on) per
 * alpha so machine load hits both alike.
 *
 * <p>Usage: {@code ResilienceStartBenchmark [--time-limit 30] [--alphas 1.5,2] [--class 1] [--seed 1] [--fraction 0.05]}
 */
public final class ResilienceStartBenchmark {
    public static void main(String[] args) {
        double limit = 30;
        double[] alphas = {1.5, 2.0};
        int m = 1;
        long seed = 1;
        double fraction = 0.05;
        for (int a = 0; a + 1 < args.length; a += 2) {
            String v = args[a + 1];
            switch (args[a]) {
                case "--time-limit" -> limit = Double.parseDouble(v);
                case "--alphas" -> alphas = Arrays.stream(v.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
                case "--class" -> m = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--fraction" -> fraction = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        // As ResilienceExperiment (full plan): 4000 training samples of 5000 generated, 40 epochs.
        Dataset all = ResilienceAgentData.generate(5000, seed);
        Dataset train = all.slice(0, 4000);
        TrainingConfig cfg = TrainingConfig.defaults(Loss.CROSS_ENTROPY).withEpochs(40).withLearningRate(2e-3).withBatchSize(32).withSeed(seed);
        Network net = new MlpTrainer(cfg).train(new int[] {27, 300, 5}, train);
        System.out.printf(Locale.ROOT, "trained 27-300-5: train accuracy %.3f%n", MlpTrainer.accuracy(net, train));
        double[] hi = new double[27];
        Arrays.fill(hi, 1.0);
        Box box = new Box(new double[27], hi);
        ResilienceOptions base = ResilienceOptions.defaults()
                .withMip(MipParameters.defaults().withThreads(1).withTimeLimitSeconds(limit).withRelativeGap(1e-6))
                .withBigM(ResilienceOptions.BigM.SYMBOLIC).withLookBack(1).withTighteningSeconds(Math.min(limit / 4, 30))
                .withThreeStepInit(true).withSeed(seed);
        System.out.println("alpha  heuristic  status      phi        bound      start      start_s  total_s  nodes");
        for (double alpha : alphas) {
            for (double f : new double[] {0.0, fraction}) {
                ResilienceResult r = MaximumResilience.phi(net, box, m, alpha, base.withHeuristicFraction(f));
                System.out.printf(Locale.ROOT, "%-6.2f %-10s %-11s %-10.4f %-10.4f %-10.4f %-8.2f %-8.2f %d%n", alpha, f == 0 ? "off" : "on " + f,
                        r.status(), r.phi(), r.bound(), r.startPhi(), r.startSeconds(), r.seconds(), r.nodes());
            }
        }
    }
}
