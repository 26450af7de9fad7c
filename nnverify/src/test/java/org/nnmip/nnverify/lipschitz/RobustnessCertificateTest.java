package org.nnmip.nnverify.lipschitz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.net.Network;

class RobustnessCertificateTest {

    /** No sampled point inside the certified ball changes the predicted class; the radius is min margin / L. */
    @Test
    void certifiedBallKeepsThePrediction() {
        Random rnd = new Random(17);
        int certified = 0;
        for (int t = 0; t < 6; t++) {
            Network net = RandomNetworks.dense(rnd, 2, 5, 5, 3);
            double[] x = {rnd.nextGaussian() * 0.5, rnd.nextGaussian() * 0.5};
            InputNorm norm = InputNorm.values()[t % 2];
            InputDomain dom = InputDomain.linfBall(x, 0.5);
            RobustnessCertificate c = RobustnessCertificate.compute(net, x, dom, norm, FastLip::compute);
            assertEquals(net.evaluate(x).argmax(), c.predictedClass());
            double expected = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 3; j++) if (j != c.predictedClass()) expected = Math.min(expected, c.margins()[j] / c.lipschitz()[j]);
            assertEquals(Math.min(expected, 0.5), c.radius(), 1e-12);
            if (c.radius() > 0) certified++;
            for (int s = 0; s < 2000; s++) {
                double[] d = norm == InputNorm.LINF
                        ? new double[] {(2 * rnd.nextDouble() - 1) * c.radius(), (2 * rnd.nextDouble() - 1) * c.radius()}
                        : InputDomain.l1Ball(new double[2], c.radius()).sample(rnd);
                double[] y = {x[0] + d[0], x[1] + d[1]};
                assertEquals(c.predictedClass(), net.evaluate(y).argmax(), "net " + t);
            }
            // The exact constant gives a radius at least as large as Fast-Lip's.
            RobustnessCertificate exact = RobustnessCertificate.compute(net, x, dom, norm, p -> LipMip.solve(p));
            assertTrue(exact.radius() >= c.radius() - 1e-9);
        }
        assertTrue(certified >= 3, "expected most points certified, got " + certified);
    }
}
