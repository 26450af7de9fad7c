package org.nnmip.perf.lp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * Profiling driver: cold solves of the network LPs in a loop (thread CPU time, so a loaded machine does not
 * distort the numbers), and the branch-and-bound warm-start case: after the root solve, tighten one fractional
 * column to floor/ceil of its value and re-solve, restore, next column.
 *
 * <p>Usage: {@code LpProfile [--loops N] [--only NAMEPART] [--warm K] [--scalar] [--netlib] [--seeds K] [--refactor K] [--no-perturbation] [--no-scaling]}
 */
public final class LpProfile {
    private LpProfile() {
    }

    public static void main(String[] args) throws Exception {
        int loops = 3;
        String only = null;
        int warm = 0;
        boolean vector = true;
        boolean netlib = false;
        int seeds = 0;
        boolean perturb = true;
        boolean scale = true;
        int refactor = LpParameters.defaults().refactorInterval();
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--loops" -> loops = Integer.parseInt(args[++a]);
                case "--only" -> only = args[++a];
                case "--warm" -> warm = Integer.parseInt(args[++a]);
                case "--scalar" -> vector = false;
                case "--netlib" -> netlib = true;
                case "--seeds" -> seeds = Integer.parseInt(args[++a]);
                case "--no-perturbation" -> perturb = false;
                case "--no-scaling" -> scale = false;
                case "--refactor" -> refactor = Integer.parseInt(args[++a]);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        LpParameters params = LpParameters.defaults().withVectorKernels(vector)
                .withRefactorInterval(refactor).withPerturbation(perturb).withScaling(scale);
        List<LpBenchmark.Instance> instances = new ArrayList<>();
        if (netlib) {
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of("testdata", "lp"))) {
                for (var f : files.filter(x -> x.toString().endsWith(".mps")).sorted().toList()) {
                    instances.add(new LpBenchmark.Instance("netlib", f.getFileName().toString(),
                            org.nnmip.io.ModelFiles.read(f).toLpProblem()));
                }
            }
        }
        instances.addAll(LpBenchmark.networkInstances());
        for (int k = 0; k < seeds; k++) {
            for (LpBenchmark.Instance in : LpBenchmark.networkInstances(2000 + 100 * k)) instances.add(in);
        }
        for (LpBenchmark.Instance in : instances) {
            if (only != null && !in.name().contains(only)) continue;
            LpProblem p = in.problem();
            double best = Double.POSITIVE_INFINITY;
            long iters = 0;
            double obj = Double.NaN;
            LpStatus status = null;
            for (int l = 0; l < loops; l++) {
                long c0 = bean.getCurrentThreadCpuTime();
                LpSolver s = new LpSolver(p.copy(), params);
                status = s.solve();
                double ms = (bean.getCurrentThreadCpuTime() - c0) * 1e-6;
                if (System.getProperty("lpprofile.verbose") != null) System.out.printf(Locale.ROOT, "  loop %d: %.2f ms%n", l, ms);
                best = Math.min(best, ms);
                iters = s.iterations();
                obj = s.objectiveValue();
            }
            System.out.printf(Locale.ROOT, "%-36s rows %5d cols %5d  %s obj %.9g  iters %6d  cpu %9.2f ms  %.1f us/iter%n",
                    in.name(), p.numRows(), p.numColumns(), status, obj, iters, best, 1e3 * best / Math.max(1, iters));
            if (warm > 0) {
                warmStarts(p, params, warm, bean, false); // JIT warm-up
                warmStarts(p, params, warm, bean, true);
            }
        }
    }

    /**
     * B&B-like re-solves: pick a ReLU indicator that is fractional in the current solution, branch on it (down and
     * up alternately), solve, restore the bound, solve again, next.
     */
    private static void warmStarts(LpProblem p, LpParameters params, int count, ThreadMXBean bean, boolean print) {
        LpSolver s = new LpSolver(p.copy(), params);
        s.solve();
        double[] x = new double[p.numColumns()];
        int done = 0;
        long iters0 = s.iterations();
        long c0 = bean.getCurrentThreadCpuTime();
        int j = 0;
        while (done < count) {
            s.columnValues(x);
            int pick = -1;
            for (int t = 0; t < x.length && pick < 0; t++) {
                int c = (j + t) % x.length;
                if (p.columnLower(c) == 0 && p.columnUpper(c) == 1 && x[c] > 1e-6 && x[c] < 1 - 1e-6) pick = c;
            }
            if (pick < 0) break;
            j = pick + 1;
            if ((done & 1) == 0) s.setColumnBounds(pick, 0, 0);
            else s.setColumnBounds(pick, 1, 1);
            s.solve();
            s.setColumnBounds(pick, 0, 1);
            s.solve();
            done++;
        }
        double ms = (bean.getCurrentThreadCpuTime() - c0) * 1e-6;
        long iters = s.iterations() - iters0;
        if (print) System.out.printf(Locale.ROOT, "    warm: %d branch+restore re-solves, %.1f iters/solve, %.3f ms cpu/solve%n",
                2 * done, iters / Math.max(1.0, 2 * done), ms / Math.max(1, 2 * done));
    }
}
