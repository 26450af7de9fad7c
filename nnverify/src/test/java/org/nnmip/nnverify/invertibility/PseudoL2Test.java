package org.nnmip.nnverify.invertibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.invertibility.InvertibilityResult.Status;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** Problem 2 with the L2 ball (lazy tangent cuts) against brute force and the L-infinity / L1 answers. */
class PseudoL2Test {

    /**
     * Preimages of {@code y} in the box {@code c +- half}: on every activation region met by a grid, solve the local
     * affine system and keep the solutions that really map to y (forward evaluation). May miss tiny regions, never
     * reports a false preimage.
     */
    static List<double[]> preimagesOnGrid(Network net, double[] c, double half, int steps, double[] y) {
        Set<String> seen = new HashSet<>();
        List<double[]> found = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            for (int j = 0; j <= steps; j++) {
                double[] x = {c[0] - half + 2 * half * i / steps, c[1] - half + 2 * half * j / steps};
                Evaluation e = net.evaluate(x);
                StringBuilder key = new StringBuilder();
                for (int k = 0; k < net.layerCount(); k++) {
                    if (!(net.layer(k) instanceof ReluLayer)) continue;
                    for (double v : e.preActivation(k)) key.append(v > 0 ? '1' : '0');
                }
                if (!seen.add(key.toString())) continue;
                double[][] jac = InvertibilityTest.jacobian(net, x);
                double[] fx = net.apply(x);
                double det = jac[0][0] * jac[1][1] - jac[0][1] * jac[1][0];
                if (Math.abs(det) < 1e-12) continue;
                // f(z) = fx + J (z - x) = y on this region
                double r0 = y[0] - fx[0];
                double r1 = y[1] - fx[1];
                double[] z = {x[0] + (jac[1][1] * r0 - jac[0][1] * r1) / det, x[1] + (-jac[1][0] * r0 + jac[0][0] * r1) / det};
                if (Math.abs(z[0] - c[0]) > half || Math.abs(z[1] - c[1]) > half) continue;
                if (BallNorm.LINF.distance(net.apply(z), y) <= 1e-8) found.add(z);
            }
        }
        return found;
    }

    private static void assertPreimage(Network net, double[] c, InvertibilityResult r, BallNorm norm) {
        r.counterexample().ifPresent(cx -> {
            assertTrue(BallNorm.LINF.distance(net.apply(cx.y()), net.apply(c)) <= 1e-5, "counterexample does not map to f(c)");
            assertEquals(r.upper(), norm.distance(cx.y(), c), 1e-9);
        });
        assertTrue(r.radius() <= r.upper());
    }

    @Test
    void twoDimensionalL2PseudoRadiusIsSoundTightAndBetweenLinfAndL1() {
        int bracketed = 0;
        int matchedByBruteForce = 0;
        // (seed, c0, c1): finite radii, one certified maximum (16) and one tolerance artefact at eps (19).
        double[][] cases = {{14, 0.2, -0.1}, {16, -0.3, 0.4}, {18, 0.5, 0.5}, {20, -0.3, 0.4}, {16, 0.2, -0.1}, {19, 0.2, -0.1}};
        for (double[] cs : cases) {
            long seed = (long) cs[0];
            Network net = InvertibilityTest.random(seed, 2, 8, 8, 2);
            double[] c = {cs[1], cs[2]};
            double maxR = 1.5;
            var results = new java.util.EnumMap<BallNorm, InvertibilityResult>(BallNorm.class);
            for (BallNorm norm : BallNorm.values()) results.put(norm, PseudoInvertibility.compute(net, c, InvertibilityOptions.defaults(norm, maxR)));
            InvertibilityResult inf = results.get(BallNorm.LINF);
            InvertibilityResult l1 = results.get(BallNorm.L1);
            InvertibilityResult l2 = results.get(BallNorm.L2);
            assertTrue(l2.status() != Status.INCONCLUSIVE, "seed " + seed + ": " + l2);
            List<double[]> pre = preimagesOnGrid(net, c, maxR, 300, net.apply(c));
            double eps = InvertibilityOptions.defaults(BallNorm.L2, maxR).eps();
            for (BallNorm norm : BallNorm.values()) {
                InvertibilityResult r = results.get(norm);
                assertPreimage(net, c, r, norm);
                double nearest = Double.POSITIVE_INFINITY;
                for (double[] z : pre) {
                    double d = norm.distance(z, c);
                    if (d < eps) continue; // the x_c end of the search is excluded (documented caveat)
                    nearest = Math.min(nearest, d);
                    assertTrue(d >= r.radius() - 1e-9, "seed " + seed + " " + norm + ": preimage at " + d + " inside certified " + r.radius());
                }
                if (r.status() == Status.BRACKETED && nearest <= maxR) {
                    assertTrue(r.upper() <= nearest + 1e-4 * maxR + 1e-9, "seed " + seed + " " + norm + ": nearest found " + nearest + " vs " + r);
                    if (norm == BallNorm.L2 && Math.abs(r.upper() - nearest) <= 1e-6) matchedByBruteForce++;
                }
            }
            // Where no search stopped at the eps sphere (a tolerance artefact, NOT_ISOLATED), the true radii satisfy
            // R_inf <= R_2 <= R_1 and R_2 <= sqrt2 R_inf, R_1 <= sqrt2 R_2 (||v||_inf <= ||v||_2 <= ||v||_1 <= sqrt n ||v||_2).
            if (inf.status() != Status.NOT_ISOLATED && l2.status() != Status.NOT_ISOLATED) {
                assertTrue(inf.radius() <= l2.upper() + 1e-9, "seed " + seed);
                assertTrue(l2.radius() <= Math.sqrt(2) * inf.upper() + 1e-9, "seed " + seed);
            }
            if (l1.status() != Status.NOT_ISOLATED && l2.status() != Status.NOT_ISOLATED) {
                assertTrue(l2.radius() <= l1.upper() + 1e-9, "seed " + seed);
                assertTrue(l1.radius() <= Math.sqrt(2) * l2.upper() + 1e-9, "seed " + seed);
            }
            if (l2.status() == Status.BRACKETED) {
                bracketed++;
                if (inf.status() == Status.BRACKETED) assertTrue(l2.upper() >= inf.radius() - 1e-9);
            }
        }
        assertTrue(bracketed >= 4, "expected finite L2 pseudo radii, got " + bracketed);
        assertTrue(matchedByBruteForce >= 3, "brute force should find the same nearest preimage, got " + matchedByBruteForce);
    }

    @Test
    void cutRoundCapKeepsOnlyACertifiedBound() {
        Network net = InvertibilityTest.random(14, 2, 8, 8, 2);
        double[] c = {0.2, -0.1};
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.L2, 1.5);
        InvertibilityResult full = PseudoInvertibility.compute(net, c, o);
        InvertibilityResult capped = PseudoInvertibility.compute(net, c, o.withMaxCutRounds(0));
        assertEquals(Status.BRACKETED, full.status());
        assertTrue(full.milps() > 1, "this case needs a tangent cut: " + full);
        assertEquals(Status.INCONCLUSIVE, capped.status(), capped.toString());
        assertEquals(1, capped.milps());
        // The first relaxation's bound is certified but looser; its preimage is a real one, so no nearer than the true one.
        assertTrue(capped.radius() <= full.upper() + 1e-9 && capped.upper() >= full.radius() - 1e-9, capped + " vs " + full);
        assertPreimage(net, c, capped, BallNorm.L2);
    }
}
