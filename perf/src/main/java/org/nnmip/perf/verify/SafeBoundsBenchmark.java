package org.nnmip.perf.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibParser;
import org.nnmip.nnverify.verify.Strategy;
import org.nnmip.nnverify.verify.VerificationOptions;
import org.nnmip.nnverify.verify.VerificationResult;
import org.nnmip.nnverify.verify.Verifier;

/**
 * The cost of rigorous (safe) bounds in {@code verify} on ACAS Xu: every instance is run with safe bounds (the
 * default) and with plain LP bounds (system property {@code nnmip.unsafeBounds}), interleaved (safe, plain, plain,
 * safe, ...) so that load drifts hit both alike; reports per-instance medians, their ratio and the verdicts, which
 * must agree. Arguments: {@code [repetitions] [testdata dir] [all|mip|hard]} (mip: the unsat instances forced
 * through one MIP each; hard: 3_3 prop 3 as one MIP under a 60 s limit, where both modes time out and the
 * comparison is branch-and-bound nodes per second).
 */
public final class SafeBoundsBenchmark {
    private record Instance(String net, int prop, Strategy strategy) { }

    private static final List<Instance> INSTANCES = List.of(
            new Instance("1_6", 3, Strategy.MIP), new Instance("1_9", 3, Strategy.MIP),
            new Instance("1_9", 4, Strategy.AUTO), new Instance("2_1", 2, Strategy.AUTO),
            new Instance("5_9", 2, Strategy.AUTO), new Instance("5_9", 3, Strategy.AUTO),
            new Instance("1_6", 4, Strategy.SPLIT), new Instance("3_3", 3, Strategy.SPLIT),
            new Instance("3_3", 4, Strategy.SPLIT), new Instance("2_1", 4, Strategy.SPLIT),
            new Instance("1_1", 1, Strategy.SPLIT), new Instance("2_1", 3, Strategy.SPLIT));

    /** The unsat instances forced through one MIP each: branch-and-bound does all the work. */
    private static final List<Instance> MIP_INSTANCES = List.of(
            new Instance("1_6", 3, Strategy.MIP), new Instance("5_9", 3, Strategy.MIP),
            new Instance("3_3", 4, Strategy.MIP), new Instance("3_3", 3, Strategy.MIP),
            new Instance("2_1", 4, Strategy.MIP), new Instance("1_6", 4, Strategy.MIP));

    private SafeBoundsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path data = Path.of(args.length > 1 ? args[1] : "testdata").resolve("nn").resolve("acasxu");
        System.out.printf(Locale.ROOT, "%-14s %-6s %-8s %10s %10s %7s %9s %9s%n", "instance", "strat", "verdict",
                "safe s", "plain s", "ratio", "nodes s", "nodes p");
        double sumSafe = 0, sumPlain = 0;
        List<Double> ratios = new ArrayList<>();
        String which = args.length > 2 ? args[2] : "all";
        List<Instance> set = switch (which) {
            case "mip" -> MIP_INSTANCES;
            case "hard" -> List.of(new Instance("3_3", 3, Strategy.MIP));
            default -> INSTANCES;
        };
        double limit = which.equals("hard") ? 60 : 300;
        for (Instance in : set) {
            Network net = NetworkFiles.read(data.resolve("ACASXU_run2a_" + in.net() + "_batch_2000.nnet"));
            Property p = VnnlibParser.parse(data.resolve("vnnlib").resolve("prop_" + in.prop() + ".vnnlib"));
            double[] safe = new double[reps];
            double[] plain = new double[reps];
            long nodesSafe = 0, nodesPlain = 0;
            double nodeRateSafe = 0, nodeRatePlain = 0;
            String verdict = null;
            for (int r = 0; r < 2 * reps; r++) {
                // order s p p s s p ...: each mode runs first equally often
                boolean safeRun = (r % 4 == 0) || (r % 4 == 3);
                System.setProperty("nnmip.unsafeBounds", Boolean.toString(!safeRun));
                VerificationResult res = new Verifier(net, VerificationOptions.defaults().withStrategy(in.strategy())
                        .withTimeLimitSeconds(limit)).verify(p);
                String v = res.verdict().toString();
                if (verdict == null) verdict = v;
                else if (!verdict.equals(v)) throw new IllegalStateException(in + ": verdicts differ: " + verdict + " vs " + v);
                if (safeRun) {
                    safe[countFilled(safe)] = res.timeSeconds();
                    nodesSafe = res.statistics().mipNodes();
                    nodeRateSafe += nodesSafe / res.timeSeconds() / reps;
                } else {
                    plain[countFilled(plain)] = res.timeSeconds();
                    nodesPlain = res.statistics().mipNodes();
                    nodeRatePlain += nodesPlain / res.timeSeconds() / reps;
                }
            }
            System.clearProperty("nnmip.unsafeBounds");
            double ms = median(safe), mp = median(plain);
            sumSafe += ms;
            sumPlain += mp;
            ratios.add(ms / mp);
            System.out.printf(Locale.ROOT, "%-14s %-6s %-8s %10.3f %10.3f %7.3f %9d %9d%n",
                    in.net() + " prop" + in.prop(), in.strategy(), verdict, ms, mp, ms / mp, nodesSafe, nodesPlain);
            if (which.equals("hard")) {
                System.out.printf(Locale.ROOT, "  nodes per second: safe %.1f, plain %.1f (plain/safe %.3f)%n",
                        nodeRateSafe, nodeRatePlain, nodeRatePlain / nodeRateSafe);
            }
        }
        double[] rs = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "total: safe %.3f s, plain %.3f s, ratio of totals %.3f, median ratio %.3f%n",
                sumSafe, sumPlain, sumSafe / sumPlain, median(rs));
    }

    private static int countFilled(double[] a) {
        int k = 0;
        while (k < a.length && a[k] != 0) k++;
        return k;
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }
}
