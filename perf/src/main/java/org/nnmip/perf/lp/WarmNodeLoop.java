package org.nnmip.perf.lp;

import java.util.Random;

import org.nnmip.lp.LpCertificates;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * Warm-started node solves on the network LPs, as branch-and-bound does them: from the root basis, tighten one
 * column's bounds to half its range (a branch), re-solve warm, restore, and so on. Prints the solve time per node
 * and the iterations, to compare LP-solver versions (run the same class against each build, interleaved).
 *
 * <p>Usage: {@code WarmNodeLoop [nodes per instance] [rounds]}
 */
public final class WarmNodeLoop {
    /** The network shapes of {@link LpBenchmark} (kept here so this loop needs only lp-simplex). */
    private static final int[][] SHAPES = {
            {5, 50, 50, 50, 50, 50, 50, 5}, {10, 20, 30, 20, 2}, {27, 300, 2}, {50, 100, 100, 10},
            {784, 20, 20, 20, 2}, {100, 256, 256, 10}};
    private static final double[] RADII = {0.05, 0.5, 0.1, 0.1, 0.02, 0.05};

    private WarmNodeLoop() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 0; round < rounds; round++) {
            for (int inst = 0; inst < SHAPES.length; inst++) {
                LpProblem p = NetworkLpGenerator.generate(1000 + inst, SHAPES[inst], RADII[inst]);
                LpSolver s = new LpSolver(p, LpParameters.defaults());
                s.solve();
                Random rnd = new Random(7);
                long nanos = 0;
                long iters0 = s.iterations();
                int optimal = 0;
                int trouble = 0;
                for (int k = 0; k < nodes; k++) {
                    int j = rnd.nextInt(p.numColumns());
                    double lo = p.columnLower(j);
                    double up = p.columnUpper(j);
                    if (!Double.isFinite(lo) || !Double.isFinite(up) || up - lo <= 1e-9) continue;
                    double mid = 0.5 * (lo + up);
                    if (rnd.nextBoolean()) s.setColumnBounds(j, lo, mid);
                    else s.setColumnBounds(j, mid, up);
                    long t0 = System.nanoTime();
                    LpStatus st = s.solve();
                    nanos += System.nanoTime() - t0;
                    if (st == LpStatus.OPTIMAL) optimal++;
                    if (st == LpStatus.NUMERICAL_TROUBLE) trouble++;
                    s.setColumnBounds(j, lo, up);
                }
                // The gap check alone (what every OPTIMAL now pays): the Lagrangian bound of the current duals.
                double[] y = s.result().rowDuals();
                double sink = 0;
                long c0 = System.nanoTime();
                for (int k = 0; k < nodes; k++) sink += LpCertificates.lagrangianBound(p, y);
                long checkNanos = System.nanoTime() - c0;
                System.out.printf("round %d %-32s nodes %d optimal %d trouble %d iterations %d time %.1f ms (%.1f us/node)"
                        + " gap check %.1f us/call (%.2f%% of a node) cleanups %s%s%n",
                        round, p.name(), nodes, optimal, trouble, s.iterations() - iters0, nanos * 1e-6,
                        nanos * 1e-3 / nodes, checkNanos * 1e-3 / nodes, 100.0 * checkNanos / nanos, cleanUps(s),
                        Double.isNaN(sink) ? " (NaN)" : "");
            }
        }
    }

    /** The clean-up count where the solver has one (older builds do not). */
    private static String cleanUps(LpSolver s) {
        try {
            return String.valueOf(LpSolver.class.getMethod("gapCleanUps").invoke(s));
        } catch (ReflectiveOperationException e) {
            return "n/a";
        }
    }
}
