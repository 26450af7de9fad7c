package org.nnmip.nnverify.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnmip.nnverify.resilience.MaximumResilienceTest.assertWitness;
import static org.nnmip.nnverify.resilience.MaximumResilienceTest.box;
import static org.nnmip.nnverify.resilience.MaximumResilienceTest.confidentSeeds;
import static org.nnmip.nnverify.resilience.MaximumResilienceTest.feasibleLnAlpha;
import static org.nnmip.nnverify.resilience.MaximumResilienceTest.options;

import com.google.ortools.Loader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.train.MlpTrainer;

/** MIP starts and the sampling heuristic of the resilience MIPs: they may speed the search, never change its answer. */
class ResilienceStartTest {
    private static final double TOL = 1e-5;

    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    private static double[] b(ResilienceResult.Witness w) {
        double[] a = w.input();
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) b[i] = a[i] + w.perturbation()[i];
        return b;
    }

    @Test
    void startsNeverChangeTheOptimum() {
        for (long seed : confidentSeeds(200, 5)) {
            SmallNets r = SmallNets.random(seed);
            Box box = box(r);
            int m = (int) (seed % 3);
            boolean linf = seed % 2 == 1;
            int k = seed % 5 == 4 ? 2 : 1;
            double lnAlpha = feasibleLnAlpha(ScipResilience.maxMargin(r, box.lower(), box.upper(), m));
            double ref = ScipResilience.phi(r, box.lower(), box.upper(), m, lnAlpha, k, linf, null);
            String where = "seed " + seed + " m " + m + " k " + k + (linf ? " linf" : " l1");
            ResilienceOptions o = options(linf, k);
            ResilienceResult plain = MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), o.withHeuristicFraction(0));
            ResilienceResult sampled = MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), o.withSeed(seed));
            if (Double.isNaN(ref)) {
                assertEquals("infeasible", plain.status(), where);
                assertEquals("infeasible", sampled.status(), where);
                assertTrue(Double.isNaN(sampled.startPhi()), "no witness can be sampled: " + where);
                continue;
            }
            assertTrue(Double.isNaN(plain.startPhi()), where);
            // The optimal witness itself as start, plus a pair that is no witness.
            ResilienceResult.Witness opt = plain.witness().orElseThrow();
            List<ResilienceStart> starts = List.of(new ResilienceStart(opt.input(), b(opt)), new ResilienceStart(opt.input(), opt.input()));
            ResilienceResult given = MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), o.withHeuristicFraction(0), starts);
            for (ResilienceResult res : List.of(plain, sampled, given)) {
                assertEquals("optimal", res.status(), where);
                assertEquals(ref, res.phi(), TOL * (1 + ref), where);
                assertEquals(ref, res.bound(), TOL * (1 + ref), where);
                assertWitness(r, box, res, lnAlpha, k, linf);
            }
            // A start is a true witness: never below the optimum.
            if (!Double.isNaN(sampled.startPhi())) assertTrue(sampled.startPhi() >= ref - TOL * (1 + ref), where + " start " + sampled.startPhi());
            assertEquals(plain.phi(), given.startPhi(), TOL * (1 + ref), where);
        }
    }

    @Test
    void startsThatAreNoWitnessesAreIgnored() {
        long seed = confidentSeeds(300, 1)[0];
        SmallNets r = SmallNets.random(seed);
        Box box = box(r);
        int m = (int) (seed % 3);
        double lnAlpha = feasibleLnAlpha(ScipResilience.maxMargin(r, box.lower(), box.upper(), m));
        double ref = ScipResilience.phi(r, box.lower(), box.upper(), m, lnAlpha, 1, false, null);
        ResilienceOptions o = ResilienceOptions.defaults().withHeuristicFraction(0);
        int n = r.net.inputSize();
        double[] zero = new double[n];
        double[] out = MaximumResilienceTest.fill(n, 5.0); // outside the box
        double[] lowConfidence = null;
        for (double t = -1; t <= 1 && lowConfidence == null; t += 0.01) {
            double[] x = MaximumResilienceTest.fill(n, t);
            if (MaximumResilienceTest.margin(r.apply(x), m) < lnAlpha - 0.01) lowConfidence = x;
        }
        List<ResilienceStart> bad = new java.util.ArrayList<>(List.of(new ResilienceStart(zero, zero), new ResilienceStart(out, zero), new ResilienceStart(zero, out)));
        if (lowConfidence != null) bad.add(new ResilienceStart(lowConfidence, MaximumResilienceTest.fill(n, 1)));
        ResilienceResult res = MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), o, bad);
        assertTrue(Double.isNaN(res.startPhi()), "no start was a witness");
        assertEquals("optimal", res.status());
        assertEquals(ref, res.phi(), TOL * (1 + ref));
        assertWitness(r, box, res, lnAlpha, 1, false);
        // Bad shapes are input errors.
        assertThrows(IllegalArgumentException.class, () -> MaximumResilience.phi(r.net, box, m, Math.exp(lnAlpha), o, List.of(new ResilienceStart(new double[n + 1], new double[n + 1]))));
        assertThrows(IllegalArgumentException.class, () -> new ResilienceStart(new double[n], new double[n + 1]));
        // Xi with the same bad starts: the same answer as without.
        XiResult x0 = MaximumResilience.xi(r.net, box, Math.exp(lnAlpha), o);
        XiResult x1 = MaximumResilience.xi(r.net, box, Math.exp(lnAlpha), o, bad);
        assertEquals(x0.status(), x1.status());
        assertEquals(x0.xi(), x1.xi(), TOL * (1 + Math.abs(x0.xi())));
    }

    @Test
    void localStartsAnswerOrAreIgnored() {
        for (long seed : confidentSeeds(400, 3)) {
            SmallNets r = SmallNets.random(seed);
            Box box = box(r);
            int n = r.net.inputSize();
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = 0.3 * Math.sin(seed + i);
            double[] z = r.apply(a);
            int m = 0;
            for (int j = 1; j < z.length; j++) if (z[j] > z[m]) m = j;
            double ref = ScipResilience.phi(r, box.lower(), box.upper(), m, Double.NEGATIVE_INFINITY, 1, false, a);
            String where = "seed " + seed;
            ResilienceOptions o = ResilienceOptions.defaults();
            ResilienceResult min = MaximumResilience.minimalPerturbation(r.net, box, a, m, o.withSeed(seed));
            if (Double.isNaN(ref)) {
                assertEquals("infeasible", min.status(), where);
                continue;
            }
            assertEquals("optimal", min.status(), where);
            assertEquals(ref, min.phi(), TOL * (1 + ref), where);
            if (!Double.isNaN(min.startPhi())) assertTrue(min.startPhi() >= ref - TOL * (1 + ref), where);
            // A witness below delta answers at once; a non-witness (b = a) is ignored.
            double[] bw = b(min.witness().orElseThrow());
            ResilienceResult yes = MaximumResilience.local(r.net, box, a, m, ref + 0.05, o.withHeuristicFraction(0), List.of(a.clone(), bw));
            assertEquals("vulnerable", yes.status(), where);
            assertWitness(r, box, yes, Double.NEGATIVE_INFINITY, 1, false);
            if (ref > 0.05) {
                ResilienceResult no = MaximumResilience.local(r.net, box, a, m, ref - 0.05, o, List.of(a.clone(), bw));
                assertEquals("resilient", no.status(), where);
            }
        }
    }

    /** On a 27-300-5 network like the experiment's, the search keeps the heuristic's witness or improves on it. */
    @Test
    void heuristicIncumbentOnAWideNetwork() {
        Network net = MlpTrainer.heInitialized(new int[] {27, 300, 5}, 5);
        Box box = new Box(new double[27], MaximumResilienceTest.fill(27, 1));
        ResilienceOptions o = ResilienceOptions.defaults().withMip(ResilienceOptions.defaults().mip().withTimeLimitSeconds(3)).withHeuristicFraction(0.2);
        int m = 1;
        ResilienceResult r = MaximumResilience.phi(net, box, m, 1.5, o);
        System.out.println("27-300-5: " + r.status() + " phi " + r.phi() + " bound " + r.bound() + " start " + r.startPhi() + " in " + r.startSeconds() + " s of " + r.seconds());
        assertTrue(!Double.isNaN(r.startPhi()), "the heuristic finds a witness: " + r);
        assertTrue(r.hasWitness(), r.status());
        assertTrue(r.phi() <= r.startPhi() + 1e-9, r.phi() + " > " + r.startPhi());
        assertTrue(r.bound() <= r.phi() + 1e-6);
        ResilienceResult.Witness w = r.witness().orElseThrow();
        double[] zb = net.apply(b(w));
        int over = 0;
        for (int j = 0; j < zb.length; j++) if (j != m && zb[j] >= zb[m] - 1e-6) over++;
        assertTrue(over >= 1 && MaximumResilienceTest.margin(net.apply(w.input()), m) >= -1e-6, "witness re-checked: " + Arrays.toString(zb));
    }

    @Test
    void xiClassesShareTheLimit() {
        assertEquals(Long.MAX_VALUE, MaximumResilience.share(Long.MAX_VALUE, 5, 1));
        long now = System.nanoTime();
        long deadline = now + 10_000_000_000L;
        double one = (MaximumResilience.share(deadline, 5, 1) - now) / 1e9;
        double two = (MaximumResilience.share(deadline, 5, 2) - now) / 1e9;
        double last = (MaximumResilience.share(deadline, 1, 2) - now) / 1e9;
        assertTrue(one > 1.5 && one <= 2.05, "a fifth: " + one);
        assertTrue(two > 3.0 && two <= 10.0 / 3 + 0.05, "a third (three rounds of two): " + two);
        assertTrue(last > 9.0 && last <= 10.05, "the last class gets the rest: " + last);
    }
}
