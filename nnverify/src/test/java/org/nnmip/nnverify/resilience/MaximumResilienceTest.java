package org.nnmip.nnverify.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.bounds.Box;

/** Maximum resilience on small random classifiers, cross-checked against SCIP and sampling. */
class MaximumResilienceTest {
    private static final double TOL = 1e-5;

    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    static double[] fill(int n, double v) {
        double[] r = new double[n];
        Arrays.fill(r, v);
        return r;
    }

    static Box box(SmallNets r) {
        int n = r.net.inputSize();
        return new Box(fill(n, -1), fill(n, 1));
    }

    static ResilienceOptions options(boolean linf, int k) {
        return ResilienceOptions.defaults().withNorm(linf ? ResilienceOptions.Norm.LINF : ResilienceOptions.Norm.L1).withK(k);
    }

    /** A log-confidence that some input of the box reaches: half the best margin (or a bit below a negative one). */
    static double feasibleLnAlpha(double tMax) {
        return tMax > 0 ? 0.5 * tMax : tMax - 0.25;
    }

    /** Seeds from {@code from} on whose class {@code seed % 3} reaches a margin above 0.1 somewhere (alpha > 1 is feasible). */
    static long[] confidentSeeds(long from, int count) {
        long[] r = new long[count];
        int c = 0;
        for (long seed = from; c < count && seed < from + 100; seed++) {
            SmallNets n = SmallNets.random(seed);
            Box b = box(n);
            if (ScipResilience.maxMargin(n, b.lower(), b.upper(), (int) (seed % 3)) > 0.1) r[c++] = seed;
        }
        assertEquals(count, c, "not enough confident seeds");
        return r;
    }

    static double norm(double[] e, boolean linf) {
        double s = 0;
        for (double v : e) s = linf ? Math.max(s, Math.abs(v)) : s + Math.abs(v);
        return s;
    }

    static double margin(double[] y, int m) {
        double t = Double.POSITIVE_INFINITY;
        for (int j = 0; j < y.length; j++) if (j != m) t = Math.min(t, y[m] - y[j]);
        return t;
    }

    static int overtaking(double[] y, int m, double tol) {
        int c = 0;
        for (int j = 0; j < y.length; j++) if (j != m && y[j] >= y[m] - tol) c++;
        return c;
    }

