package org.nnmip.lp.internal.simplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpStatus;

/** The updated dual steepest-edge weights equal ||e_r' B^-1||^2 computed from scratch. */
class SteepestEdgeWeightTest {

    private static LpProblem covering(long seed, int m, int n) {
        Random rnd = new Random(seed);
        LpProblem p = new LpProblem();
        for (int j = 0; j < n; j++) p.addColumn("x" + j, 1 + rnd.nextInt(5), 0, Double.POSITIVE_INFINITY);
        for (int i = 0; i < m; i++) {
            int[] idx = new int[n];
            double[] val = new double[n];
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                val[j] = rnd.nextDouble() < 0.4 ? 1 + rnd.nextInt(4) : 0;
            }
            val[i % n] = 1 + rnd.nextInt(3);
            p.addRow("c" + i, idx, val, 1 + rnd.nextInt(6), Double.POSITIVE_INFINITY);
        }
        return p;
    }

    private static void assertExactWeights(SimplexState st) {
        if (!st.factorValid) st.refactor();
        double[] rho = new double[st.m];
        for (int r = 0; r < st.m; r++) {
            Arrays.fill(rho, 0.0);
            rho[r] = 1.0;
            st.factor.btran(rho);
            double w = 0;
            for (double v : rho) w += v * v;
            assertEquals(w, st.weights[r], 1e-7 * Math.max(1, w), "weight of row " + r);
        }
    }

    @Test
    void weightsStayExactThroughIterationsAndAddedRows() {
        for (long seed = 1; seed <= 5; seed++) {
            LpProblem p = covering(seed, 25, 20);
            LpParameters params = LpParameters.defaults().withPerturbation(false).withIterationLimit(8)
                    .withRefactorInterval(5);
            SimplexEngine e = new SimplexEngine(p, params);
            assertEquals(LpStatus.ITERATION_LIMIT, e.solve());
            assertExactWeights(e.stateForTesting());
            e.setParameters(params.withIterationLimit(Long.MAX_VALUE));
            assertEquals(LpStatus.OPTIMAL, e.solve());
            assertTrue(e.totalIterations() >= 8);
            assertExactWeights(e.stateForTesting());
            int n = e.numColumns();
            int[] idx = new int[n];
            double[] val = new double[n];
            for (int j = 0; j < n; j++) {
                idx[j] = j;
                val[j] = (j % 3) + 1;
            }
            e.addRow(idx, val, 1e3, Double.POSITIVE_INFINITY);
            SimplexState st = e.stateForTesting();
            st.refactor();
            assertExactWeights(st);
        }
    }
}
