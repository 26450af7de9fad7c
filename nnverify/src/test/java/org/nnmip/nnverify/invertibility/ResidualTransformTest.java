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
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ParallelComposition;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/** Problem 3 with residual connections in f1 and/or f2 (the parallel composition of {@link ParallelComposition}). */
class ResidualTransformTest {

    static AffineLayer dense(Random rnd, int out, int in, double scale) {
        double[][] w = new double[out][in];
        double[] b = new double[out];
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) w[i][j] = scale * rnd.nextGaussian() / Math.sqrt(in);
            b[i] = 0.5 * rnd.nextGaussian();
        }
        return AffineLayer.dense(w, b);
    }

    /**
     * {@code blocks} residual blocks {@code v + W2 relu(W1 v + b1) + b2} on the input (the first adds the input, a
     * later one the previous block's sum), then an affine map to {@code out} outputs; a reshape in front shifts indices.
     */
    static Network residualBlocks(long seed, int n, int hidden, int blocks, int out) {
        return residualBlocks(seed, n, hidden, blocks, out, 1.5);
    }

    /** As above, with branch weights scaled by {@code scale} (large: the skip no longer dominates, the map folds). */
    static Network residualBlocks(long seed, int n, int hidden, int blocks, int out, double scale) {
        Random rnd = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        layers.add(ReshapeLayer.flatten(n));
        int previous = -1;
        for (int b = 0; b < blocks; b++) {
            layers.add(dense(rnd, hidden, n, scale));
            layers.add(new ReluLayer(hidden));
            layers.add(dense(rnd, n, hidden, scale));
            layers.add(new ResidualAddLayer(n, previous));
            previous = layers.size() - 1;
        }
        layers.add(dense(rnd, out, n, 1.0));
        return new Network(n, layers);
    }

    /** {@code n -> h -> relu -> h -> relu (+ the first ReLU's output) -> out}: a skip between hidden layers. */
    static Network hiddenSkip(long seed, int n, int h, int out) {
        Random rnd = new Random(seed);
        return new Network(n, List.of(dense(rnd, h, n, 1.0), new ReluLayer(h), dense(rnd, h, h, 1.0), new ReluLayer(h),
                new ResidualAddLayer(h, 1), dense(rnd, out, h, 1.0)));
    }

    /** {@code net} with a residual block whose branch is zero before its last layer: the same function. */
    static Network withZeroResidual(Network net) {
        int last = net.layerCount() - 1;
        int h = net.sizeAfter(last - 1);
        List<Layer> layers = new ArrayList<>(net.layers().subList(0, last));
        layers.add(AffineLayer.dense(new double[h][h], new double[h]));
        layers.add(new ResidualAddLayer(h, last - 1));
        layers.add(net.layer(last));
        return new Network(net.inputSize(), layers);
    }

    @Test
    void parallelNetworkEvaluatesBothNetworks() {
        Random rnd = new Random(3);
        List<Network[]> pairs = List.of(
                new Network[] {residualBlocks(1, 2, 5, 2, 3), InvertibilityTest.random(2, 2, 4, 4, 1)},
                new Network[] {hiddenSkip(3, 2, 6, 2), residualBlocks(4, 2, 3, 1, 2)},
                new Network[] {InvertibilityTest.random(5, 2, 7, 2), hiddenSkip(6, 2, 4, 3)},
                new Network[] {residualBlocks(7, 2, 9, 3, 1), residualBlocks(8, 2, 2, 1, 4)});
        double[] lower = {-3, -3};
        for (Network[] p : pairs) {
            Network a = p[0];
            Network b = p[1];
            int ka = ParallelComposition.reluCount(a);
            int kb = ParallelComposition.reluCount(b);
            Network pa = StackedNetwork.withLeadingIdentityRelus(a, Math.max(0, kb - ka), lower);
            Network pb = StackedNetwork.withLeadingIdentityRelus(b, Math.max(0, ka - kb), lower);
            Network fan = StackedNetwork.of(a, b, lower);
            Network side = ParallelComposition.sideBySide(pa, pb);
            Network paired = ParallelComposition.sideBySide(fan, fan);
            for (int s = 0; s < 40; s++) {
                double[] x = {-3 + 6 * rnd.nextDouble(), -3 + 6 * rnd.nextDouble()};
                double[] y = {-3 + 6 * rnd.nextDouble(), -3 + 6 * rnd.nextDouble()};
                double[] ya = a.apply(x);
                double[] yb = b.apply(x);
                assertEquals(0.0, BallNorm.LINF.distance(ya, pa.apply(x)), 1e-12);
                assertEquals(0.0, BallNorm.LINF.distance(yb, pb.apply(x)), 1e-12);
                double[] f = fan.apply(x);
                double[] g = side.apply(new double[] {x[0], x[1], y[0], y[1]});
                double[] both = paired.apply(new double[] {x[0], x[1], y[0], y[1]});
                double[] byb = b.apply(y);
                assertEquals(ya.length + yb.length, f.length);
                for (int i = 0; i < ya.length; i++) {
                    assertEquals(ya[i], f[i], 1e-12);
                    assertEquals(ya[i], g[i], 1e-12);
                    assertEquals(ya[i], both[i], 1e-12);
                }
                for (int i = 0; i < yb.length; i++) {
                    assertEquals(yb[i], f[ya.length + i], 1e-12);
                    assertEquals(byb[i], g[ya.length + i], 1e-12);
                    assertEquals(b.apply(y)[i], both[f.length + ya.length + i], 1e-12);
                }
            }
        }
    }

    /** Exact pieces of a 1-D network with residual adds on [a, b] (as {@link InvertibilityTest#pieces}, per-layer forms kept). */
    static List<double[]> pieces(Network net, double a, double b) {
        List<Double> cuts = new ArrayList<>();
        cuts.add(a);
        double x0 = a;
        while (x0 < b) {
            double next = b;
            double[][] slope = new double[net.layerCount() + 1][];
            double[][] icpt = new double[net.layerCount() + 1][];
            slope[0] = new double[] {1.0};
            icpt[0] = new double[] {0.0};
            for (int k = 0; k < net.layerCount(); k++) {
                double[] s = slope[k];
                double[] c = icpt[k];
                Layer layer = net.layer(k);
                double[] ns;
                double[] nc;
                switch (layer) {
                    case AffineLayer al -> {
                        double[][] w = al.weights();
                        ns = new double[w.length];
                        nc = new double[w.length];
                        for (int i = 0; i < w.length; i++) {
                            nc[i] = al.bias(i);
                            for (int j = 0; j < w[i].length; j++) {
                                ns[i] += w[i][j] * s[j];
                                nc[i] += w[i][j] * c[j];
                            }
                        }
                    }
                    case ResidualAddLayer add -> {
                        ns = s.clone();
                        nc = c.clone();
                        for (int i = 0; i < ns.length; i++) {
                            ns[i] += slope[add.source() + 1][i];
                            nc[i] += icpt[add.source() + 1][i];
                        }
                    }
                    case ReluLayer r -> {
                        ns = s.clone();
                        nc = c.clone();
                        for (int i = 0; i < ns.length; i++) {
                            double v = s[i] * x0 + c[i];
                            boolean active = v > 1e-12 || (Math.abs(v) <= 1e-12 && s[i] > 0); // just right of x0
                            if (s[i] != 0) {
                                double t = -c[i] / s[i];
                                if (t > x0 + 1e-12) next = Math.min(next, t);
                            }
                            if (!active) {
                                ns[i] = 0;
                                nc[i] = 0;
                            }
                        }
                    }
                    default -> {
                        ns = s.clone();
                        nc = c.clone();
                    }
                }
                slope[k + 1] = ns;
                icpt[k + 1] = nc;
            }
            cuts.add(next);
            x0 = next;
        }
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k + 1 < cuts.size(); k++) {
            double p = cuts.get(k);
            double q = cuts.get(k + 1);
            double fp = net.apply(new double[] {p})[0];
            double fq = net.apply(new double[] {q})[0];
            out.add(new double[] {p, q, fp, (fq - fp) / (q - p)});
        }
        return out;
    }

    @Test
    void oneDimensionalResidualRadiiAreTheFoldOfTheFirstNetwork() {
        int folds = 0;
        for (long seed = 1; seed <= 2; seed++) {
            Network res = residualBlocks(seed, 1, 6, 2, 1);
            Network plain = InvertibilityTest.random(seed + 50, 1, 8, 1);
            Network skip = hiddenSkip(seed + 70, 1, 5, 1);
            double c = 0.4 * seed - 0.8;
            double maxR = 2.0;
            InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, maxR).withRadiusTol(1e-4);
            // residual f1 with a plain f2 and with a residual f2 of a different depth; plain f1 with a residual f2
            List<Network[]> roles = List.of(new Network[] {res, plain}, new Network[] {res, skip}, new Network[] {plain, res});
            for (Network[] p : roles) {
                List<double[]> ps = pieces(p[0], c - maxR - 1, c + maxR + 1);
                double expected = Math.min(InvertibilityTest.exactLocal(ps, c), maxR);
                for (int s = 0; s < 20; s++) { // the piece finder handles the skip connections
                    double x = c - maxR + 2 * maxR * s / 19.0;
                    double[] piece = ps.stream().filter(q -> q[0] <= x && x <= q[1]).findFirst().orElseThrow();
                    assertEquals(p[0].apply(new double[] {x})[0], piece[2] + piece[3] * (x - piece[0]), 1e-9);
                }
                InvertibilityResult r = TransformInvertibility.compute(p[0], p[1], new double[] {c}, o);
                assertTrue(r.status() != Status.INCONCLUSIVE, "seed " + seed);
                assertEquals(expected, r.radius(), 3e-4, "seed " + seed);
                TransformInvertibilityTest.assertValid(r, p[0], p[1], new double[] {c}, BallNorm.LINF);
                if (expected < maxR) folds++;
            }
        }
        assertTrue(folds >= 3, "several residual 1-D nets should fold inside the max radius, got " + folds);
    }

    @Test
    void zeroResidualGivesThePlainRadii() {
        Network a = InvertibilityTest.random(12, 2, 5, 5, 2);
        Network b = TransformInvertibilityTest.pruned(a, 0.3, 12);
        Network ar = withZeroResidual(a);
        double[] c = {0.2, -0.1};
        for (int s = 0; s < 10; s++) {
            double[] x = {s * 0.1 - 0.5, 0.3 - s * 0.05};
            assertEquals(0.0, BallNorm.LINF.distance(a.apply(x), ar.apply(x)), 1e-12);
        }
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, 1.0).withRadiusTol(3e-3);
        TransformInvertibility.Both plain = TransformInvertibility.both(a, b, c, o);
        TransformInvertibility.Both res = TransformInvertibility.both(ar, b, c, o);
        for (InvertibilityResult[] p : List.of(new InvertibilityResult[] {plain.r12(), res.r12()}, new InvertibilityResult[] {plain.r21(), res.r21()})) {
            assertTrue(p[0].status() != Status.INCONCLUSIVE && p[1].status() != Status.INCONCLUSIVE, p[0] + " / " + p[1]);
            assertEquals(p[0].status(), p[1].status());
            // both brackets contain the true radius: they overlap (equal up to the search tolerance)
            assertTrue(p[0].radius() <= p[1].upper() + 1e-6 && p[1].radius() <= p[0].upper() + 1e-6, p[0] + " / " + p[1]);
            assertEquals(p[0].radius(), p[1].radius(), 3e-3);
        }
        TransformInvertibilityTest.assertValid(res.r12(), ar, b, c, BallNorm.LINF);
        TransformInvertibilityTest.assertValid(res.r21(), b, ar, c, BallNorm.LINF);
    }

    /** Central-difference Jacobian (exact inside a linear piece). */
    static double[][] jacobian(Network f, double[] x) {
        double h = 1e-7;
        double[][] j = new double[2][2];
        for (int c = 0; c < 2; c++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[c] += h;
            m[c] -= h;
            double[] fp = f.apply(p);
            double[] fm = f.apply(m);
            for (int r = 0; r < 2; r++) j[r][c] = (fp[r] - fm[r]) / (2 * h);
        }
        return j;
    }

    /** Newton on the piecewise-linear {@code f(y) = target} from {@code y}; null when it does not converge. */
    static double[] solve(Network f, double[] target, double[] y0) {
        double[] y = y0.clone();
        for (int it = 0; it < 40; it++) {
            double[] r = f.apply(y);
            r[0] -= target[0];
            r[1] -= target[1];
            if (Math.max(Math.abs(r[0]), Math.abs(r[1])) <= 1e-11) return y;
            double[][] j = jacobian(f, y);
            double det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
            if (Math.abs(det) < 1e-12) return null;
            y[0] -= (j[1][1] * r[0] - j[0][1] * r[1]) / det;
            y[1] -= (-j[1][0] * r[0] + j[0][0] * r[1]) / det;
        }
        return null;
    }

    @Test
    void twoDimensionalResidualCertifiedBallsHoldNoSampledCollision() {
        Random rnd = new Random(9);
        int collisions = 0;
        int nontrivial = 0;
        for (long seed = 21; seed <= 22; seed++) {
            Network f1 = residualBlocks(seed, 2, 5, 1, 2, 3.0);
            Network f2 = seed == 21 ? hiddenSkip(seed + 5, 2, 4, 2) : InvertibilityTest.random(seed + 5, 2, 5, 5, 2);
            double[] c = {0.1, -0.2};
            double maxR = 1.5;
            InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, maxR).withRadiusTol(1e-3);
            InvertibilityResult local = LocalInvertibility.compute(f1, c, o);
            TransformInvertibility.Both both = TransformInvertibility.both(f1, f2, c, o);
            for (InvertibilityResult r : List.of(local, both.r12(), both.r21())) assertTrue(r.status() != Status.INCONCLUSIVE, r.toString());
            TransformInvertibilityTest.assertValid(both.r12(), f1, f2, c, BallNorm.LINF);
            TransformInvertibilityTest.assertValid(both.r21(), f2, f1, c, BallNorm.LINF);
            // f1 injective on the ball makes f2 a function of f1 there (two different encodings agree).
            assertTrue(both.r12().radius() >= local.radius() - 1e-3, both.r12() + " vs " + local);
            if (both.r12().status() == Status.BRACKETED || both.r21().status() == Status.BRACKETED) nontrivial++;
            // Sampled collisions of f1 (Newton from random starts): where f2 tells the pair apart, the pair must reach
            // outside the certified ball of r_12; likewise with the roles swapped for r_21.
            for (int dir = 0; dir < 2; dir++) {
                Network g = dir == 0 ? f1 : f2;
                Network h = dir == 0 ? f2 : f1;
                InvertibilityResult r = dir == 0 ? both.r12() : both.r21();
                double span = Math.min(maxR, 2 * Math.max(r.radius(), 0.05));
                for (int s = 0; s < 300; s++) {
                    double[] x = {c[0] + span * (2 * rnd.nextDouble() - 1), c[1] + span * (2 * rnd.nextDouble() - 1)};
                    double[] start = {c[0] + span * (2 * rnd.nextDouble() - 1), c[1] + span * (2 * rnd.nextDouble() - 1)};
                    double[] y = solve(g, g.apply(x), start);
                    if (y == null || BallNorm.LINF.distance(x, y) <= 1e-4) continue;
                    if (BallNorm.LINF.distance(h.apply(x), h.apply(y)) <= 1e-6) continue;
                    collisions++;
                    double reach = Math.max(BallNorm.LINF.distance(x, c), BallNorm.LINF.distance(y, c));
                    assertTrue(reach >= r.radius() - 1e-6, "sampled collision inside the certified ball: reach " + reach + ", " + r);
                }
            }
        }
        assertTrue(nontrivial >= 1, "a residual pair should fold inside the max radius");
        assertTrue(collisions >= 10, "sampling should find collisions, got " + collisions);
    }

    @Test
    void unsupportedLayersAreRejected() {
        Network pool = new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 0}, {0, 1}}, new double[2]), new ArctanLayer(2),
                new ResidualAddLayer(2, -1)));
        Network res = residualBlocks(1, 2, 3, 1, 1);
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, 1);
        assertThrows(IllegalArgumentException.class, () -> TransformInvertibility.compute(res, pool, new double[] {0, 0}, o));
        assertThrows(IllegalArgumentException.class, () -> ParallelComposition.sideBySide(res, InvertibilityTest.random(1, 2, 3, 3, 1)));
        // Problem 1 pairs a network with itself, which the composition could do with arctan; the exact MILP cannot
        Network atan = new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 0}, {0, 1}}, new double[2]), new ArctanLayer(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalInvertibility.compute(atan, new double[] {0, 0}, o));
        assertTrue(e.getMessage().contains("arctan"), e.getMessage());
    }
}
