package org.nnmip.lp.solver;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpCertificates;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.PricingRule;
import org.nnmip.lp.Sense;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: the LP relaxation of a LipMIP model has round-off coefficients of 1e-15 in a few rows. Geometric
 * scaling once blew those rows up and the dual simplex reported INFEASIBLE with an invalid Farkas ray, so the
 * branch-and-bound pruned feasible nodes and returned a wrong optimum. GLOP and the unscaled simplex agree on
 * 10.394409570594 (checked by KKT here).
 */
class TinyCoefficientRegressionTest {
    private static final double OPTIMUM = 10.394409570594;

    private static LpProblem problem() throws Exception {
        LpProblem p = TestMpsReader.read(Path.of(TinyCoefficientRegressionTest.class
                .getResource("/regression/tiny-coefficient-scaling.mps").toURI()));
        p.setSense(Sense.MAXIMIZE); // the file says OBJSENSE MAX, which the test reader does not parse
        return p;
    }

    @Test
    void everyPricingRuleWithAndWithoutScalingFindsTheOptimum() throws Exception {
        LpProblem p = problem();
        for (boolean scaling : new boolean[]{true, false}) {
            for (boolean perturbation : new boolean[]{true, false}) {
                for (PricingRule rule : PricingRule.values()) {
                    LpSolver s = new LpSolver(p, LpParameters.defaults().withScaling(scaling)
                            .withPerturbation(perturbation).withPricing(rule));
                    String what = "scaling=" + scaling + " perturbation=" + perturbation + " " + rule;
                    assertEquals(LpStatus.OPTIMAL, s.solve(), what);
                    assertEquals(OPTIMUM, s.objectiveValue(), 1e-8, what);
                    assertTrue(LpCertificates.checkOptimality(p, s.result(), 1e-6).ok(), what);
                }
            }
        }
    }
}
