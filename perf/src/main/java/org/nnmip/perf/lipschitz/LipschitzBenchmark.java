package org.nnmip.perf.lipschitz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nnmip.io.MpsReader;
import org.nnmip.io.MpsWriter;
import org.nnmip.mip.MipParameters;
import org.nnmip.model.Model;
import org.nnmip.nnverify.lipschitz.BackwardEncoding;
import org.nnmip.nnverify.lipschitz.InputDomain;
import org.nnmip.nnverify.lipschitz.InputNorm;
import org.nnmip.nnverify.lipschitz.LipMip;
import org.nnmip.nnverify.lipschitz.LipschitzMethod;
import org.nnmip.nnverify.lipschitz.LipschitzProblem;
import org.nnmip.nnverify.lipschitz.LipschitzResult;
import org.nnmip.nnverify.lipschitz.OutputFunctional;
import org.nnmip.nnverify.lipschitz.OutputNorm;
import org.nnmip.nnverify.lipschitz.VectorLipschitzProblem;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.perf.mip.MipBackend;
import org.nnmip.perf.mip.NnmipMipBackend;
import org.nnmip.perf.mip.OrToolsMipBackend;

/**
 * Jordan &amp; Dimakis 2020, Table 1/2 setting: random He-initialised ReLU networks [16,16,16,2] and
 * [10,20,30,20,2] over the unit hypercube and [784,20,20,20,2] over an l-infinity ball (radius 0.1 by default)
 * around a random point of [0,1]^784; l-infinity inputs (l1 gradient norm) and the margin {@code f_0 - f_1} unless
 * {@code --output-norm} asks for the vector constant. Every method's value, time and relative error against LipMIP;
 * then the exported LipMIP program (MpsWriter, read back with MpsReader) solved by our branch-and-bound and by SCIP
 * (OR-Tools) with the same gap and thread count, interleaved, for a solver-to-solver ratio.
 *
 * <p>Options: {@code --time-limit S} (default 300), {@code --nets 16,10,784}, {@code --radius R} (784 net),
 * {@code --seeds N} networks per size (default 1), {@code --threads T} (default 1), {@code --output-norm l1|linf|cross:i},
 * {@code --cube-radius R} (the small nets on an l-infinity ball of radius R around a random point of the cube instead
 * of the whole cube), {@code --no-scip}.
 */
public final class LipschitzBenchmark {
    /** The paper's LipMIP wall-clock times (Gurobi, 2 threads), as quoted in issue #7: about 19-69 s per network. */
    private static final String PAPER_TIMES = "~19-69 s per network (Gurobi, 2 threads)";

    private LipschitzBenchmark() { }

