package org.nnmip.lp.solver;

import java.util.Random;

import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;

/** Seeded random LPs with every kind of bound; most are feasible around a hidden point, some are not. */
final class RandomLps {
    private static final double INF = Double.POSITIVE_INFINITY;

    private RandomLps() {
    }

    static LpProblem generate(long seed, int maxRows, int maxCols, boolean allowUnbounded) {
        Random rnd = new Random(seed);
        int m = 1 + rnd.nextInt(maxRows);
        int n = 1 + rnd.nextInt(maxCols);
        double density = rnd.nextBoolean() ? 1.0 : 0.15 + 0.35 * rnd.nextDouble();
        boolean feasibleByConstruction = rnd.nextDouble() < 0.85;
        LpProblem p = new LpProblem();
        p.setName("random" + seed);
        if (rnd.nextBoolean()) p.setSense(Sense.MAXIMIZE);
        p.setObjectiveOffset(rnd.nextInt(7) - 3);
        double[] x0 = new double[n];
        for (int j = 0; j < n; j++) {
            double c = rnd.nextInt(19) - 9;
            double u = rnd.nextDouble();
            double lo;
            double up;
            if (!allowUnbounded) {
                lo = -rnd.nextInt(5);
                up = lo + rnd.nextInt(8);
                if (u < 0.05) up = lo;
            } else if (u < 0.35) {
                lo = 0;
                up = INF;
            } else if (u < 0.6) {
                lo = -rnd.nextInt(5);
                up = lo + 1 + rnd.nextInt(8);
            } else if (u < 0.7) {
                lo = -INF;
                up = INF;
            } else if (u < 0.8) {
                lo = -INF;
                up = rnd.nextInt(9) - 4;
            } else if (u < 0.87) {
                lo = rnd.nextInt(5) - 2;
                up = lo;
            } else {
                lo = rnd.nextInt(9) - 4;
                up = INF;
            }
            x0[j] = Double.isFinite(lo) && Double.isFinite(up) ? lo + rnd.nextInt((int) (up - lo) + 1)
                    : Double.isFinite(lo) ? lo + rnd.nextInt(4) : Double.isFinite(up) ? up - rnd.nextInt(4)
                    : rnd.nextInt(7) - 3;
            p.addColumn("x" + j, c, lo, up);
        }
        for (int i = 0; i < m; i++) {
            int[] idx = new int[n];
            double[] val = new double[n];
            double act = 0;
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                if (rnd.nextDouble() < density) {
                    val[j] = rnd.nextInt(19) - 9;
                    if (rnd.nextDouble() < 0.2) val[j] += rnd.nextDouble();
                }
                act += val[j] * x0[j];
            }
            if (!feasibleByConstruction) act += rnd.nextInt(21) - 10;
            double u = rnd.nextDouble();
            double lo;
            double up;
            if (u < 0.35) {
                lo = -INF;
                up = act + rnd.nextInt(5);
            } else if (u < 0.65) {
                lo = act - rnd.nextInt(5);
                up = INF;
            } else if (u < 0.8) {
                lo = act - rnd.nextInt(4);
                up = act + rnd.nextInt(4);
            } else if (u < 0.95) {
                lo = act;
                up = act;
            } else {
                lo = -INF;
                up = INF;
            }
            p.addRow("r" + i, idx, val, lo, up);
        }
        return p;
    }
}
