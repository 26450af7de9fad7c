package org.nnmip.perf.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.nnmip.io.MpsReader;
import org.nnmip.io.MpsWriter;
import org.nnmip.mip.MipParameters;
import org.nnmip.model.Model;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibParser;
import org.nnmip.nnverify.verify.VerificationOptions;
import org.nnmip.nnverify.verify.VerificationResult;
import org.nnmip.nnverify.verify.Verifier;
import org.nnmip.perf.mip.MipBackend;
import org.nnmip.perf.mip.NnmipMipBackend;
import org.nnmip.perf.mip.OrToolsMipBackend;

/**
 * ACAS Xu properties 1-4 on every network of {@code DATA/acasxu/nnet} and the MNIST-FC 256x2 properties of
 * {@code DATA/mnistfc/vnnlib}, each verified with a per-instance time limit; prints our answer and time next to the
 * expected answer and the published times of nnenum, alpha-beta-CROWN, Marabou (VNN-COMP 2021) and MIPVerify
 * (VNN-COMP 2020, ACAS Xu only). For each instance one encoded MIP (the hardest output conjunct over the first input
 * box: the one whose symbolic margin bound is largest) is written as MPS, read back, and solved to optimality by
 * our branch-and-bound and by OR-Tools SCIP with the same limit and gap: the solver-to-solver time ratio when both
 * prove the optimum, else each solver's proven bound on the maximal margin at the limit.
 *
 * <p>Options: {@code --data DIR} (default ../shared/data/nn, else testdata/nn), {@code --time-limit S} (5),
 * {@code --mip-limit S} (5), {@code --threads N} (1), {@code --only acas|mnist}, {@code --nets 1_1,3_3},
 * {@code --mps-dir DIR} (perf/target/verify-mps), {@code --no-mip}.
 */
public final class VerifyBenchmark {
    private VerifyBenchmark() { }

