package org.nnmip.nnverify.invertibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

class InvertibilityTest {

    static Network random(long seed, int... sizes) {
        Random rnd = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < sizes.length; k++) {
            double[][] w = new double[sizes[k]][sizes[k - 1]];
            double[] b = new double[sizes[k]];
            for (int i = 0; i < sizes[k]; i++) {
                for (int j = 0; j < sizes[k - 1]; j++) w[i][j] = rnd.nextGaussian() / Math.sqrt(sizes[k - 1]);
                b[i] = 0.5 * rnd.nextGaussian();
            }
            layers.add(AffineLayer.dense(w, b));
            if (k < sizes.length - 1) layers.add(new ReluLayer(sizes[k]));
        }
        return new Network(sizes[0], layers);
    }

    /**
     * Exact pieces of a 1-D ReLU network on [a, b]: walking right, the current activation pattern makes every
     * pre-activation an affine function of x, exact up to the first zero crossing, which is the next breakpoint.
     */
    static List<double[]> pieces(Network net, double a, double b) {
        List<Double> cuts = new ArrayList<>();
        cuts.add(a);
        double x0 = a;
        while (x0 < b) {
            double next = b;
            double[] s = {1.0};
            double[] c = {0.0};
            for (Layer layer : net.layers()) {
                if (layer instanceof AffineLayer al) {
                    double[][] w = al.weights();
                    double[] ns = new double[w.length];
                    double[] nc = new double[w.length];
                    for (int i = 0; i < w.length; i++) {
                        nc[i] = al.bias(i);
                        for (int j = 0; j < w[i].length; j++) {
                            ns[i] += w[i][j] * s[j];
                            nc[i] += w[i][j] * c[j];
                        }
                    }
                    s = ns;
                    c = nc;
                } else {
                    for (int i = 0; i < s.length; i++) {
                        double v = s[i] * x0 + c[i];
                        // active just right of x0
                        boolean active = v > 1e-12 || (Math.abs(v) <= 1e-12 && s[i] > 0);
                        if (s[i] != 0) {
                            double t = -c[i] / s[i];
                            if (t > x0 + 1e-12) next = Math.min(next, t);
                        }
                        if (!active) {
                            s[i] = 0;
                            c[i] = 0;
                        }
                    }
                }
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

    static final double FLAT = 1e-9;

    static int sign(double slope) { return Math.abs(slope) <= FLAT ? 0 : slope > 0 ? 1 : -1; }

    /** Largest r with f strictly monotone on [c - r, c + r]. */
    static double exactLocal(List<double[]> ps, double c) {
        int k0 = 0;
        while (ps.get(k0)[1] < c) k0++;
        int s0 = sign(ps.get(k0)[3]);
        if (s0 == 0) return 0.0;
        double right = Double.POSITIVE_INFINITY;
        for (int k = k0; k < ps.size(); k++) if (sign(ps.get(k)[3]) != s0) { right = ps.get(k)[0] - c; break; }
        double left = Double.POSITIVE_INFINITY;
        for (int k = k0; k >= 0; k--) if (sign(ps.get(k)[3]) != s0) { left = c - ps.get(k)[1]; break; }
        return Math.min(left, right);
    }

    /** Distance from c to the nearest other preimage of f(c). */
    static double exactPseudo(List<double[]> ps, double c, double fc) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] p : ps) {
            if (sign(p[3]) == 0) {
                if (Math.abs(p[2] - fc) < 1e-9) {
                    if (c >= p[0] && c <= p[1]) return 0.0;
                    best = Math.min(best, Math.min(Math.abs(p[0] - c), Math.abs(p[1] - c)));
                }
                continue;
            }
            double x = p[0] + (fc - p[2]) / p[3];
            if (x >= p[0] - 1e-12 && x <= p[1] + 1e-12 && Math.abs(x - c) > 1e-9) best = Math.min(best, Math.abs(x - c));
        }
        return best;
    }

    @Test
    void oneDimensionalLocalRadiusMatchesExactPiecewiseAnalysis() {
        int nontrivial = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Network net = random(seed, 1, 10, 10, 1);
            double c = 0.3 * seed - 1.0;
            double maxR = 2.0;
            List<double[]> ps = pieces(net, c - maxR - 1, c + maxR + 1);
            double expected = Math.min(exactLocal(ps, c), maxR);
            for (BallNorm norm : List.of(BallNorm.LINF, BallNorm.L1)) {
                InvertibilityOptions o = InvertibilityOptions.defaults(norm, maxR).withRadiusTol(1e-4);
                InvertibilityResult r = LocalInvertibility.compute(net, new double[] {c}, o);
                assertTrue(r.status() != InvertibilityResult.Status.INCONCLUSIVE, "seed " + seed);
                assertEquals(expected, r.radius(), 2e-4, "seed " + seed + " " + norm);
                assertTrue(r.radius() <= r.upper());
                if (r.status() == InvertibilityResult.Status.BRACKETED) {
                    nontrivial++;
                    assertTrue(r.upper() - r.radius() <= 1e-4 + 1e-12);
                    var cx = r.counterexample().orElseThrow();
                    assertTrue(Math.abs(net.apply(cx.x())[0] - net.apply(cx.y())[0]) <= 1e-5);
                    assertTrue(Math.abs(cx.x()[0] - cx.y()[0]) > 1e-6);
                    assertTrue(Math.max(Math.abs(cx.x()[0] - c), Math.abs(cx.y()[0] - c)) <= r.upper() + 1e-6);
                    assertTrue(r.milps() > 1);
                } else {
                    assertEquals(maxR, expected, 2e-4);
                }
            }
        }
        assertTrue(nontrivial >= 4, "most random 1-D nets should fold inside the max radius, got " + nontrivial);
    }

    @Test
    void oneDimensionalPseudoRadiusMatchesNearestOtherPreimage() {
        int exact = 0;
        int withinTolerance = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Network net = random(seed, 1, 10, 10, 1);
            double c = 0.3 * seed - 1.0;
            double maxR = 3.0;
            List<double[]> ps = pieces(net, c - maxR - 1, c + maxR + 1);
            double fc = net.apply(new double[] {c})[0];
            double expected = exactPseudo(ps, c, fc);
            // In 1-D the three norms coincide: the L2 search must give the same exact answer.
            for (BallNorm norm : List.of(BallNorm.LINF, BallNorm.L1, BallNorm.L2)) {
                InvertibilityResult r = PseudoInvertibility.compute(net, new double[] {c}, InvertibilityOptions.defaults(norm, maxR));
                if (expected > maxR) {
                    assertEquals(InvertibilityResult.Status.CERTIFIED_MAX_RADIUS, r.status(), "seed " + seed);
                } else if (expected == 0.0) {
                    assertEquals(InvertibilityResult.Status.NOT_ISOLATED, r.status(), "seed " + seed);
                } else if (r.status() == InvertibilityResult.Status.NOT_ISOLATED) {
                    // Where f is nearly flat, a point at distance eps already maps within the output tolerance
                    // (and within the MILP's feasibility tolerance): a valid answer under the documented tolerances,
                    // which the rigorous bounds of the search no longer prune away.
                    var cx = r.counterexample().orElseThrow();
                    InvertibilityOptions o = InvertibilityOptions.defaults(norm, maxR);
                    assertTrue(Math.abs(net.apply(cx.y())[0] - fc) <= o.outputTol(), "seed " + seed);
                    assertTrue(norm.distance(cx.y(), new double[] {c}) <= o.eps() + o.injectivityTol(), "seed " + seed);
                    withinTolerance++;
                } else {
                    exact++;
                    assertEquals(InvertibilityResult.Status.BRACKETED, r.status(), "seed " + seed);
                    assertEquals(expected, r.upper(), 1e-5, "seed " + seed + " " + norm);
                    assertTrue(r.radius() <= r.upper() && r.radius() >= r.upper() - 1e-5);
                    var cx = r.counterexample().orElseThrow();
                    assertTrue(Math.abs(net.apply(cx.y())[0] - fc) <= 1e-5);
                }
            }
        }
        assertTrue(exact >= 4 && exact + withinTolerance >= 9, "expected several finite pseudo radii, got " + exact
                + " (+ " + withinTolerance + " within the output tolerance at distance eps)");
    }

    /** Jacobian of f at x through the activation pattern at x. */
    static double[][] jacobian(Network net, double[] x) {
        Evaluation e = net.evaluate(x);
        int n = x.length;
        double[][] j = new double[n][n];
        for (int i = 0; i < n; i++) j[i][i] = 1;
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            if (layer instanceof AffineLayer al) {
                double[][] w = al.weights();
                double[][] nj = new double[w.length][n];
                for (int r = 0; r < w.length; r++) for (int q = 0; q < w[r].length; q++) for (int c = 0; c < n; c++) nj[r][c] += w[r][q] * j[q][c];
                j = nj;
            } else {
                double[] pre = e.preActivation(k);
                for (int r = 0; r < pre.length; r++) if (pre[r] <= 0) java.util.Arrays.fill(j[r], 0.0);
            }
        }
        return j;
    }

    @Test
    void twoDimensionalCertifiedBallsAreConsistentAndCounterexamplesCollide() {
        Random rnd = new Random(7);
        int checked = 0;
        for (long seed = 11; seed <= 13; seed++) {
            Network net = random(seed, 2, 8, 8, 2);
            double[] c = {0.2, -0.1};
            double maxR = 1.5;
            InvertibilityResult linf = LocalInvertibility.compute(net, c, InvertibilityOptions.defaults(BallNorm.LINF, maxR).withRadiusTol(1e-3));
            InvertibilityResult l1 = LocalInvertibility.compute(net, c, InvertibilityOptions.defaults(BallNorm.L1, maxR).withRadiusTol(1e-3));
            InvertibilityResult pseudo = PseudoInvertibility.compute(net, c, InvertibilityOptions.defaults(BallNorm.LINF, maxR));
            for (InvertibilityResult r : List.of(linf, l1)) {
                assertTrue(r.status() != InvertibilityResult.Status.INCONCLUSIVE);
                assertTrue(r.radius() <= r.upper());
                BallNorm norm = r == linf ? BallNorm.LINF : BallNorm.L1;
                r.counterexample().ifPresent(cx -> {
                    assertTrue(BallNorm.LINF.distance(net.apply(cx.x()), net.apply(cx.y())) <= 1e-5);
                    assertTrue(Math.max(norm.distance(cx.x(), c), norm.distance(cx.y(), c)) <= r.upper() + 1e-6);
                    assertTrue(BallNorm.LINF.distance(cx.x(), cx.y()) > 1e-6);
                });
            }
            for (BallNorm norm : List.of(BallNorm.LINF, BallNorm.L1)) {
                InvertibilityResult p = PseudoInvertibility.compute(net, c, InvertibilityOptions.defaults(norm, maxR));
                assertTrue(p.status() != InvertibilityResult.Status.INCONCLUSIVE);
                p.counterexample().ifPresent(cx -> {
                    assertTrue(BallNorm.LINF.distance(net.apply(cx.y()), net.apply(c)) <= 1e-5);
                    assertEquals(p.upper(), norm.distance(cx.y(), c), 1e-9);
                });
                assertTrue(p.radius() <= p.upper());
            }
            // The L1 ball of radius r lies inside the L-infinity ball of radius r.
            assertTrue(l1.radius() >= linf.radius() - 1e-3, "seed " + seed);
            // Injective on the ball => no other preimage of f(c) in it.
            if (linf.radius() > 1e-3) assertTrue(pseudo.upper() >= linf.radius() - 1e-6, "seed " + seed);
            // A PL map injective on an open set keeps the sign of its Jacobian determinant on every full-dimensional
            // piece there; sample the certified ball.
            int signSeen = 0;
            for (int s = 0; s < 400 && linf.radius() > 0; s++) {
                double[] x = {c[0] + linf.radius() * (2 * rnd.nextDouble() - 1), c[1] + linf.radius() * (2 * rnd.nextDouble() - 1)};
                double[][] j = jacobian(net, x);
                double det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
                int sg = det > 1e-12 ? 1 : det < -1e-12 ? -1 : 0;
                assertTrue(sg != 0, "singular piece inside the certified ball, seed " + seed);
                if (signSeen == 0) signSeen = sg;
                assertEquals(signSeen, sg, "orientation flips inside the certified ball, seed " + seed);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void stoppedPseudoSearchKeepsOnlyASoundRadius() {
        Network net = random(12, 2, 8, 8, 2);
        double[] c = {0.2, -0.1};
        InvertibilityOptions o = InvertibilityOptions.defaults(BallNorm.LINF, 1.5);
        InvertibilityResult full = PseudoInvertibility.compute(net, c, o);
        InvertibilityResult stopped = PseudoInvertibility.compute(net, c, o.withTimeLimitSeconds(1e-4));
        assertTrue(stopped.radius() >= 0 && stopped.radius() <= Math.min(full.upper(), 1.5) + 1e-9,
                stopped + " vs " + full);
    }

    @Test
    void badInputIsRejected() {
        Network net = random(1, 2, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> LocalInvertibility.compute(net, new double[] {0}, InvertibilityOptions.defaults(BallNorm.LINF, 1)));
        assertThrows(IllegalArgumentException.class, () -> InvertibilityOptions.defaults(BallNorm.LINF, -1));
        assertThrows(IllegalArgumentException.class, () -> PseudoInvertibility.compute(net, new double[] {0, Double.NaN}, InvertibilityOptions.defaults(BallNorm.L1, 1)));
    }
}
