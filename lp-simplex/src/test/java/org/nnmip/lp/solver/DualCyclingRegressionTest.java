package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnmip.lp.Basis;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * Branch-and-bound-like warm re-solves on the LP relaxation of MIPLIB enigma: fix fractional binaries, jump back
 * to earlier bases, set objective cutoffs. Before the stall guard in the dual simplex, the sequences below drove
 * it into a period-6 cycle of nonzero dual steps (Harris' ratio test let the objective fall and rise again) that
 * ran to the iteration limit; now every solve must finish within a small budget and agree with a cold solve.
 */
class DualCyclingRegressionTest {
    private static final int BUDGET = 1000;

    @ParameterizedTest
    @CsvSource({"70, 3", "224, 1", "1, 1", "2, 3", "3, 2"})
    void warmSequenceNeverCycles(int seed, int fixesPerStep) throws IOException {
        LpProblem base = TestMpsReader.read(Path.of(System.getProperty("nnmip.testdata"), "mip", "enigma.mps"));
        Random rnd = new Random(seed);
        LpSolver lp = new LpSolver(base.copy(), LpParameters.defaults().withIterationLimit(5000).withSeed(seed % 7));
        assertEquals(LpStatus.OPTIMAL, lp.solve());
        int n = lp.numColumns();
        double[] lo0 = new double[n];
        double[] up0 = new double[n];
        for (int j = 0; j < n; j++) {
            lo0[j] = lp.columnLower(j);
            up0[j] = lp.columnUpper(j);
        }
        List<Basis> bases = new ArrayList<>();
        bases.add(lp.basis());
        int optimal = 0;
        for (int step = 0; step < 60; step++) {
            if (rnd.nextInt(4) == 0) {
                // Backtrack: root bounds and an earlier node's basis.
                for (int j = 0; j < n; j++) lp.setColumnBounds(j, lo0[j], up0[j]);
                lp.setBasis(bases.get(rnd.nextInt(bases.size())));
            }
            int k = 1 + rnd.nextInt(fixesPerStep);
            for (int t = 0; t < k; t++) {
                int j = rnd.nextInt(n);
                if (lp.status() == LpStatus.OPTIMAL) {
                    // Branch on a fractional column when one is found quickly.
                    for (int tries = 0; tries < 50; tries++) {
                        int c = rnd.nextInt(n);
                        double xv = lp.columnValue(c);
                        if (Math.abs(xv - Math.rint(xv)) > 1e-6) {
                            j = c;
                            break;
                        }
                    }
                }
                double v = rnd.nextBoolean() ? 1 : 0;
                lp.setColumnBounds(j, v, v);
            }
            double last = lp.objectiveValue();
            double cutoff = rnd.nextInt(3) == 0 ? Double.POSITIVE_INFINITY
                    : (Double.isFinite(last) ? last : 0) + rnd.nextDouble() * 2 - 0.5;
            lp.setParameters(lp.parameters().withObjectiveCutoff(cutoff));
            LpStatus s = lp.solve();
            String label = "seed " + seed + " step " + step;
            assertTrue(lp.result().iterations() <= BUDGET, label + ": " + lp.result().iterations() + " iterations");
            assertCold(lp, s, cutoff, label);
            if (s == LpStatus.OPTIMAL) {
                bases.add(lp.basis());
                optimal++;
            }
        }
        assertTrue(optimal > 0, "the sequence reached no feasible node");
    }

    /** The warm answer agrees with a cold solve (from the slack basis) of the same node without cutoff. */
    private static void assertCold(LpSolver warm, LpStatus s, double cutoff, String label) {
        // Limited too: a cycling cold solve must fail the test, not hang it.
        LpSolver cold = new LpSolver(warm.problem(), LpParameters.defaults().withIterationLimit(5000));
        LpStatus cs = cold.solve();
        switch (s) {
            case OPTIMAL -> {
                assertEquals(LpStatus.OPTIMAL, cs, label);
                assertEquals(cold.objectiveValue(), warm.objectiveValue(),
                        1e-6 * Math.max(1, Math.abs(cold.objectiveValue())), label);
            }
            case INFEASIBLE -> assertEquals(LpStatus.INFEASIBLE, cs, label);
            case OBJECTIVE_CUTOFF -> assertTrue(cs == LpStatus.INFEASIBLE
                    || (cs == LpStatus.OPTIMAL && cold.objectiveValue() > cutoff - 1e-6), label);
            default -> throw new AssertionError(label + ": status " + s);
        }
    }
}
