package org.nnmip.nnverify.invertibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.invertibility.InvertibilityResult.Status;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/** Residual networks (Cui et al. allow them): same radii as an equivalent plain ReLU network. */
class ResidualInvertibilityTest {

    @Test
    void residualNetworkHasTheRadiiOfItsPlainEquivalent() {
        Random rnd = new Random(5);
        double[][] w1 = new double[4][2];
        double[] b1 = new double[4];
        double[][] w2 = new double[2][4];
        double[] b2 = new double[2];
        for (int i = 0; i < 4; i++) {
            b1[i] = rnd.nextGaussian() * 0.3;
            for (int j = 0; j < 2; j++) {
                w1[i][j] = rnd.nextGaussian();
                w2[j][i] = 1.5 * rnd.nextGaussian();
            }
        }
        // f(x) = x + W2 relu(W1 x + b1) + b2, with a reshape in front so layer indices shift.
        Network residual = new Network(2, List.of(ReshapeLayer.flatten(2), AffineLayer.dense(w1, b1), new ReluLayer(4),
                AffineLayer.dense(w2, b2), new ResidualAddLayer(2, -1)));
        // The same map without a skip: x = relu(x) - relu(-x) through two extra hidden units per input.
        double[][] pw1 = new double[8][2];
        double[] pb1 = new double[8];
        double[][] pw2 = new double[2][8];
        for (int i = 0; i < 4; i++) {
            pw1[i] = w1[i].clone();
            pb1[i] = b1[i];
            for (int j = 0; j < 2; j++) pw2[j][i] = w2[j][i];
        }
        for (int j = 0; j < 2; j++) {
            pw1[4 + 2 * j][j] = 1;
            pw1[5 + 2 * j][j] = -1;
            pw2[j][4 + 2 * j] = 1;
            pw2[j][5 + 2 * j] = -1;
        }
        Network plain = new Network(2, List.of(AffineLayer.dense(pw1, pb1), new ReluLayer(8), AffineLayer.dense(pw2, b2)));
        double[] c = {0.1, 0.2};
        for (int s = 0; s < 20; s++) {
            double[] x = {rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1};
            assertTrue(BallNorm.LINF.distance(residual.apply(x), plain.apply(x)) <= 1e-12);
            // same map, same Jacobian (the plot's J0 map through the skip connection)
            assertEquals(InvertibilityPlot.determinant(plain, x), InvertibilityPlot.determinant(residual, x), 1e-9);
        }
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, 2.0).withRadiusTol(1e-3);
        InvertibilityResult rr = LocalInvertibility.compute(residual, c, o);
        InvertibilityResult rp = LocalInvertibility.compute(plain, c, o);
        assertTrue(rr.status() != Status.INCONCLUSIVE && rp.status() != Status.INCONCLUSIVE, rr + " / " + rp);
        assertTrue(rr.radius() <= rp.upper() + 1e-9 && rp.radius() <= rr.upper() + 1e-9, rr + " / " + rp);
        rr.counterexample().ifPresent(cx -> {
            assertTrue(BallNorm.LINF.distance(residual.apply(cx.x()), residual.apply(cx.y())) <= 1e-5);
            assertTrue(BallNorm.LINF.distance(cx.x(), cx.y()) > 1e-6);
        });
        for (BallNorm norm : List.of(BallNorm.LINF, BallNorm.L2)) {
            InvertibilityOptions po = InvertibilityOptions.defaults(norm, 2.0);
            InvertibilityResult pr = PseudoInvertibility.compute(residual, c, po);
            InvertibilityResult pp = PseudoInvertibility.compute(plain, c, po);
            assertEquals(pp.status(), pr.status(), norm.toString());
            // equal up to the MILP feasibility tolerance (the two models differ)
            assertTrue(pr.radius() <= pp.upper() + 1e-6 && pp.radius() <= pr.upper() + 1e-6, pr + " / " + pp);
        }
    }
}
