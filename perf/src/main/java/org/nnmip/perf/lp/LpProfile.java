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
 * <p>Usage: {@code LpProfile [--loops N] [--only NAMEPART] [--warm K] [--scalar] [--refactor K]}
 */
public final class LpProfile {
    private LpProfile() {
    }

    public static void main(String[] args) {
        int loops = 3;
        String only = null;
        int warm = 0;
        boolean vector = true;
        int refactor = LpParameters.defaults().refactorInterval();
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--loops" -> loops = Integer.parseInt(args[++a]);
                case "--only" -> only = args[++a];
                case "--warm" -> warm = Integer.parseInt(args[++a]);
                case "--scalar" -> vector = false;
                case "--refactor" -> refactor = Integer.parseInt(args[++a]);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        LpParameters params = LpParameters.defaults().withVectorKernels(vector)
                .withRefactorInterval(refactor);
        List<LpBenchmark.Instance> instances = new ArrayList<>(LpBenchmark.networkInstances());
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
            if (warm > 0) warmStarts(p, params, warm, bean);
        }
    }

    /** B&B-like re-solves: one bound change on a fractional column, solve, restore the bound, next. */
    private static void warmStarts(LpProblem p, LpParameters params, int count, ThreadMXBean bean) {
        LpSolver s = new LpSolver(p.copy(), params);
        s.solve();
        double[] x = new double[p.numColumns()];
        s.columnValues(x);
        int done = 0;
        long iters0 = s.iterations();
        long c0 = bean.getCurrentThreadCpuTime();
        for (int j = 0; j < p.numColumns() && done < count; j++) {
            double lo = p.columnLower(j);
            double up = p.columnUpper(j);
            if (!(lo == 0 && up == 1)) continue; // the ReLU indicators
            double v = x[j];
            if (v < 1e-6 || v > 1 - 1e-6) continue;
            boolean down = (done & 1) == 0;
            if (down) s.setColumnBounds(j, lo, 0);
            else s.setColumnBounds(j, 1, up);
            s.solve();
            s.setColumnBounds(j, lo, up);
            s.solve();
            done++;
        }
        double ms = (bean.getCurrentThreadCpuTime() - c0) * 1e-6;
        long iters = s.iterations() - iters0;
        System.out.printf(Locale.ROOT, "    warm: %d branch+restore re-solves, %.1f iters/solve, %.3f ms cpu/solve%n",
                2 * done, iters / Math.max(1.0, 2 * done), ms / Math.max(1, 2 * done));
    }
}
