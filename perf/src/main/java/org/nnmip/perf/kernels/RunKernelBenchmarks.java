package org.nnmip.perf.kernels;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link KernelBenchmark} with short settings (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement) and prints
 * scalar vs vector ns/op with the speed-up. Usage: {@code java -cp 'perf/target/classes:perf/target/lib/*'
 * org.nnmip.perf.kernels.RunKernelBenchmarks [regex]} (the regex filters benchmark methods).
 */
public final class RunKernelBenchmarks {
    private RunKernelBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        String filter = args.length > 0 ? args[0] : "";
        Options options = new OptionsBuilder()
                .include(KernelBenchmark.class.getName() + "\\..*" + filter + ".*")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector")
                .build();
        Collection<RunResult> results = new Runner(options).run();

        // kernel -> n -> impl -> [score, error]
        Map<String, Map<Integer, Map<String, double[]>>> table = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            String kernel = method.substring(method.lastIndexOf('.') + 1);
            int n = Integer.parseInt(r.getParams().getParam("n"));
            String impl = r.getParams().getParam("impl");
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            table.computeIfAbsent(kernel, k -> new TreeMap<>())
                    .computeIfAbsent(n, k -> new TreeMap<>())
                    .put(impl, new double[] {score, error});
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-26s %6s %20s %20s %9s%n", "kernel", "n", "scalar ns/op", "vector ns/op",
                "speed-up");
        table.forEach((kernel, byN) -> byN.forEach((n, byImpl) -> {
            double[] s = byImpl.get("scalar");
            double[] v = byImpl.get("vector");
            System.out.printf(Locale.ROOT, "%-26s %6d %20s %20s %9s%n", kernel, n, format(s), format(v),
                    s != null && v != null ? String.format(Locale.ROOT, "%.2fx", s[0] / v[0]) : "-");
        }));
    }

    private static String format(double[] scoreAndError) {
        if (scoreAndError == null) return "-";
        return String.format(Locale.ROOT, "%.1f ± %.1f", scoreAndError[0], scoreAndError[1]);
    }
}
