package org.nnmip.nnverify.invertibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.invertibility.InvertibilityResult.Status;
import org.nnmip.nnverify.net.Network;

class L2BallTest {

    @Test
    void oneDimensionalL2RadiusIsTheLinfRadius() {
        for (long seed = 1; seed <= 3; seed++) {
            Network net = InvertibilityTest.random(seed, 1, 10, 10, 1);
            double c = 0.3 * seed - 1.0;
            List<double[]> ps = InvertibilityTest.pieces(net, c - 3, c + 3);
            double expected = Math.min(InvertibilityTest.exactLocal(ps, c), 2.0);
            InvertibilityResult r = LocalInvertibility.compute(net, new double[] {c}, InvertibilityOptions.defaults(BallNorm.L2, 2.0).withRadiusTol(1e-4));
            assertTrue(r.status() != Status.INCONCLUSIVE);
            assertEquals(expected, r.radius(), 2e-4, "seed " + seed);
        }
    }

    @Test
    void twoDimensionalL2RadiusLiesBetweenTheLinfAndL1Radii() {
        for (long seed = 11; seed <= 13; seed++) {
            Network net = InvertibilityTest.random(seed, 2, 8, 8, 2);
            double[] c = {0.2, -0.1};
            double tol = 1e-3;
            InvertibilityResult linf = LocalInvertibility.compute(net, c, InvertibilityOptions.defaults(BallNorm.LINF, 1.5).withRadiusTol(tol));
            InvertibilityResult l1 = LocalInvertibility.compute(net, c, InvertibilityOptions.defaults(BallNorm.L1, 1.5).withRadiusTol(tol));
            InvertibilityResult l2 = LocalInvertibility.compute(net, c, InvertibilityOptions.defaults(BallNorm.L2, 1.5).withRadiusTol(tol));
            assertTrue(l2.status() != Status.INCONCLUSIVE, "seed " + seed + ": " + l2);
            // B_1(r) ⊆ B_2(r) ⊆ B_inf(r) and B_inf(r / sqrt 2) ⊆ B_2(r) ⊆ B_1(r sqrt 2).
            assertTrue(l2.radius() >= linf.radius() - tol, "seed " + seed);
            assertTrue(l2.radius() <= Math.sqrt(2) * linf.radius() + 2 * tol, "seed " + seed);
            assertTrue(l1.radius() >= l2.radius() - tol, "seed " + seed);
            assertTrue(l1.radius() <= Math.sqrt(2) * l2.radius() + 2 * tol, "seed " + seed);
            l2.counterexample().ifPresent(cx -> {
                assertTrue(BallNorm.LINF.distance(net.apply(cx.x()), net.apply(cx.y())) <= 1e-5);
                assertTrue(BallNorm.L2.distance(cx.x(), c) <= l2.upper() + 1e-12 && BallNorm.L2.distance(cx.y(), c) <= l2.upper() + 1e-12);
                assertTrue(l2.upper() <= l2.radius() + tol * (1 + 1e-9));
                assertTrue(BallNorm.LINF.distance(cx.x(), cx.y()) > 1e-6);
            });
        }
    }

    @Test
    void cutRoundCapGivesUnknownNotCertified() {
        Network net = InvertibilityTest.random(11, 2, 8, 8, 2);
        double[] c = {0.2, -0.1};
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.L2, 1.5).withRadiusTol(1e-3);
        InvertibilityResult full = LocalInvertibility.compute(net, c, o);
        InvertibilityResult capped = LocalInvertibility.compute(net, c, o.withMaxCutRounds(0));
        // Without cuts the octagon is larger than the disc: whatever is certified still lies below the true radius.
        assertTrue(capped.radius() <= full.upper() + 1e-9, capped + " vs " + full);
        if (capped.status() == Status.BRACKETED) assertEquals(full.radius(), capped.radius(), 2e-3);
    }

    @Test
    void transformWithL2Ball() {
        Network a = InvertibilityTest.random(11, 2, 6, 6, 2);
        Network b = TransformInvertibilityTest.pruned(a, 0.3, 11);
        double[] c = {0.2, -0.1};
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.L2, 1.5).withRadiusTol(1e-3);
        InvertibilityResult ra = LocalInvertibility.compute(a, c, o);
        InvertibilityResult rab = TransformInvertibility.compute(a, b, c, o);
        assertTrue(rab.status() != Status.INCONCLUSIVE);
        assertTrue(rab.radius() >= ra.radius() - 1e-3);
        TransformInvertibilityTest.assertValid(rab, a, b, c, BallNorm.L2);
    }
}
