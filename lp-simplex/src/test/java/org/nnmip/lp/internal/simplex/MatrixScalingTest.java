package org.nnmip.lp.internal.simplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.internal.scaling.MatrixScaling;

/** Scale factors are powers of two, reduce the spread of badly scaled matrices, and are invisible in results. */
class MatrixScalingTest {

    private static LpProblem badlyScaled(long seed) {
        Random rnd = new Random(seed);
        LpProblem p = new LpProblem();
        int n = 12;
        int m = 10;
        double[] colMag = new double[n];
        for (int j = 0; j < n; j++) {
            colMag[j] = Math.pow(10, rnd.nextInt(9) - 4);
            p.addColumn("x" + j, (1 + rnd.nextInt(5)) * colMag[j], 0, 100 / colMag[j]);
        }
        for (int i = 0; i < m; i++) {
            double rowMag = Math.pow(10, rnd.nextInt(7) - 3);
            int[] idx = new int[n];
            double[] val = new double[n];
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                val[j] = rnd.nextDouble() < 0.5 ? (1 + rnd.nextInt(9)) * rowMag * colMag[j] : 0;
            }
            p.addRow("r" + i, idx, val, rowMag, Double.POSITIVE_INFINITY);
        }
        return p;
    }

    @Test
    void factorsArePowersOfTwoAndReduceTheSpread() {
        LpProblem p = badlyScaled(1);
        var a = p.columnMatrix();
        MatrixScaling s = MatrixScaling.compute(a);
        for (double r : s.rowScale()) assertEquals(r, Math.scalb(1.0, Math.getExponent(r)));
        for (double c : s.columnScale()) assertEquals(c, Math.scalb(1.0, Math.getExponent(c)));
        double before = spread(a.start(), a.index(), a.value(), null, null);
        double after = spread(a.start(), a.index(), a.value(), s.rowScale(), s.columnScale());
        assertTrue(after < before * 1e-4, "spread " + before + " -> " + after);
    }

    private static double spread(int[] start, int[] index, double[] value, double[] r, double[] c) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int j = 0; j + 1 < start.length; j++) {
            for (int p = start[j]; p < start[j + 1]; p++) {
                double v = Math.abs(value[p]) * (r == null ? 1 : r[index[p]] * c[j]);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi / lo;
    }

    @Test
    void scaledAndUnscaledSolvesAgree() {
        for (long seed = 1; seed <= 10; seed++) {
            LpProblem p = badlyScaled(seed);
            SimplexEngine on = new SimplexEngine(p.copy(), LpParameters.defaults());
            SimplexEngine off = new SimplexEngine(p.copy(), LpParameters.defaults().withScaling(false));
            LpStatus a = on.solve();
            assertEquals(a, off.solve(), "seed " + seed);
            if (a == LpStatus.OPTIMAL) {
                assertEquals(off.objectiveValue(), on.objectiveValue(), 1e-6 * Math.max(1, Math.abs(on.objectiveValue())));
            }
        }
    }
}
