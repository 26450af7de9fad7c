package org.nnmip.perf.lp;

import org.nnmip.io.ModelFiles;
import org.nnmip.lp.LpProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Side-by-side LP benchmark: every instance is solved by every backend in rotating order, repeated, and the
 * median times are compared as ratios ours/theirs (so machine noise hits all solvers alike). Prints a Markdown
 * table for the README.
 *
 * <p>Usage: {@code LpBenchmark [--reps N] [--time-limit S] [--netlib DIR] [--network-only] [--no-ojalgo] [--cpu]}
 *
 * <p>{@code --cpu} times each solve by the calling thread's CPU time instead of wall time (the native solvers run
 * in the calling thread too), which keeps the ratios meaningful on a machine loaded by other work.
 */
public final class LpBenchmark {
    record Instance(String group, String name, LpProblem problem) {
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int reps = 5;
        double timeLimit = 60;
        Path netlib = Path.of("testdata", "lp");
        boolean networkOnly = false;
        boolean ojalgo = true;
        boolean cpu = false;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--reps" -> reps = Integer.parseInt(args[++a]);
                case "--time-limit" -> timeLimit = Double.parseDouble(args[++a]);
                case "--netlib" -> netlib = Path.of(args[++a]);
                case "--network-only" -> networkOnly = true;
                case "--no-ojalgo" -> ojalgo = false;
                case "--cpu" -> cpu = true;
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        List<Instance> instances = new ArrayList<>();
        if (!networkOnly && Files.isDirectory(netlib)) {
            try (Stream<Path> files = Files.list(netlib)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".mps")).sorted().toList()) {
                    String name = f.getFileName().toString().replace(".mps", "");
                    instances.add(new Instance("netlib", name, ModelFiles.read(f).toLpProblem()));
                }
            }
        }
        instances.addAll(networkInstances());

        List<LpBackend> backends = new ArrayList<>();
        backends.add(new NnmipLpBackend(true));
        backends.add(new OrToolsLpBackend("GLOP"));
        backends.add(new OrToolsLpBackend("HIGHS_LP"));
        if (ojalgo) backends.add(new OjAlgoLpBackend());

        // Warm up every JIT path once on the smallest instances so the first measured run is not a cold start.
        for (Instance in : instances.subList(0, Math.min(3, instances.size()))) {
            for (LpBackend b : backends) b.solve(in.problem(), timeLimit);
        }
        Map<String, Map<String, List<LpBackend.Run>>> runs = new LinkedHashMap<>();
        for (int r = 0; r < reps; r++) {
            for (Instance in : instances) {
                Map<String, List<LpBackend.Run>> byBackend = runs.computeIfAbsent(in.name(), k -> new LinkedHashMap<>());
                for (int b = 0; b < backends.size(); b++) {
                    LpBackend backend = backends.get((b + r) % backends.size());
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    LpBackend.Run run = backend.solve(in.problem(), timeLimit);
                    if (cpu) {
                        run = new LpBackend.Run(run.status(), run.objective(), run.iterations(),
                                (THREADS.getCurrentThreadCpuTime() - c0) * 1e-9);
                    }
                    byBackend.computeIfAbsent(backend.name(), k -> new ArrayList<>()).add(run);
                }
            }
        }
        if (cpu) System.out.println("Times are thread CPU times.");
        print(instances, backends, runs, reps);
    }

    static List<Instance> networkInstances() {
        return networkInstances(1000);
    }

    /** The network shapes with generator seeds firstSeed, firstSeed + 1, ... */
    static List<Instance> networkInstances(long firstSeed) {
        List<Instance> list = new ArrayList<>();
        int[][] shapes = {
                {5, 50, 50, 50, 50, 50, 50, 5},   // ACAS Xu shape
                {10, 20, 30, 20, 2},              // LipMIP's [10,20,30,20,2]
                {27, 300, 2},                     // Cheng et al.'s 27-300 classifier
                {50, 100, 100, 10},
                {784, 20, 20, 20, 2},             // LipMIP's MNIST-size network
                {100, 256, 256, 10},
        };
        double[] radii = {0.05, 0.5, 0.1, 0.1, 0.02, 0.05};
        for (int s = 0; s < shapes.length; s++) {
            LpProblem p = NetworkLpGenerator.generate(firstSeed + s, shapes[s], radii[s]);
            list.add(new Instance("network", p.name(), p));
        }
        return list;
    }

    private static void print(List<Instance> instances, List<LpBackend> backends,
                              Map<String, Map<String, List<LpBackend.Run>>> runs, int reps) {
        String ours = backends.get(0).name();
        StringBuilder head = new StringBuilder("| instance | rows | cols | nnz |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|");
        for (LpBackend b : backends) {
            head.append(' ').append(b.name()).append(" ms (iters) |");
            rule.append("---:|");
        }
        for (LpBackend b : backends.subList(1, backends.size())) {
            head.append(" ours/").append(b.name()).append(" |");
            rule.append("---:|");
        }
        System.out.println("Median of " + reps + " interleaved runs; ratio < 1 means nnmip is faster.");
        System.out.println(head);
        System.out.println(rule);
        Map<String, Map<String, List<Double>>> ratiosByGroup = new LinkedHashMap<>();
        for (Instance in : instances) {
            Map<String, List<LpBackend.Run>> byBackend = runs.get(in.name());
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %d | %d |", in.name(),
                    in.problem().numRows(), in.problem().numColumns(), in.problem().numNonzeros()));
            double reference = byBackend.get("glop").get(0).objective();
            double oursMedian = median(byBackend.get(ours));
            for (LpBackend b : backends) {
                List<LpBackend.Run> rs = byBackend.get(b.name());
                LpBackend.Run first = rs.get(0);
                boolean agrees = !Double.isNaN(first.objective()) && !Double.isNaN(reference)
                        && Math.abs(first.objective() - reference) <= 1e-6 * Math.max(1, Math.abs(reference));
                String flag = agrees ? "" : " [" + first.status() + (Double.isNaN(first.objective()) ? ""
                        : String.format(Locale.ROOT, " %.6g", first.objective())) + "]";
                row.append(String.format(Locale.ROOT, " %.2f (%s)%s |", median(rs) * 1e3,
                        first.iterations() < 0 ? "-" : Long.toString(first.iterations()), flag));
            }
            for (LpBackend b : backends.subList(1, backends.size())) {
                double ratio = oursMedian / median(byBackend.get(b.name()));
                ratiosByGroup.computeIfAbsent(in.group(), g -> new LinkedHashMap<>())
                        .computeIfAbsent(b.name(), k -> new ArrayList<>()).add(ratio);
                row.append(String.format(Locale.ROOT, " %.2f |", ratio));
            }
            System.out.println(row);
        }
        System.out.println();
        for (var g : ratiosByGroup.entrySet()) {
            StringBuilder line = new StringBuilder("geometric mean ours/theirs, " + g.getKey() + ":");
            for (var e : g.getValue().entrySet()) {
                double logSum = 0;
                for (double v : e.getValue()) logSum += Math.log(v);
                line.append(String.format(Locale.ROOT, "  %s %.2f", e.getKey(), Math.exp(logSum / e.getValue().size())));
            }
            System.out.println(line);
        }
    }

    private static double median(List<LpBackend.Run> rs) {
        double[] t = rs.stream().mapToDouble(LpBackend.Run::seconds).toArray();
        Arrays.sort(t);
        return t.length % 2 == 1 ? t[t.length / 2] : 0.5 * (t[t.length / 2 - 1] + t[t.length / 2]);
    }
}
