package org.nnmip.nnverify.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.model.SolutionChecker;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * Arctan networks (relaxed encoding: the bound must never exceed a true perturbation found by sampling), max-pool
 * networks (exact: the same Phi as an equivalent ReLU-only network) and Xi in parallel threads.
 */
class ArctanMaxPoolResilienceTest {

    static double[][] gauss(Random rnd, int r, int c, double scale) {
        double[][] m = new double[r][c];
        for (double[] row : m) for (int j = 0; j < c; j++) row[j] = Math.round(rnd.nextGaussian() * scale * 100) / 100.0;
        return m;
    }

    /** 2-3 inputs, one or two arctan hidden layers (the second may be ReLU), 3 logits. */
    static Network arctanNet(long seed) {
        Random rnd = new Random(seed);
        int n = 2;
        int h = 3;
        List<Layer> layers = new ArrayList<>();
        layers.add(AffineLayer.dense(gauss(rnd, h, n, 1), gauss(rnd, 1, h, 0.5)[0]));
        layers.add(new ArctanLayer(h));
        int last = h;
        if (seed % 4 == 1) {
            int h2 = 3;
            layers.add(AffineLayer.dense(gauss(rnd, h2, h, 1), gauss(rnd, 1, h2, 0.5)[0]));
            layers.add(seed % 8 == 1 ? new ArctanLayer(h2) : new ReluLayer(h2));
            last = h2;
        }
        layers.add(AffineLayer.dense(gauss(rnd, 3, last, 1.5), gauss(rnd, 1, 3, 0.3)[0]));
        return new Network(n, layers);
    }

    static Box unitBox(int n) {
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(lo, -1);
        Arrays.fill(hi, 1);
        return new Box(lo, hi);
    }