    public static void main(String[] args) throws Exception {
        double timeLimit = 300;
        List<String> nets = List.of("16", "10", "784");
        double radius = 0.1;
        int seeds = 1;
        int threads = 1;
        boolean scip = true;
        String outputNorm = null;
        double cubeRadius = Double.NaN;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--time-limit" -> timeLimit = Double.parseDouble(args[++i]);
                case "--nets" -> nets = List.of(args[++i].split(","));
                case "--radius" -> radius = Double.parseDouble(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--output-norm" -> outputNorm = args[++i];
                case "--no-scip" -> scip = false;
                case "--cube-radius" -> cubeRadius = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "# LipMIP benchmark (time limit %.0f s, %d thread(s), %s) — machine shared with other jobs: times are noisy%n%n",
                timeLimit, threads, outputNorm == null ? "margin f0-f1, linf inputs" : "output norm " + outputNorm + ", linf inputs");
        List<String[]> solverRows = new ArrayList<>();
        for (String id : nets) {
            for (int seed = 1; seed <= seeds; seed++) {
                Random rnd = new Random(1000L * seed + id.hashCode());
                int[] widths = switch (id) {
                    case "16" -> new int[] {16, 16, 16, 2};
                    case "10" -> new int[] {10, 20, 30, 20, 2};
                    case "784" -> new int[] {784, 20, 20, 20, 2};
                    default -> throw new IllegalArgumentException("--nets: expected 16, 10 or 784, got " + id);
                };
                Network net = heNetwork(rnd, widths);
                InputDomain dom;
                if (id.equals("784")) {
                    double[] c = new double[784];
                    for (int i = 0; i < c.length; i++) c[i] = rnd.nextDouble();
                    dom = InputDomain.linfBall(c, radius);
                } else if (!Double.isNaN(cubeRadius)) {
                    double[] c = new double[widths[0]];
                    for (int i = 0; i < c.length; i++) c[i] = rnd.nextDouble();
                    dom = InputDomain.linfBall(c, cubeRadius);
                } else {
                    double[] lo = new double[widths[0]];
                    double[] hi = new double[widths[0]];
                    java.util.Arrays.fill(hi, 1);
                    dom = InputDomain.box(lo, hi);
                }
                String name = java.util.Arrays.toString(widths).replace(" ", "") + (id.equals("784") ? " r=" + radius : Double.isNaN(cubeRadius) ? " [0,1]^n" : " r=" + cubeRadius) + " seed " + seed;
                MipParameters mip = LipMip.defaultParameters().withTimeLimitSeconds(timeLimit).withThreads(threads);
                LipschitzMethod.Settings settings = new LipschitzMethod.Settings(mip, 2000, seed);
                LipschitzProblem scalar = null;
                VectorLipschitzProblem vector = null;
                if (outputNorm == null) scalar = new LipschitzProblem(net, OutputFunctional.logitDifference(0, 1, 2), dom, InputNorm.LINF);
                else vector = new VectorLipschitzProblem(net, OutputNorm.parse(outputNorm), dom, InputNorm.LINF);
                System.out.printf(Locale.ROOT, "## %s%n%n| method | kind | status | value | lower | upper | time s | rel. error vs LipMIP |%n|---|---|---|---|---|---|---|---|%n", name);
                List<LipschitzResult> results = new ArrayList<>();
                for (LipschitzMethod m : LipschitzMethod.values()) {
                    results.add(vector != null ? m.compute(vector, settings, BackwardEncoding.SWITCH) : m.compute(scalar, settings, BackwardEncoding.SWITCH));
                }
                LipschitzResult lipmip = results.getFirst();
                double ref = lipmip.isOptimal() ? lipmip.value() : Double.NaN;
                for (LipschitzResult r : results) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.2f | %s |%n", r.method(), r.kind().name().toLowerCase(Locale.ROOT),
                            r.status(), fmt(r.value()), fmt(r.lower()), fmt(r.upper()), r.timeSeconds(),
                            Double.isNaN(ref) || Double.isNaN(r.value()) ? "-" : String.format(Locale.ROOT, "%+.3f", (r.value() - ref) / ref));
                }
                System.out.printf(Locale.ROOT, "%nLipMIP (ours, %d thread(s)): %.1f s; paper: %s.%n%n", threads, lipmip.timeSeconds(), PAPER_TIMES);
                if (scip) {
                    Model model = vector != null ? LipMip.model(vector, BackwardEncoding.SWITCH) : LipMip.model(scalar, BackwardEncoding.SWITCH);
                    Path mps = Files.createTempFile("lipmip-", ".mps");
                    new MpsWriter().write(model, mps);
                    Model exported = MpsReader.readFile(mps);
                    Files.deleteIfExists(mps);
                    List<MipBackend> backends = List.of(new OrToolsMipBackend("SCIP", 1e-4), new NnmipMipBackend());
                    MipBackend.Run[] runs = new MipBackend.Run[2];
                    for (int b = 0; b < 2; b++) runs[b] = backends.get(b).solve(exported, timeLimit, threads);
                    solverRows.add(new String[] {name, String.valueOf(exported.numBinaryVariables()), runs[1].status(), fmt(runs[1].objective()),
                            fmt(runs[1].bound()), String.format(Locale.ROOT, "%.2f", runs[1].seconds()), runs[0].status(), fmt(runs[0].objective()),
                            fmt(runs[0].bound()), String.format(Locale.ROOT, "%.2f", runs[0].seconds()),
                            String.format(Locale.ROOT, "%.2f", runs[1].seconds() / runs[0].seconds())});
                }
            }
        }
        if (!solverRows.isEmpty()) {
            System.out.printf("## Exported LipMIP program (MPS), our B&B vs SCIP, gap 1e-4, same threads%n%n"
                    + "| network | binaries | nnmip status | nnmip incumbent | nnmip bound | nnmip s | scip status | scip incumbent | scip bound | scip s | nnmip/scip time |%n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|%n");
            for (String[] r : solverRows) System.out.println("| " + String.join(" | ", r) + " |");
            System.out.printf("%nPaper LipMIP: %s.%n", PAPER_TIMES);
        }
        System.exit(0); // OR-Tools' native threads and the solver pools must not keep the JVM alive
    }

    /** He initialisation: weights N(0, 2 / fan_in), small random biases (general position). */
    static Network heNetwork(Random rnd, int[] widths) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            double[][] w = new double[widths[k]][widths[k - 1]];
            double[] b = new double[widths[k]];
            double sd = Math.sqrt(2.0 / widths[k - 1]);
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) w[i][j] = rnd.nextGaussian() * sd;
                b[i] = rnd.nextGaussian() * 0.01;
            }
            layers.add(AffineLayer.dense(w, b));
            if (k + 1 < widths.length) layers.add(new ReluLayer(widths[k]));
        }
        return new Network(widths[0], layers);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.6g", v);
    }
}
