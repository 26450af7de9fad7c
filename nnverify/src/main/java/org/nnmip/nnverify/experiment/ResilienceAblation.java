package org.nnmip.nnverify.experiment;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.mip.MipParameters;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.resilience.MaximumResilience;
import org.nnmip.nnverify.resilience.ResilienceOptions;
import org.nnmip.nnverify.resilience.ResilienceResult;

/**
 * The heuristic ablation of Cheng, Nührenberg &amp; Ruess (2017), Table 1: every instance solved under every
 * configuration of {@link ResilienceOptions}' encoding heuristics, in an order that rotates from instance to
 * instance (against drift in machine load), with the per-solve time limit of the experiment.
 */
final class ResilienceAblation {
    /** One heuristic configuration. */
    record Config(String name, ResilienceOptions options) { }

    /**
     * One question: the local one ({@code input} set: a perturbation of {@code input} with {@code ||eps||_1 < delta}
     * making another class score at least {@code m}?) or {@code Phi_m(alpha)} ({@code input} null).
     */
    record Instance(String name, String network, Network net, Box box, int m, double[] input, double delta, double alpha) {
        boolean local() {
            return input != null;
        }
    }

    /** One solve. */
    record Run(Instance instance, Config config, ResilienceResult result, double seconds) {
        /** A definite answer: a verdict of the local question or a proven optimum (or infeasibility) of Phi. */
        boolean solved() {
            return switch (result.status()) {
                case "vulnerable", "resilient", "optimal", "infeasible" -> true;
                default -> false;
            };
        }
    }

    private ResilienceAblation() {
    }

    /**
     * Constant big-M (no dataflow analysis), interval big-M, with layer-ordered priorities, with look-back tightening,
     * and the symbolic bounds with both (for Phi also with the three-step start).
     */
    static List<Config> configs(int threads, double timeLimit, boolean phi) {
        MipParameters mip = MipParameters.defaults().withThreads(threads).withTimeLimitSeconds(timeLimit).withRelativeGap(1e-6);
        ResilienceOptions base = ResilienceOptions.defaults().withMip(mip).withTighteningSeconds(Math.min(timeLimit / 4, 30));
        List<Config> configs = new ArrayList<>(List.of(
                new Config("constant big-M", base.withBigM(ResilienceOptions.BigM.CONSTANT).withPriorities(false)),
                new Config("interval big-M", base.withBigM(ResilienceOptions.BigM.INTERVAL).withPriorities(false)),
                new Config("interval + priorities", base.withBigM(ResilienceOptions.BigM.INTERVAL).withPriorities(true)),
                new Config("interval + look-back + priorities", base.withBigM(ResilienceOptions.BigM.INTERVAL).withLookBack(1).withPriorities(true)),
                new Config("symbolic + look-back + priorities", base.withBigM(ResilienceOptions.BigM.SYMBOLIC).withLookBack(1).withPriorities(true))));
        if (phi) {
            configs.add(new Config("symbolic + look-back + priorities + three-step",
                    base.withBigM(ResilienceOptions.BigM.SYMBOLIC).withLookBack(1).withPriorities(true).withThreeStepInit(true)));
        }
        return configs;
    }

    /** Solves every instance with every configuration; {@code progress} steps once per solve. */
    static List<Run> run(List<Instance> instances, List<Config> configs, Progress progress) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            Instance in = instances.get(i);
            for (int r = 0; r < configs.size(); r++) {
                Config c = configs.get((r + i) % configs.size());
                long t0 = System.nanoTime();
                ResilienceResult res = in.local()
                        ? MaximumResilience.local(in.net(), in.box(), in.input(), in.m(), in.delta(), c.options())
                        : MaximumResilience.phi(in.net(), in.box(), in.m(), in.alpha(), c.options());
                runs.add(new Run(in, c, res, (System.nanoTime() - t0) / 1e9));
                progress.step(in.name() + " / " + c.name() + ": " + res.status());
            }
        }
        return runs;
    }

    /**
     * Pairs of definite answers on the same instance that disagree: a different verdict (local), a different status
     * or an optimum differing by more than {@code 1e-5 (1 + |phi|)} (Phi, solved to a 1e-6 relative gap).
     */
    static List<String> disagreements(List<Run> runs) {
        List<String> out = new ArrayList<>();
        for (int a = 0; a < runs.size(); a++) {
            for (int b = a + 1; b < runs.size(); b++) {
                Run x = runs.get(a);
                Run y = runs.get(b);
                if (x.instance() != y.instance() || !x.solved() || !y.solved()) continue;
                boolean same = x.result().status().equals(y.result().status())
                        && (!x.result().status().equals("optimal")
                        || Math.abs(x.result().phi() - y.result().phi()) <= 1e-5 * (1 + Math.abs(x.result().phi())));
                if (!same) {
                    out.add(x.instance().name() + ": " + x.config().name() + " " + x.result().status() + " " + x.result().phi()
                            + " vs " + y.config().name() + " " + y.result().status() + " " + y.result().phi());
                }
            }
        }
        return out;
    }

    /** Shifted geometric mean (shift 1 s) of the times, an unsolved run counted at least at the limit. */
    static double shiftedGeoMean(List<Run> runs, double limit) {
        if (runs.isEmpty()) return Double.NaN;
        double s = 0;
        for (Run r : runs) s += Math.log((r.solved() ? r.seconds() : Math.max(limit, r.seconds())) + 1.0);
        return Math.exp(s / runs.size()) - 1.0;
    }
}