    /** The witness checked with the test's own forward pass. */
    static void assertWitness(SmallNets r, Box box, ResilienceResult res, double lnAlpha, int k, boolean linf) {
        ResilienceResult.Witness w = res.witness().orElseThrow();
        double[] a = w.input();
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) b[i] = a[i] + w.perturbation()[i];
        assertTrue(box.contains(a, 1e-12) && box.contains(b, 1e-9), "witness in the box");
        assertEquals(res.phi(), norm(w.perturbation(), linf), 1e-9);
        assertTrue(margin(r.apply(a), res.classIndex()) >= lnAlpha - 1e-6, "confidence at a");
        assertTrue(overtaking(r.apply(b), res.classIndex(), 1e-6) >= k, "k classes overtake at a + eps");
    }

    /** Sampled feasible pairs (a, b), each shortened along the segment: none may beat the optimum. */
    static void assertNoSampleBeats(SmallNets r, Box box, int m, double lnAlpha, int k, boolean linf, double phi, long seed) {
        Random rnd = new Random(seed);
        int n = box.dimension();
        int found = 0;
        for (int s = 0; s < 1500; s++) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = -1 + 2 * rnd.nextDouble();
            if (margin(r.apply(a), m) < lnAlpha) continue;
            for (int q = 0; q < 10; q++) {
                double[] b = new double[n];
                for (int i = 0; i < n; i++) b[i] = -1 + 2 * rnd.nextDouble();
                if (overtaking(r.apply(b), m, 0) < k) continue;
                double lo = 0;
                double hi = 1;
                for (int it = 0; it < 30; it++) { // bisection for a short feasible point on the segment (any feasible one counts)
                    double mid = 0.5 * (lo + hi);
                    if (overtaking(r.apply(lerp(a, b, mid)), m, 0) >= k) hi = mid;
                    else lo = mid;
                }
                double[] c = lerp(a, b, hi);
                if (overtaking(r.apply(c), m, 0) < k) continue;
                found++;
                double[] e = new double[n];
                for (int i = 0; i < n; i++) e[i] = c[i] - a[i];
                assertTrue(norm(e, linf) >= phi - 1e-6, "sampled witness " + norm(e, linf) + " beats Phi " + phi);
            }
        }
        assertTrue(Double.isNaN(phi) ? found == 0 : true, "a sample is feasible although Phi is infeasible");
    }

    static double[] lerp(double[] a, double[] b, double t) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i] + t * (b[i] - a[i]);
        return r;
    }

    @Test
    void phiMatchesScipAndSampling() {
        int feasible = 0;
        for (long seed : confidentSeeds(0, 7)) {
            SmallNets r = SmallNets.random(seed);
            Box box = box(r);
            int m = (int) (seed % 3);
            boolean linf = seed % 2 == 1;
            int k = seed % 4 == 3 ? 2 : 1;
            ResilienceOptions o = options(linf, k);
            double tMax = ScipResilience.maxMargin(r, box.lower(), box.upper(), m);
            double lnAlpha = feasibleLnAlpha(tMax);
            ResilienceResult res = MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), o);
            double ref = ScipResilience.phi(r, box.lower(), box.upper(), m, lnAlpha, k, linf, null);
            String where = "seed " + seed + " m " + m + " k " + k + (linf ? " linf" : " l1");
            if (Double.isNaN(ref)) {
                assertEquals("infeasible", res.status(), where);
            } else {
                feasible++;
                assertEquals("optimal", res.status(), where);
                assertEquals(ref, res.phi(), TOL * (1 + ref), where);
                assertTrue(res.bound() <= res.phi() + 1e-9, where);
                assertWitness(r, box, res, lnAlpha, k, linf);
            }
            assertNoSampleBeats(r, box, m, lnAlpha, k, linf, res.phi(), seed);
        }
        assertTrue(feasible >= 5, "too few feasible instances: " + feasible);
    }

    @Test
    void heuristicSwitchesGiveTheSameOptimum() {
        for (long seed : confidentSeeds(20, 2)) {
            SmallNets r = SmallNets.random(seed);
            Box box = box(r);
            int m = (int) (seed % 3);
            double lnAlpha = feasibleLnAlpha(ScipResilience.maxMargin(r, box.lower(), box.upper(), m));
            double ref = ScipResilience.phi(r, box.lower(), box.upper(), m, lnAlpha, 1, false, null);
            ResilienceOptions base = ResilienceOptions.defaults();
            ResilienceOptions[] variants = {
                base.withBigM(ResilienceOptions.BigM.CONSTANT).withConstantM(1e3),
                base.withBigM(ResilienceOptions.BigM.INTERVAL),
                base.withBigM(ResilienceOptions.BigM.INTERVAL).withLookBack(1),
                base.withLookBack(2).withTightening(ResilienceOptions.Tightening.MIP),
                base.withPriorities(false),
                base.withThreeStepInit(true),
            };
            for (ResilienceOptions o : variants) {
                ResilienceResult res = MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), o);
                String where = "seed " + seed + " " + o.bigM() + " lookBack " + o.lookBack() + " priorities " + o.priorities() + " threeStep " + o.threeStepInit();
                if (Double.isNaN(ref)) {
                    assertEquals("infeasible", res.status(), where);
                } else {
                    assertEquals("optimal", res.status(), where);
                    assertEquals(ref, res.phi(), TOL * (1 + ref), where);
                    assertWitness(r, box, res, lnAlpha, 1, false);
                }
            }
        }
    }

    @Test
    void phiGrowsWithAlphaAndInfeasibleAlphaReportsTheLargestFeasibleOne() {
        for (long seed : confidentSeeds(40, 2)) {
            SmallNets r = SmallNets.random(seed);
            Box box = box(r);
            int m = (int) (seed % 3);
            double tMax = ScipResilience.maxMargin(r, box.lower(), box.upper(), m);
            double previous = Double.NEGATIVE_INFINITY;
            for (double f : new double[] {-1.0, -0.5, 0.0, 0.5, 0.9}) {
                double lnAlpha = tMax - 0.5 + f * 0.5;
                ResilienceResult res = MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), ResilienceOptions.defaults());
                if (res.status().equals("infeasible")) {
                    previous = Double.POSITIVE_INFINITY;
                    continue;
                }
                assertEquals("optimal", res.status(), "seed " + seed);
                assertTrue(res.phi() >= previous - 1e-7, "Phi decreased with alpha, seed " + seed);
                previous = res.phi();
            }
            // Above the best margin no input has the confidence: infeasible, with alpha_max reported.
            double lnAlpha = tMax + 0.3;
            ResilienceResult res = MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), ResilienceOptions.defaults());
            assertEquals("infeasible", res.status(), "seed " + seed);
            assertFalse(res.hasWitness());
            ConfidenceResult c = res.confidence().orElseThrow();
            assertEquals("optimal", c.status());
            assertEquals(tMax, c.margin(), TOL * (1 + Math.abs(tMax)), "seed " + seed);
            assertEquals(Math.exp(tMax), c.alphaMax(), 1e-4 * Math.exp(tMax));
            assertTrue(c.bound() >= c.margin() - 1e-9 && c.bound() < lnAlpha);
            assertEquals(tMax, margin(r.apply(c.input().orElseThrow()), m), 1e-6);
            Random rnd = new Random(seed);
            for (int s = 0; s < 2000; s++) {
                double[] a = new double[box.dimension()];
                for (int i = 0; i < a.length; i++) a[i] = -1 + 2 * rnd.nextDouble();
                assertTrue(margin(r.apply(a), m) <= c.bound() + 1e-9, "sampled margin above the proven bound");
            }
        }
    }

    @Test
    void localVariantDecidesAroundTheMinimalPerturbation() {
        for (long seed = 60; seed < 66; seed++) {
            // The last two have 8 inputs, where the L1-ball bounds of the local problem are much tighter than the cube.
            SmallNets r = seed < 64 ? SmallNets.random(seed) : new SmallNets(seed, new int[] {8, 6, 3});
            Box box = box(r);
            Random rnd = new Random(seed);
            double[] a = new double[box.dimension()];
            for (int i = 0; i < a.length; i++) a[i] = Math.round((-1 + 2 * rnd.nextDouble()) * 100) / 100.0;
            double[] y = r.apply(a);
            int m = 0;
            for (int j = 1; j < y.length; j++) if (y[j] > y[m]) m = j;
            boolean linf = seed % 2 == 0;
            ResilienceOptions o = options(linf, 1);
            ResilienceResult min = MaximumResilience.minimalPerturbation(r.net, box, a, m, o);
            double ref = ScipResilience.phi(r, box.lower(), box.upper(), m, 0, 1, linf, a);
            String where = "seed " + seed;
            if (Double.isNaN(ref)) {
                assertEquals("infeasible", min.status(), where);
                assertEquals("resilient", MaximumResilience.local(r.net, box, a, m, 1.0, o).status(), where);
                continue;
            }
            assertEquals("optimal", min.status(), where);
            assertEquals(ref, min.phi(), TOL * (1 + ref), where);
            assertWitness(r, box, min, Double.NEGATIVE_INFINITY, 1, linf);
            assertEquals(a[0], min.witness().orElseThrow().input()[0], 0.0);
            ResilienceResult yes = MaximumResilience.local(r.net, box, a, m, ref + 0.02, o);
            assertEquals("vulnerable", yes.status(), where);
            assertTrue(yes.phi() < ref + 0.02);
            assertWitness(r, box, yes, Double.NEGATIVE_INFINITY, 1, linf);
            if (ref > 0.02) {
                ResilienceResult no = MaximumResilience.local(r.net, box, a, m, ref - 0.02, o);
                assertEquals("resilient", no.status(), where);
                assertFalse(no.hasWitness());
            }
        }
    }

    @Test
    void xiIsTheSmallestPhiOverClasses() {
        for (long seed : new long[] {81, 83, 84}) { // each has an infeasible or a cut-off class
            SmallNets r = SmallNets.random(seed);
            Box box = box(r);
            double lnAlpha = 0.05;
            double best = Double.POSITIVE_INFINITY;
            for (int m = 0; m < 3; m++) {
                double ref = ScipResilience.phi(r, box.lower(), box.upper(), m, lnAlpha, 1, false, null);
                if (!Double.isNaN(ref)) best = Math.min(best, ref);
            }
            XiResult xi = MaximumResilience.xi(r.net, box, Math.exp(lnAlpha), ResilienceOptions.defaults());
            assertEquals(3, xi.perClass().size());
            if (Double.isInfinite(best)) {
                assertEquals("infeasible", xi.status());
                continue;
            }
            assertEquals("optimal", xi.status(), "seed " + seed);
            assertEquals(best, xi.xi(), TOL * (1 + best), "seed " + seed);
            assertEquals(best, xi.bound(), TOL * (1 + best), "seed " + seed);
            ResilienceResult arg = xi.perClass().get(xi.argmin());
            assertWitness(r, box, arg, lnAlpha, 1, false);
        }
    }
}
