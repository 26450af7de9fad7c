package org.nnmip.perf.resilience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nnmip.mip.MipParameters;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.resilience.MaximumResilience;
import org.nnmip.nnverify.resilience.ResilienceOptions;
import org.nnmip.nnverify.resilience.ResilienceResult;

/**
 * Heuristic ablation of Cheng, Nührenberg &amp; Ruess (2017), Table 1: the local resilience question (is there a
 * perturbation with {@code ||eps||_1 < delta} making another class score at least the predicted one?) or
 * {@code Phi_m} on random ReLU networks, each instance solved with every configuration in an order that rotates from
 * instance to instance: a constant big-M, interval (dataflow) big-M, with layer-ordered priorities, with look-back tightening
 * and priorities, and the symbolic bounds with both. Prints one line per run, then per configuration the
 * solved count, the shifted geometric mean time (timeouts at the limit) and the ratio to the constant big-M.
 * Every pair of definite answers on the same instance must agree; a disagreement is printed and fails the run.
 *
 * <p>Usage: {@code ResilienceBenchmark [--inputs 27] [--hidden 300] [--classes 5] [--seeds 3] [--deltas 0.05,0.2]
 * [--mode local|phi] [--alpha 1.5] [--time-limit 60] [--threads 1]}. {@code --hidden} takes a comma list of layer
 * sizes, e.g. {@code 50,50}.
 */
public final class ResilienceBenchmark {
    record Config(String name, ResilienceOptions options) { }

    record Run(String config, String status, double seconds, long nodes, int binaries, double phi) {
        boolean solved() {
            return !status.equals("unknown") && !status.equals("time_limit") && !status.equals("feasible") && !status.equals("unverified");
        }
    }