    static double[][] samples(int n, int count, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[count][n];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < n; i++) x[s][i] = s < (1 << n) ? (((s >> i) & 1) == 0 ? -1 : 1) : -1 + 2 * rnd.nextDouble();
        }
        return x;
    }

    /** The smallest L1 distance between a sampled input with margin >= lnAlpha and a sampled input where some class catches up. */
    static double sampledPhi(Network net, int m, double lnAlpha, double[][] xs) {
        List<double[]> confident = new ArrayList<>();
        List<double[]> broken = new ArrayList<>();
        for (double[] x : xs) {
            double[] z = net.apply(x);
            if (MaximumResilience.margin(z, m) >= lnAlpha) confident.add(x);
            for (int j = 0; j < z.length; j++) {
                if (j != m && z[j] >= z[m]) {
                    broken.add(x);
                    break;
                }
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (double[] a : confident) {
            for (double[] b : broken) {
                double d = 0;
                for (int i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
                best = Math.min(best, d);
            }
        }
        return best;
    }

    @Test
    void arctanBoundIsNeverAboveASampledWitness() {
        int checked = 0;
        int positive = 0;
        // A time limit keeps the test short; the bound is certified whenever the solve stops.
        ResilienceOptions o = ResilienceOptions.defaults().withArctanPieces(3);
        o = o.withMip(o.mip().withTimeLimitSeconds(1.5));
        for (long seed = 0; seed < 8; seed++) {
            Network net = arctanNet(seed);
            int n = net.inputSize();
            Box box = unitBox(n);
            double[][] xs = samples(n, 1500, seed);
            int m = (int) (seed % 3);
            double tMax = Double.NEGATIVE_INFINITY;
            for (double[] x : xs) tMax = Math.max(tMax, MaximumResilience.margin(net.apply(x), m));
            double lnAlpha = tMax > 0 ? 0.5 * tMax : tMax - 0.1; // some sample reaches it: feasible
            ResilienceResult r = MaximumResilience.phi(net, box, m, Math.exp(lnAlpha), o);
            assertTrue(r.relaxed());
            double sampled = sampledPhi(net, m, lnAlpha, xs);
            assertTrue(Double.isFinite(sampled), "seed " + seed + ": sampling finds a perturbation");
            assertTrue(List.of("optimal", "feasible", "lower_bound", "time_limit").contains(r.status()), "seed " + seed + ": " + r.status());
            assertTrue(r.bound() <= sampled + 1e-9, "seed " + seed + ": certified bound " + r.bound() + " above sampled " + sampled);
            if (r.bound() > 0) positive++;
            if (r.hasWitness()) {
                ResilienceResult.Witness w = r.witness().get();
                double[] a = w.input();
                double[] b = new double[n];
                for (int i = 0; i < n; i++) b[i] = a[i] + w.perturbation()[i];
                assertTrue(box.contains(a, 1e-12) && box.contains(b, 1e-12));
                double[] za = net.apply(a);
                double[] zb = net.apply(b);
                assertTrue(MaximumResilience.margin(za, m) >= lnAlpha - 1e-5, "witness is confident on the true network");
                boolean caught = false;
                for (int j = 0; j < 3; j++) caught |= j != m && zb[j] >= zb[m] - 1e-5;
                assertTrue(caught, "witness breaks the true network");
                assertTrue(r.phi() >= r.bound() - 1e-6, "upper " + r.phi() + " below lower " + r.bound());
                checked++;
            }
        }
        assertTrue(checked >= 3, "most instances find a true witness, got " + checked);
        assertTrue(positive >= 3, "most bounds are useful (positive), got " + positive);
    }

    @Test
    void arctanEncodingAcceptsEveryForwardPassAndPlainEncodersRejectIt() {
        for (long seed = 0; seed < 4; seed++) {
            Network net = arctanNet(seed);
            Box box = unitBox(net.inputSize());
            var bounds = IntervalBounds.compute(net, box);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReluMipEncoder.encode(bounds));
            assertTrue(e.getMessage().contains("layer 1 (arctan"), e.getMessage());
            ReluMipEncoding enc = ReluMipEncoder.encode(bounds, 5);
            SolutionChecker checker = new SolutionChecker(1e-9, 1e-9);
            for (double[] x : samples(net.inputSize(), 300, seed)) {
                double[] p = enc.complete(x);
                assertTrue(checker.check(enc.model(), p).feasible(), "forward pass at " + Arrays.toString(x) + " is a model point");
                double[] z = net.apply(x);
                for (int j = 0; j < z.length; j++) assertEquals(z[j], enc.outputs()[j].evaluate(p), 1e-12);
            }
        }
    }

    @Test
    void arctanLayersRoundTripThroughJson() throws Exception {
        Network net = arctanNet(5);
        Network back = JsonNetworkFormat.parse(JsonNetworkFormat.toJson(net), Path.of("net.json"));
        assertEquals(net, back);
        assertTrue(JsonNetworkFormat.toJson(net).contains("\"arctan\""));
    }

    /** affine -> relu -> max-pool over pairs -> affine, and the same function with max(x, y) = y + relu(x - y). */
    static Network[] maxPoolPair(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(2);
        int g = 2 + rnd.nextInt(2);
        double[][] w1 = gauss(rnd, 2 * g, n, 1);
        double[] b1 = gauss(rnd, 1, 2 * g, 0.5)[0];
        double[][] w2 = gauss(rnd, 3, g, 1);
        double[] b2 = gauss(rnd, 1, 3, 0.3)[0];
        int[][] groups = new int[g][];
        for (int q = 0; q < g; q++) groups[q] = new int[] {2 * q, 2 * q + 1};
        Network pooled = new Network(n, List.of(AffineLayer.dense(w1, b1), new ReluLayer(2 * g), new MaxPoolLayer(2 * g, groups),
                AffineLayer.dense(w2, b2)));
        // d_q = x_2q - x_2q+1, e_q = x_2q+1 (>= 0 after the ReLU, so relu(e_q) = e_q); out = W2 (relu(d) + e) + b2
        double[][] split = new double[2 * g][2 * g];
        for (int q = 0; q < g; q++) {
            split[q][2 * q] = 1;
            split[q][2 * q + 1] = -1;
            split[g + q][2 * q + 1] = 1;
        }
        double[][] w3 = new double[3][2 * g];
        for (int j = 0; j < 3; j++) {
            for (int q = 0; q < g; q++) {
                w3[j][q] = w2[j][q];
                w3[j][g + q] = w2[j][q];
            }
        }
        Network relu = new Network(n, List.of(AffineLayer.dense(w1, b1), new ReluLayer(2 * g), AffineLayer.dense(split, new double[2 * g]),
                new ReluLayer(2 * g), AffineLayer.dense(w3, b2)));
        return new Network[] {pooled, relu};
    }

    @Test
    void maxPoolPhiEqualsThatOfTheEquivalentReluNetwork() {
        int compared = 0;
        for (long seed = 0; seed < 6; seed++) {
            Network[] p = maxPoolPair(seed);
            Box box = unitBox(p[0].inputSize());
            for (double[] x : samples(p[0].inputSize(), 50, seed)) {
                double[] y0 = p[0].apply(x);
                double[] y1 = p[1].apply(x);
                for (int j = 0; j < 3; j++) assertEquals(y0[j], y1[j], 1e-9);
            }
            int m = (int) (seed % 3);
            ResilienceOptions o = ResilienceOptions.defaults();
            ConfidenceResult c = MaximumResilience.maxConfidence(p[1], box, m, o);
            if (!c.status().equals("optimal")) continue;
            double alpha = Math.exp(c.margin() > 0 ? 0.5 * c.margin() : c.margin() - 0.1);
            ResilienceResult a = MaximumResilience.phi(p[0], box, m, alpha, o);
            ResilienceResult b = MaximumResilience.phi(p[1], box, m, alpha, o);
            assertEquals(b.status(), a.status(), "seed " + seed);
            assertTrue(!a.relaxed());
            if (a.status().equals("optimal")) {
                assertEquals(b.phi(), a.phi(), 1e-5, "seed " + seed);
                assertTrue(a.hasWitness());
                compared++;
            }
        }
        assertTrue(compared >= 3, "compared " + compared);
    }

    @Test
    void xiInParallelThreadsMatchesSequential() {
        for (long seed : new long[] {1, 4}) {
            SmallNets r = SmallNets.random(seed);
            Box box = unitBox(r.net.inputSize());
            ResilienceOptions o = ResilienceOptions.defaults();
            XiResult one = MaximumResilience.xi(r.net, box, 1.0, o);
            XiResult two = MaximumResilience.xi(r.net, box, 1.0, o.withThreads(3));
            assertEquals(one.status(), two.status());
            assertEquals(3, two.perClass().size());
            if (one.status().equals("optimal")) {
                assertEquals(one.xi(), two.xi(), 1e-5, "seed " + seed);
                for (int m = 0; m < 3; m++) {
                    ResilienceResult c = two.perClass().get(m);
                    assertEquals(m, c.classIndex());
                    // A class solved or cut off can never beat Xi.
                    if (c.status().equals("optimal")) assertTrue(c.phi() >= two.xi() - 1e-6);
                    assertTrue(List.of("optimal", "cut_off", "infeasible").contains(c.status()), c.status());
                }
            }
        }
    }
}