    private record Instance(String family, String net, String prop, Path netFile, Path propFile) {
        String key() { return net + "/" + prop; }
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        double limit = 5;
        double mipLimit = 5;
        int threads = 1;
        String only = "";
        List<String> nets = null;
        Path mpsDir = Path.of("perf/target/verify-mps");
        boolean mip = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--time-limit" -> limit = Double.parseDouble(args[++i]);
                case "--mip-limit" -> mipLimit = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--nets" -> nets = List.of(args[++i].split(","));
                case "--mps-dir" -> mpsDir = Path.of(args[++i]);
                case "--no-mip" -> mip = false;
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (data == null) data = Files.isDirectory(Path.of("../shared/data/nn")) ? Path.of("../shared/data/nn") : Path.of("testdata/nn");
        PublishedResults published = PublishedResults.read(data.resolve("GROUND_TRUTH.md"));
        List<Instance> instances = instances(data, only, nets);
        Files.createDirectories(mpsDir);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "# verify benchmark: %d instances from %s, limit %.0f s per instance, MIP limit %.0f s, %d thread(s), %d published rows%n",
                instances.size(), data, limit, mipLimit, threads, published.size());
        out.println("| net | prop | expected | nnmip | time s | nnenum | abCROWN | Marabou | MIPVerify | MIP bin | nnmip MIP s | SCIP s | ratio |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        MipBackend ours = new NnmipMipBackend();
        MipBackend scip = mip ? new OrToolsMipBackend("SCIP", MipParameters.defaults().relativeGap()) : null;
        int agree = 0;
        int decided = 0;
        int wrong = 0;
        double sumRatio = 0;
        int ratios = 0;
        for (Instance in : instances) {
            Network net = NetworkFiles.read(in.netFile);
            Property p = VnnlibParser.parse(in.propFile);
            VerificationOptions o = VerificationOptions.defaults().withTimeLimitSeconds(limit).withThreads(threads);
            VerificationResult r = new Verifier(net, o).verify(p);
            String expected = published.expected(in.key()).replace(" (*)", ""); // (*): contested, see GROUND_TRUTH.md
            String ours2 = switch (r.verdict()) {
                case SAT -> "violated";
                case UNSAT -> "holds";
                case UNKNOWN -> "unknown";
            };
            if (!ours2.equals("unknown")) {
                decided++;
                if (ours2.equals(expected)) agree++;
                else if (!expected.equals("-") && !expected.equals("unknown")) wrong++;
            }
            String bins = "-";
            String oursMip = "-";
            String scipMip = "-";
            String ratio = "-";
            if (mip) {
                Model model = hardestMarginModel(net, p, o);
                Path mps = mpsDir.resolve(in.family + "_" + in.net + "_" + in.prop + ".mps");
                new MpsWriter().write(model, mps);
                Model back = MpsReader.readFile(mps);
                bins = Integer.toString(back.numBinaryVariables());
                MipBackend.Run a = ours.solve(back, mipLimit, threads);
                MipBackend.Run b = scip.solve(back, mipLimit, threads);
                oursMip = String.format(Locale.ROOT, "%.2f %s", a.seconds(), shortStatus(a.status(), a.bound()));
                scipMip = String.format(Locale.ROOT, "%.2f %s", b.seconds(), shortStatus(b.status(), b.bound()));
                if (a.claimsOptimal() && b.claimsOptimal()) {
                    double q = a.seconds() / Math.max(b.seconds(), 1e-3);
                    ratio = String.format(Locale.ROOT, "%.2f", q);
                    sumRatio += Math.log(q);
                    ratios++;
                }
            }
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s | %s | %s | %s | %s | %s | %s |%n", in.net, in.prop, expected,
                    ours2 + (ours2.equals("unknown") || expected.equals("-") || ours2.equals(expected) ? "" : " WRONG"), r.timeSeconds(),
                    published.get(in.key(), "nnenum21", "nnenum"), published.get(in.key(), "abCROWN21", "abCROWN"),
                    published.get(in.key(), "Marabou21", "Marabou"), published.get(in.key(), "MIPVerify20"),
                    bins, oursMip, scipMip, ratio);
            out.flush();
        }
        out.printf(Locale.ROOT, "# decided %d of %d (%d agree with the expected answer, %d disagree)%n", decided, instances.size(), agree, wrong);
        if (ratios > 0) out.printf(Locale.ROOT, "# MIP time ratio nnmip/SCIP, geometric mean over %d instances both solved to optimality: %.2f%n",
                ratios, Math.exp(sumRatio / ratios));
        System.exit(wrong > 0 ? 1 : 0);
    }

    /** "opt", or the status with the proven bound on the maximal margin (comparable across solvers at a limit). */
    private static String shortStatus(String s, double bound) {
        if (s.equals("optimal")) return "opt";
        String st = s.replace("time_limit", "TL").replace("interrupted", "TL").replace("not_solved", "TL");
        // the margin is maximised: only a finite upper bound says something (none is reported before the root LP)
        return Double.isFinite(bound) ? String.format(Locale.ROOT, "%s (bound %.3g)", st, bound) : st;
    }

    private static List<Instance> instances(Path data, String only, List<String> nets) throws IOException {
        List<Instance> list = new ArrayList<>();
        if (!only.equals("mnist")) {
            Path dir = data.resolve("acasxu/nnet");
            if (!Files.isDirectory(dir)) dir = data.resolve("acasxu");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(f -> f.getFileName().toString().endsWith(".nnet")).sorted().toList();
            }
            for (Path f : files) {
                String name = f.getFileName().toString().replace("ACASXU_run2a_", "").replace("_batch_2000.nnet", "");
                if (nets != null && !nets.contains(name)) continue;
                for (int prop = 1; prop <= 4; prop++) {
                    list.add(new Instance("acasxu", name, "prop_" + prop, f, data.resolve("acasxu/vnnlib/prop_" + prop + ".vnnlib")));
                }
            }
        }
        if (!only.equals("acas")) {
            Path net = data.resolve("mnistfc/mnist-net_256x2.onnx");
            List<Path> props;
            try (Stream<Path> s = Files.list(data.resolve("mnistfc/vnnlib"))) {
                props = s.filter(f -> f.getFileName().toString().endsWith(".vnnlib")).sorted().toList();
            }
            for (Path p : props) list.add(new Instance("mnistfc", "256x2", p.getFileName().toString().replace(".vnnlib", ""), net, p));
        }
        return list;
    }

    /** The margin MIP of the output conjunct with the largest symbolic margin bound over the first input box. */
    private static Model hardestMarginModel(Network net, Property p, VerificationOptions o) {
        Box box = p.inputBoxes().getFirst();
        List<OutputConstraint> best = null;
        double bestBound = Double.NEGATIVE_INFINITY;
        for (List<OutputConstraint> conj : p.outputCondition().disjuncts()) {
            if (conj.isEmpty()) continue;
            double[][] c = new double[conj.size()][];
            double[] b = new double[conj.size()];
            for (int k = 0; k < c.length; k++) {
                c[k] = conj.get(k).coefficients();
                b[k] = -conj.get(k).rhs();
            }
            NetworkBounds nb = SymbolicBounds.compute(net.followedBy(List.of(AffineLayer.dense(c, b))), box);
            double t = Double.POSITIVE_INFINITY;
            for (double l : nb.outputLower()) t = Math.min(t, -l);
            if (best == null || t > bestBound) {
                best = conj;
                bestBound = t;
            }
        }
        return Verifier.marginModel(net, box, best, o.withTimeLimitSeconds(60));
    }
}
