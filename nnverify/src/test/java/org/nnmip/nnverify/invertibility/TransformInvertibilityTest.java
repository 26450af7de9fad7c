package org.nnmip.nnverify.invertibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.invertibility.InvertibilityResult.Status;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

class TransformInvertibilityTest {

    /** A copy of {@code net} with the smallest {@code fraction} of each layer's weights set to 0 and the rest nudged. */
    static Network pruned(Network net, double fraction, long seed) {
        Random rnd = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : net.layers()) {
            if (layer instanceof AffineLayer a) {
                double[][] w = a.weights();
                List<Double> mags = new ArrayList<>();
                for (double[] row : w) for (double v : row) mags.add(Math.abs(v));
                mags.sort(null);
                double cut = mags.get((int) Math.floor(fraction * (mags.size() - 1)));
                for (double[] row : w) for (int j = 0; j < row.length; j++) row[j] = Math.abs(row[j]) <= cut ? 0.0 : row[j] * (1 + 0.05 * rnd.nextGaussian());
                layers.add(AffineLayer.dense(w, a.bias()));
            } else {
                layers.add(layer);
            }
        }
        return new Network(net.inputSize(), layers);
    }

    /**
     * {@code net} followed by the invertible map {@code z -> Q z + q}, and with {@code monotone} first the
     * increasing piecewise-linear {@code z -> 1.5 relu(z) - relu(-z)} per component.
     */
    static Network composedWithInvertible(Network net, boolean monotone) {
        int m = net.outputSize();
        double[][] q = new double[m][m];
        for (int i = 0; i < m; i++) {
            q[i][i] = 2.0;
            if (i + 1 < m) q[i][i + 1] = 0.7;
        }
        double[] shift = new double[m];
        shift[0] = 0.3;
        if (!monotone) return net.followedBy(List.of(AffineLayer.dense(q, shift)));
        double[][] split = new double[2 * m][m];
        double[][] merge = new double[m][2 * m];
        for (int i = 0; i < m; i++) {
            split[i][i] = 1;
            split[m + i][i] = -1;
            merge[i][i] = 1.5;
            merge[i][m + i] = -1;
        }
        return net.followedBy(List.of(AffineLayer.dense(split, new double[2 * m]), new ReluLayer(2 * m),
                AffineLayer.dense(merge, new double[m]), AffineLayer.dense(q, shift)));
    }

    static void assertValid(InvertibilityResult r, Network f1, Network f2, double[] c, BallNorm norm) {
        assertTrue(r.radius() <= r.upper());
        r.counterexample().ifPresent(cx -> {
            assertTrue(BallNorm.LINF.distance(f1.apply(cx.x()), f1.apply(cx.y())) <= 1e-5, "f1 must collide");
            assertTrue(BallNorm.LINF.distance(f2.apply(cx.x()), f2.apply(cx.y())) > 1e-6, "f2 must differ");
            assertEquals(f2.apply(cx.x())[0], cx.gx()[0], 1e-12);
            assertTrue(Math.max(norm.distance(cx.x(), c), norm.distance(cx.y(), c)) <= r.upper() + 1e-9);
        });
    }

    @Test
    void stackedNetworkEvaluatesBothNetworksWithPadding() {
        Network a = InvertibilityTest.random(3, 2, 5, 5, 5, 3);
        Network b = InvertibilityTest.random(4, 2, 4, 1);
        double[] lower = {-2, -2};
        Network g = StackedNetwork.of(a, b, lower);
        Random rnd = new Random(1);
        for (int s = 0; s < 50; s++) {
            double[] x = {-2 + 4 * rnd.nextDouble(), -2 + 4 * rnd.nextDouble()};
            double[] y = g.apply(x);
            double[] ya = a.apply(x);
            double[] yb = b.apply(x);
            for (int i = 0; i < 3; i++) assertEquals(ya[i], y[i], 1e-12);
            assertEquals(yb[0], y[3], 1e-12);
        }
    }

    @Test
    void oneDimensionalTransformRadiusIsTheFoldOfF1() {
        for (long seed = 1; seed <= 4; seed++) {
            Network f1 = InvertibilityTest.random(seed, 1, 10, 10, 1);
            Network f2 = InvertibilityTest.random(seed + 100, 1, 6, 1);
            double c = 0.3 * seed - 1.0;
            double maxR = 2.0;
            List<double[]> ps = InvertibilityTest.pieces(f1, c - maxR - 1, c + maxR + 1);
            double expected = Math.min(InvertibilityTest.exactLocal(ps, c), maxR);
            InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, maxR).withRadiusTol(1e-4);
            InvertibilityResult r = TransformInvertibility.compute(f1, f2, new double[] {c}, o);
            assertTrue(r.status() != Status.INCONCLUSIVE, "seed " + seed);
            // f2 is a function of f1 wherever f1 is injective, and a generic f2 separates the first folded pair.
            assertEquals(expected, r.radius(), 3e-4, "seed " + seed);
            assertValid(r, f1, f2, new double[] {c}, BallNorm.LINF);
        }
    }

    @Test
    void prunedCopyHasTheRadiusOfTheInvertibleOriginalInBothDirections() {
        int bracketed = 0;
        for (long seed = 11; seed <= 12; seed++) {
            Network a = InvertibilityTest.random(seed, 2, 6, 6, 2);
            Network b = pruned(a, 0.3, seed);
            double[] c = {0.2, -0.1};
            InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, 1.5).withRadiusTol(1e-3);
            InvertibilityResult ra = LocalInvertibility.compute(a, c, o);
            InvertibilityResult rb = LocalInvertibility.compute(b, c, o);
            TransformInvertibility.Both both = TransformInvertibility.both(a, b, c, o);
            for (InvertibilityResult r : List.of(ra, rb, both.r12(), both.r21())) assertTrue(r.status() != Status.INCONCLUSIVE, "seed " + seed);
            assertValid(both.r12(), a, b, c, BallNorm.LINF);
            assertValid(both.r21(), b, a, c, BallNorm.LINF);
            // A injective on the ball => B = (B o A^-1) o A is a function of A there; the converse fold separates B.
            assertTrue(both.r12().radius() >= ra.radius() - 1e-3, "seed " + seed);
            assertTrue(both.r21().radius() >= rb.radius() - 1e-3, "seed " + seed);
            assertEquals(ra.radius(), both.r12().radius(), 2e-3, "r_AB = r_A, seed " + seed);
            assertEquals(rb.radius(), both.r21().radius(), 2e-3, "r_BA = r_B, seed " + seed);
            if (both.r12().status() == Status.BRACKETED) bracketed++;
            // The roles computed from scratch, one direction at a time, give the same radii.
            assertEquals(both.r21().radius(), TransformInvertibility.compute(b, a, c, o).radius(), 1e-12);
        }
        assertTrue(bracketed >= 1, "random 2-D nets should fold inside the max radius");
    }

    @Test
    void networkComposedWithAnInvertibleMapIsAFunctionOfItBothWays() {
        // A piecewise-linear increasing map (its ReLUs add binaries) and an affine one. The stacked network does not
        // share f1's hidden layers with f2's copy of them, so proving the optimum 0 is a hard MILP beyond small nets.
        Network a1 = InvertibilityTest.random(2, 1, 10, 10, 1);
        Network a2 = InvertibilityTest.random(2, 1, 10, 10, 1);
        List<Object[]> cases = List.of(new Object[] {a1, composedWithInvertible(a1, true), new double[] {-0.4}},
                new Object[] {a2, composedWithInvertible(a2, false), new double[] {-0.4}});
        for (Object[] k : cases) {
            Network a = (Network) k[0];
            Network b = (Network) k[1];
            double[] c = (double[]) k[2];
            InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, 1.5).withRadiusTol(1e-3);
            InvertibilityResult ra = LocalInvertibility.compute(a, c, o);
            assertEquals(Status.BRACKETED, ra.status(), "the test needs a network that folds inside the max radius");
            TransformInvertibility.Both both = TransformInvertibility.both(a, b, c, o);
            assertEquals(Status.CERTIFIED_MAX_RADIUS, both.r12().status());
            assertEquals(Status.CERTIFIED_MAX_RADIUS, both.r21().status());
        }
    }

    @Test
    void badInputIsRejected() {
        Network a = InvertibilityTest.random(1, 2, 3, 1);
        Network b = InvertibilityTest.random(1, 3, 3, 1);
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, 1);
        assertThrows(IllegalArgumentException.class, () -> TransformInvertibility.compute(a, b, new double[] {0, 0}, o));
        assertThrows(IllegalArgumentException.class, () -> TransformInvertibility.compute(a, null, new double[] {0, 0}, o));
    }
}