    public static void main(String[] args) {
        int inputs = 27;
        int[] hidden = {300};
        int classes = 5;
        int seeds = 3;
        double[] deltas = {0.05, 0.2};
        String mode = "local";
        double alpha = 1.5;
        double timeLimit = 60;
        int threads = 1;
        for (int a = 0; a < args.length; a++) {
            if (a + 1 >= args.length) throw new IllegalArgumentException("option " + args[a] + " needs a value");
            String v = args[++a];
            switch (args[a - 1]) {
                case "--inputs" -> inputs = Integer.parseInt(v);
                case "--hidden" -> hidden = Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                case "--classes" -> classes = Integer.parseInt(v);
                case "--seeds" -> seeds = Integer.parseInt(v);
                case "--deltas" -> deltas = Arrays.stream(v.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
                case "--mode" -> mode = v;
                case "--alpha" -> alpha = Double.parseDouble(v);
                case "--time-limit" -> timeLimit = Double.parseDouble(v);
                case "--threads" -> threads = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[a - 1]);
            }
        }
        if (!mode.equals("local") && !mode.equals("phi")) throw new IllegalArgumentException("--mode: local or phi, got " + mode);
        MipParameters mip = MipParameters.defaults().withThreads(threads).withTimeLimitSeconds(timeLimit).withRelativeGap(1e-6);
        ResilienceOptions base = ResilienceOptions.defaults().withMip(mip).withTighteningSeconds(Math.min(timeLimit / 4, 30));
        List<Config> configs = List.of(
                new Config("constant", base.withBigM(ResilienceOptions.BigM.CONSTANT).withPriorities(false)),
                new Config("interval", base.withBigM(ResilienceOptions.BigM.INTERVAL).withPriorities(false)),
                new Config("interval+prio", base.withBigM(ResilienceOptions.BigM.INTERVAL).withPriorities(true)),
                new Config("interval+lookback+prio", base.withBigM(ResilienceOptions.BigM.INTERVAL).withLookBack(1).withPriorities(true)),
                new Config("symbolic+lookback+prio" + (mode.equals("phi") ? "+3step" : ""),
                        base.withBigM(ResilienceOptions.BigM.SYMBOLIC).withLookBack(1).withPriorities(true).withThreeStepInit(mode.equals("phi"))));
        System.out.printf(Locale.ROOT, "# resilience ablation: mode %s, network %d-%s-%d (random), time limit %.0f s, %d thread(s)%n",
                mode, inputs, Arrays.toString(hidden), classes, timeLimit, threads);
        System.out.println("| instance | config | status | seconds | nodes | binaries | phi |");
        System.out.println("|---|---|---|---:|---:|---:|---:|");
        List<List<Run>> all = new ArrayList<>();
        for (Config c : configs) all.add(new ArrayList<>());
        int instance = 0;
        boolean disagree = false;
        for (int seed = 0; seed < seeds; seed++) {
            Network net = network(seed, inputs, hidden, classes);
            Random rnd = new Random(1000 + seed);
            double[] x = new double[inputs];
            for (int i = 0; i < inputs; i++) x[i] = rnd.nextDouble();
            double[] y = net.apply(x);
            int m = 0;
            for (int j = 1; j < y.length; j++) if (y[j] > y[m]) m = j;
            Box box = new Box(new double[inputs], filled(inputs, 1.0));
            double[] questions = mode.equals("local") ? deltas : new double[] {alpha};
            for (double q : questions) {
                String name = mode.equals("local") ? "s" + seed + " d" + q : "s" + seed + " m" + m;
                Run[] runs = new Run[configs.size()];
                for (int r = 0; r < configs.size(); r++) {
                    int c = (r + instance) % configs.size(); // rotate the order against drift in machine load
                    ResilienceOptions o = configs.get(c).options();
                    long t0 = System.nanoTime();
                    ResilienceResult res = mode.equals("local") ? MaximumResilience.local(net, box, x, m, q, o)
                            : MaximumResilience.phi(net, box, m, q, o);
                    double s = (System.nanoTime() - t0) / 1e9;
                    runs[c] = new Run(configs.get(c).name(), res.status(), s, res.nodes(), res.binaries(), res.phi());
                }
                for (int c = 0; c < runs.length; c++) {
                    Run r = runs[c];
                    all.get(c).add(r);
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %d | %d | %s |%n", name, r.config(), r.status(), r.seconds(),
                            r.nodes(), r.binaries(), Double.isNaN(r.phi()) ? "-" : String.format(Locale.ROOT, "%.6g", r.phi()));
                }
                disagree |= !consistent(runs);
                instance++;
            }
        }
        System.out.println();
        System.out.println("| config | solved | shifted geo-mean s | ratio constant / config |");
        System.out.println("|---|---:|---:|---:|");
        double reference = geoMean(all.get(0), timeLimit);
        for (int c = 0; c < configs.size(); c++) {
            List<Run> runs = all.get(c);
            long solved = runs.stream().filter(Run::solved).count();
            double g = geoMean(runs, timeLimit);
            System.out.printf(Locale.ROOT, "| %s | %d/%d | %.2f | %.2f |%n", configs.get(c).name(), solved, runs.size(), g, reference / g);
        }
        if (disagree) {
            System.out.println("DISAGREEMENT between configurations (see above)");
            System.exit(1);
        }
    }

    /** Definite answers must agree: the same verdict (local) or the same optimum (phi). */
    private static boolean consistent(Run[] runs) {
        boolean ok = true;
        for (Run a : runs) {
            for (Run b : runs) {
                if (!a.solved() || !b.solved()) continue;
                boolean same = a.status().equals(b.status())
                        && (!a.status().equals("optimal") || Math.abs(a.phi() - b.phi()) <= 1e-5 * (1 + Math.abs(a.phi())));
                if (!same) {
                    System.out.println("DISAGREE: " + a + " vs " + b);
                    ok = false;
                }
            }
        }
        return ok;
    }

    /** Shifted geometric mean (shift 1 s) with unsolved runs at the time limit. */
    private static double geoMean(List<Run> runs, double limit) {
        double s = 0;
        for (Run r : runs) s += Math.log((r.solved() ? r.seconds() : Math.max(limit, r.seconds())) + 1.0);
        return Math.exp(s / runs.size()) - 1.0;
    }

    /** Dense random ReLU network, weights N(0, 1/fan-in), small biases; logits as outputs. */
    static Network network(long seed, int inputs, int[] hidden, int classes) {
        Random rnd = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        int[] sizes = Arrays.copyOf(hidden, hidden.length + 1);
        sizes[hidden.length] = classes;
        for (int k = 0; k < sizes.length; k++) {
            double[][] w = new double[sizes[k]][in];
            double[] b = new double[sizes[k]];
            double scale = 1.0 / Math.sqrt(in);
            for (int i = 0; i < sizes[k]; i++) {
                for (int j = 0; j < in; j++) w[i][j] = rnd.nextGaussian() * scale;
                b[i] = rnd.nextGaussian() * 0.1;
            }
            layers.add(AffineLayer.dense(w, b));
            if (k + 1 < sizes.length) layers.add(new ReluLayer(sizes[k]));
            in = sizes[k];
        }
        return new Network(inputs, layers);
    }

    private static double[] filled(int n, double v) {
        double[] r = new double[n];
        Arrays.fill(r, v);
        return r;
    }
}
