package org.nnmip.nnverify.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.mip.MipCertificate;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;

/** Maximum-resilience certificates (Phi lower bounds and infeasible alphas) against SCIP; tampering is rejected. */
class ResilienceCertificateTest {

    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    @Test
    void phiBoundsAreCertifiedAndHigherClaimsRejected(@TempDir Path dir) throws Exception {
        int certified = 0;
        for (long seed : MaximumResilienceTest.confidentSeeds(0, 4)) {
            SmallNets r = SmallNets.random(seed);
            Box box = MaximumResilienceTest.box(r);
            int m = (int) (seed % 3);
            boolean linf = seed % 2 == 1;
            ResilienceOptions o = MaximumResilienceTest.options(linf, 1);
            double lnAlpha = MaximumResilienceTest.feasibleLnAlpha(ScipResilience.maxMargin(r, box.lower(), box.upper(), m));
            double alpha = Math.exp(lnAlpha);
            ResilienceResult res = MaximumResilience.phi(r.net, box, m, alpha, o);
            if (!res.status().equals("optimal") || !(res.bound() > 1e-6)) continue;
            double ref = ScipResilience.phi(r, box.lower(), box.upper(), m, lnAlpha, 1, linf, null);
            ResilienceCertificate cert = ResilienceCertificate.prove(r.net, box, m, alpha, o, res, 30);
            String where = "seed " + seed;
            assertNull(cert.check(r.net), where);
            double lower = cert.claim().lower();
            // SCIP's optimum of an independent encoding is at least the certified bound, and close to it.
            assertTrue(lower <= ref * (1 + 1e-6) + 1e-6 && lower >= ref * (1 - 1e-4) - 1e-5, where + ": " + lower + " vs SCIP " + ref);
            certified++;

            Path file = dir.resolve("res" + seed + ".json");
            Files.writeString(file, cert.toJson());
            ResilienceCertificate back = ResilienceCertificate.read(file);
            assertEquals(cert.leaves().size(), back.leaves().size());
            assertNull(back.check(r.net), "read back, " + where);

            // Claiming more than the re-checked witness's norm: impossible to prove.
            var c = cert.claim();
            var more = new ResilienceCertificate.Claim(c.box(), m, alpha, 1, c.norm(), c.bigM(), c.constantM(), c.arctanPieces(),
                    res.phi() + 0.01);
            String why = cert.with(more, cert.networkDigest(), cert.leaves()).check(r.net);
            assertNotNull(why, where);
            assertTrue(why.contains("is not above") || why.contains("no leaf covers"), why);

            // A scaled network (forged digest): other rows, the multipliers prove nothing (or the claim is wrong there).
            Network scaled = r.net.followedBy(List.of(AffineLayer.diagonal(new double[] {1, 3, -2}, new double[] {0, 0.5, 0})));
            assertTrue(cert.check(scaled).contains("SHA-256"));
            assertNotNull(cert.with(c, org.nnmip.nnverify.io.JsonNetworkFormat.sha256(scaled), cert.leaves()).check(scaled), where + " scaled");

            // A dropped leaf.
            if (cert.leaves().size() > 1) {
                why = cert.with(c, cert.networkDigest(), cert.leaves().subList(1, cert.leaves().size())).check(r.net);
                assertTrue(why != null && why.contains("no leaf covers"), why);
            }
            // Zeroed multipliers of some leaf.
            boolean rejected = false;
            List<MipCertificate.Leaf> leaves = cert.leaves();
            for (int t = 0; t < leaves.size() && !rejected; t++) {
                MipCertificate.Leaf l = leaves.get(t);
                List<MipCertificate.Leaf> changed = new ArrayList<>(leaves);
                changed.set(t, new MipCertificate.Leaf(l.kind(), l.columns(), l.lower(), l.upper(), new double[l.multipliers().length]));
                why = cert.with(c, cert.networkDigest(), changed).check(r.net);
                if (why != null) {
                    assertTrue(why.startsWith("leaf " + t), why);
                    rejected = true;
                }
            }
            assertTrue(rejected, where + ": no leaf needed its multipliers");
        }
        assertTrue(certified >= 2, "too few certified instances: " + certified);
    }

    @Test
    void infeasibleAlphaIsCertifiedAndAFeasibleOneRejected(@TempDir Path dir) throws Exception {
        long seed = MaximumResilienceTest.confidentSeeds(40, 1)[0];
        SmallNets r = SmallNets.random(seed);
        Box box = MaximumResilienceTest.box(r);
        int m = (int) (seed % 3);
        double tMax = ScipResilience.maxMargin(r, box.lower(), box.upper(), m);
        double alpha = Math.exp(tMax + 0.3);
        ResilienceOptions o = ResilienceOptions.defaults();
        ResilienceResult res = MaximumResilience.phi(r.net, box, m, alpha, o);
        assertEquals("infeasible", res.status());
        ResilienceCertificate cert = ResilienceCertificate.prove(r.net, box, m, alpha, o, res, 30);
        assertTrue(cert.claim().infeasible());
        // A real proof (not "infeasible by the bounds alone"): Farkas leaves only.
        assertTrue(!cert.leaves().isEmpty() && cert.leaves().stream().allMatch(l -> l.kind() == org.nnmip.mip.LeafProofListener.Kind.INFEASIBLE));
        assertNull(cert.check(r.net));
        Path file = dir.resolve("inf.json");
        Files.writeString(file, cert.toJson());
        assertNull(ResilienceCertificate.read(file).check(r.net));
        assertTrue(ResilienceCertificate.read(file).claim().describe().contains("infeasible"));

        // A confidence some input reaches (SCIP's best margin minus 0.2): the Farkas leaves cannot prove that empty.
        var c = cert.claim();
        var reachable = new ResilienceCertificate.Claim(c.box(), m, Math.exp(tMax - 0.2), c.k(), c.norm(), c.bigM(),
                c.constantM(), c.arctanPieces(), Double.POSITIVE_INFINITY);
        String why = cert.with(reachable, cert.networkDigest(), cert.leaves()).check(r.net);
        assertNotNull(why);

        // A result that proves nothing is not certified; a malformed file names the field.
        ResilienceResult nothing = new ResilienceResult("time_limit", Double.NaN, 0.0, m, java.util.Optional.empty(),
                java.util.Optional.empty(), 0, 0, 0, false);
        assertThrows(IllegalStateException.class, () -> ResilienceCertificate.prove(r.net, box, m, alpha, o, nothing, 30));
        Files.writeString(file, cert.toJson().replace("\"big_m\":\"symbolic\"", "\"big_m\":\"huge\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResilienceCertificate.read(file));
        assertTrue(e.getMessage().contains("claim.big_m") && e.getMessage().contains("inf.json"), e.getMessage());
    }
}
