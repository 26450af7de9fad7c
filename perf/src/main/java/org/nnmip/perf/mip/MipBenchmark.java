package org.nnmip.perf.mip;

import org.nnmip.io.ModelFiles;
import org.nnmip.model.Model;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Side-by-side MIP benchmark: every instance is solved by every solver in an order that rotates from instance to
 * instance and from repetition to repetition (so machine noise and cache state hit all solvers alike), with the
 * same time limit and the same thread count for all. Each answer is checked against the known optimum and on the
 * original model; times are compared as ratios ours/theirs and as shifted geometric means. Prints a Markdown table.
 *
 * <p>Usage: {@code MipBenchmark [--dir DIR] [--solu FILE] [--time-limit S] [--reps N] [--threads N]
 * [--solvers nnmip,scip,cbc,ojalgo] [--instances a,b,...] [--speedup [--speedup-threads K]]}.
 * {@code --speedup} runs only nnmip, with 1 and with K (default 2) threads interleaved.
 */
public final class MipBenchmark {
    /** nnmip's default relative gap; SCIP and CBC get the same so that nobody stops earlier than the others. */
    static final double RELATIVE_GAP = 1e-4;

    record Instance(String name, Model model, double knownOptimum, boolean known) {
    }

    /** One column of the table: a solver with its thread count. */
    record Contender(MipBackend backend, int threads) {
        String name() {
            return backend.name();
        }
    }

    /** Benchmark settings, with the defaults of the README numbers. */
    record Settings(Path dir, Path solu, double timeLimit, int reps, int threads, List<String> solvers,
                    Set<String> only, boolean speedup, int speedupThreads) {
        static Settings parse(String[] args) {
            Path dir = Path.of("testdata", "mip");
            Path solu = null;
            double timeLimit = 30;
            int reps = 1;
            int threads = 1;
            List<String> solvers = List.of("nnmip", "scip", "cbc", "ojalgo");
            Set<String> only = Set.of();
            boolean speedup = false;
            int speedupThreads = 2;
            for (int a = 0; a < args.length; a++) {
                String opt = args[a];
                if (!opt.equals("--speedup") && a + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + opt + " needs a value");
                }
                switch (opt) {
                    case "--dir" -> dir = Path.of(args[++a]);
                    case "--solu" -> solu = Path.of(args[++a]);
                    case "--time-limit" -> timeLimit = Double.parseDouble(args[++a]);
                    case "--reps" -> reps = Integer.parseInt(args[++a]);
                    case "--threads" -> threads = Integer.parseInt(args[++a]);
                    case "--solvers" -> solvers = List.of(args[++a].split(","));
                    case "--instances" -> only = Set.of(args[++a].split(","));
                    case "--speedup" -> speedup = true;
                    case "--speedup-threads" -> speedupThreads = Integer.parseInt(args[++a]);
                    default -> throw new IllegalArgumentException("unknown option " + opt);
                }
            }
            if (!(timeLimit > 0)) throw new IllegalArgumentException("--time-limit must be > 0");
            if (reps < 1) throw new IllegalArgumentException("--reps must be >= 1");
            if (threads < 1 || speedupThreads < 2) {
                throw new IllegalArgumentException("--threads must be >= 1 and --speedup-threads >= 2");
            }
            if (solu == null) solu = dir.resolve("miplib3.solu");
            return new Settings(dir, solu, timeLimit, reps, threads, solvers, only, speedup, speedupThreads);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        run(s, System.out);
        System.exit(0); // OR-Tools and ojAlgo may leave non-daemon threads behind
    }

    /** Loads the instances, runs all contenders interleaved and prints the report; returns the runs. */
    static Map<String, Map<String, List<MipBackend.Run>>> run(Settings s, PrintStream out) throws Exception {
        List<Instance> instances = loadInstances(s);
        if (instances.isEmpty()) throw new IllegalArgumentException("no .mps instances in " + s.dir());
        List<Contender> contenders = contenders(s);
        String loadBefore = MipReport.loadAverage();

        // Warm up the JIT (and OR-Tools' native loading) on the three smallest instances so that the first measured
        // run is not a cold start; Java solvers still speed up over the first seconds, so use --reps 3 for numbers.
        List<Instance> bySize = instances.stream().sorted(Comparator.comparingLong(in -> in.model().numNonzeros()))
                .limit(3).toList();
        for (Instance in : bySize) {
            for (Contender c : contenders) c.backend().solve(in.model(), Math.min(5, s.timeLimit()), c.threads());
        }

        Map<String, Map<String, List<MipBackend.Run>>> runs = new LinkedHashMap<>();
        int k = contenders.size();
        for (int r = 0; r < s.reps(); r++) {
            for (int i = 0; i < instances.size(); i++) {
                Instance in = instances.get(i);
                Map<String, List<MipBackend.Run>> byContender = runs.computeIfAbsent(in.name(), x -> new LinkedHashMap<>());
                for (Contender c : contenders) byContender.computeIfAbsent(c.name(), x -> new ArrayList<>());
                for (int b = 0; b < k; b++) {
                    Contender c = contenders.get((b + i + r) % k);
                    System.gc(); // do not bill one solver for another's garbage
                    byContender.get(c.name()).add(c.backend().solve(in.model(), s.timeLimit(), c.threads()));
                }
            }
        }
        MipReport report = new MipReport(s, instances, contenders, runs, loadBefore, MipReport.loadAverage());
        if (s.speedup()) report.printSpeedup(out);
        else report.printComparison(out);
        return runs;
    }

    static List<Contender> contenders(Settings s) {
        List<Contender> list = new ArrayList<>();
        if (s.speedup()) {
            list.add(new Contender(new NnmipMipBackend("nnmip-1t"), 1));
            list.add(new Contender(new NnmipMipBackend("nnmip-" + s.speedupThreads() + "t"), s.speedupThreads()));
            return list;
        }
        for (String name : s.solvers()) {
            MipBackend b = switch (name) {
                case "nnmip" -> new NnmipMipBackend();
                case "scip" -> new OrToolsMipBackend("SCIP", RELATIVE_GAP);
                case "cbc" -> new OrToolsMipBackend("CBC", RELATIVE_GAP);
                case "ojalgo" -> new OjAlgoMipBackend();
                default -> throw new IllegalArgumentException("unknown solver " + name
                        + " (expected nnmip, scip, cbc or ojalgo)");
            };
            list.add(new Contender(b, s.threads()));
        }
        if (list.isEmpty() || !list.get(0).name().equals("nnmip")) {
            throw new IllegalArgumentException("--solvers must start with nnmip (ratios are ours/theirs)");
        }
        return list;
    }

    static List<Instance> loadInstances(Settings s) throws Exception {
        KnownOptima optima = Files.exists(s.solu()) ? KnownOptima.read(s.solu()) : KnownOptima.none();
        List<Instance> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(s.dir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mps") || p.toString().endsWith(".mps.gz"))
                    .sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.mps(\\.gz)?$", "");
                if (!s.only().isEmpty() && !s.only().contains(name)) continue;
                list.add(new Instance(name, ModelFiles.read(f), optima.optimum(name), optima.knows(name)));
            }
        }
        if (!s.only().isEmpty() && list.size() != s.only().size()) {
            List<String> found = list.stream().map(Instance::name).toList();
            throw new IllegalArgumentException("instances not found in " + s.dir() + ": "
                    + s.only().stream().filter(n -> !found.contains(n)).sorted().toList());
        }
        return list;
    }

}
