package org.nnmip.lp.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.PricingRule;

/** Every pricing rule, with and without scaling, perturbation and vector kernels, reaches the same answers. */
class PricingAndScalingTest {

    private static List<LpParameters> variants() {
        List<LpParameters> list = new ArrayList<>();
        for (PricingRule pr : PricingRule.values()) {
            for (boolean scaling : new boolean[]{true, false}) {
                LpParameters p = LpParameters.defaults().withPricing(pr).withScaling(scaling);
                list.add(p);
                list.add(p.withPerturbation(false).withRefactorInterval(13).withVectorKernels(false));
            }
        }
        return list;
    }

    @Test
    void netlibOptimaUnderEveryVariant() throws IOException {
        var optima = NetlibTest.optima();
        for (String name : new String[]{"afiro", "sc50a", "sc50b", "adlittle", "blend", "kb2"}) {
            LpProblem p = TestMpsReader.read(NetlibTest.dir().resolve(name + ".mps"));
            double expected = optima.get(name);
            for (LpParameters params : variants()) {
                LpSolver s = new LpSolver(p, params);
                assertEquals(LpStatus.OPTIMAL, s.solve(), name + " " + params);
                assertEquals(expected, s.objectiveValue(), 1e-6 * Math.abs(expected), name + " " + params);
                Kkt.assertOptimal(p, s.result(), 1e-6);
            }
        }
    }

    @Test
    void randomLpsUnderEveryVariant() {
        for (int k = 0; k < 40; k++) {
            LpProblem p = RandomLps.generate(11000 + k, 20, 25, true);
            LpSolver ref = new LpSolver(p);
            LpStatus st = ref.solve();
            for (LpParameters params : variants()) {
                LpSolver s = new LpSolver(p, params);
                assertEquals(st, s.solve(), "lp " + k + " " + params);
                if (st == LpStatus.OPTIMAL) {
                    assertEquals(ref.objectiveValue(), s.objectiveValue(),
                            1e-6 * Math.max(1, Math.abs(ref.objectiveValue())), "lp " + k + " " + params);
                }
            }
        }
    }
}
