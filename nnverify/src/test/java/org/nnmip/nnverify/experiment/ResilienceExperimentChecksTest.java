package org.nnmip.nnverify.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.resilience.MaximumResilience;
import org.nnmip.nnverify.resilience.ResilienceOptions;
import org.nnmip.nnverify.resilience.ResilienceResult;

/** The experiment's independent checks on a network whose Phi is known in closed form. */
class ResilienceExperimentChecksTest {
    /**
     * z_0 = 0, z_1 = relu(2x - 1) - relu(1 - 2x) = 2x - 1 on [0, 1]: class 0 has confidence alpha iff
     * x <= (1 - ln alpha) / 2 and class 1 takes over at x >= 1/2, so Phi_0(alpha) = ln(alpha) / 2.
     */
    private static final Network NET = new Network(1, List.of(
            AffineLayer.dense(new double[][] {{2}, {-2}}, new double[] {-1, 1}),
            new ReluLayer(2),
            AffineLayer.dense(new double[][] {{0, 0}, {1, -1}}, new double[] {0, 0})));
    private static final Box BOX = new Box(new double[] {0}, new double[] {1});

    @Test
    void samplingAndTheSolverFindTheClosedFormPhi() {
        for (double alpha : new double[] {1.2, 1.5, 2.0}) {
            double exact = Math.log(alpha) / 2;
            ResilienceResult r = MaximumResilience.phi(NET, BOX, 0, alpha, ResilienceOptions.defaults());
            assertEquals("optimal", r.status());
            assertEquals(exact, r.phi(), 1e-6);
            assertEquals(Optional.empty(), ResilienceWitnessCheck.failure(NET, BOX, 0, 1, null, Math.log(alpha), Double.NaN, r));
            double sampled = ResilienceSampling.bestPair(NET, BOX, 0, Math.log(alpha), 20, 10, 5);
            assertTrue(sampled >= r.bound() - 1e-9, sampled + " below the bound " + r.bound());
            assertEquals(exact, sampled, 1e-6);
        }
    }

    @Test
    void witnessCheckRejectsEveryTamperedWitness() {
        double alpha = 2.0;
        double[] a = {0.1};
        double[] eps = {0.45};
        ResilienceResult good = result(a, eps, 0.45);
        assertEquals(Optional.empty(), ResilienceWitnessCheck.failure(NET, BOX, 0, 1, null, Math.log(alpha), Double.NaN, good));
        // Not confident enough at a: z_0 - z_1 = 1 - 2 * 0.2 = 0.6 < ln 2.
        assertTrue(ResilienceWitnessCheck.failure(NET, BOX, 0, 1, null, Math.log(alpha), Double.NaN, result(new double[] {0.2}, new double[] {0.35}, 0.35)).isPresent());
        // No class takes over at a + eps = 0.4.
        assertTrue(ResilienceWitnessCheck.failure(NET, BOX, 0, 1, null, Math.log(alpha), Double.NaN, result(a, new double[] {0.3}, 0.3)).isPresent());
        // The reported norm is not the perturbation's.
        assertTrue(ResilienceWitnessCheck.failure(NET, BOX, 0, 1, null, Math.log(alpha), Double.NaN, result(a, eps, 0.4)).isPresent());
        // a + eps leaves the box.
        assertTrue(ResilienceWitnessCheck.failure(NET, BOX, 0, 1, null, Math.log(alpha), Double.NaN, result(a, new double[] {0.95}, 0.95)).isPresent());
        // The local question: the fixed input moved, or the witness is not below delta.
        assertTrue(ResilienceWitnessCheck.failure(NET, BOX, 0, 1, new double[] {0.3}, Double.NEGATIVE_INFINITY, 1.0, good).isPresent());
        ResilienceResult vulnerable = new ResilienceResult("vulnerable", 0.45, 0.45, 0, good.witness(), Optional.empty(), 0, 0, 0, false);
        assertTrue(ResilienceWitnessCheck.failure(NET, BOX, 0, 1, a, Double.NEGATIVE_INFINITY, 0.4, vulnerable).isPresent());
        assertEquals(Optional.empty(), ResilienceWitnessCheck.failure(NET, BOX, 0, 1, a, Double.NEGATIVE_INFINITY, 0.5, vulnerable));
    }

    private static ResilienceResult result(double[] a, double[] eps, double phi) {
        double[] b = {a[0] + eps[0]};
        ResilienceResult.Witness w = new ResilienceResult.Witness(a, eps, NET.apply(a), NET.apply(b), 0, 1);
        return new ResilienceResult("optimal", phi, phi, 0, Optional.of(w), Optional.empty(), 0, 0, 0, false);
    }
}
