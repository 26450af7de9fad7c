package org.nnmip.nnverify.invertibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.mip.MipCertificate;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;

/** Problem 1 radius certificates: proven, round-tripped, checked exactly; tampered copies are rejected. */
class InvertibilityCertificateTest {

    /**
     * 1-D networks: the certified radius is below the exact one (piecewise-linear analysis, no MILP), its
     * certificate checks, and the same proof claimed at a radius holding a counterexample pair is rejected.
     */
    @Test
    void oneDimensionalRadiiAreCertifiedAndLargerClaimsRejected(@TempDir Path dir) throws Exception {
        int bracketed = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Network net = InvertibilityTest.random(seed, 1, 10, 10, 1);
            double c = 0.3 * seed - 1.0;
            double maxR = 2.0;
            BallNorm norm = seed % 2 == 0 ? BallNorm.LINF : BallNorm.L1;
            InvertibilityOptions o = InvertibilityOptions.defaults(norm, maxR).withRadiusTol(1e-3);
            InvertibilityResult r = LocalInvertibility.compute(net, new double[] {c}, o);
            double exact = Math.min(InvertibilityTest.exactLocal(InvertibilityTest.pieces(net, c - maxR - 1, c + maxR + 1), c), maxR);
            if (!(r.radius() > 0)) continue;
            InvertibilityCertificate cert = InvertibilityCertificate.prove(net, new double[] {c}, r.radius(), o);
            assertNull(cert.check(net), "seed " + seed);
            assertTrue(cert.claim().radius() <= exact + 1e-9, "seed " + seed + ": certified " + cert.claim().radius() + " > exact " + exact);

            Path file = dir.resolve("inv" + seed + ".json");
            Files.writeString(file, cert.toJson());
            InvertibilityCertificate back = InvertibilityCertificate.read(file);
            assertEquals(cert.leafCount(), back.leafCount());
            assertNull(back.check(net), "read back, seed " + seed);

            if (r.status() == InvertibilityResult.Status.BRACKETED) {
                bracketed++;
                // Beyond the fold: a re-checked collision lies in the ball, so no proof of injectivity can exist.
                var claim = cert.claim();
                var larger = new InvertibilityCertificate.Claim(claim.norm(), claim.center(), r.upper() + 0.05, claim.tol());
                String why = cert.with(larger, cert.networkDigest(), cert.parts()).check(net);
                assertNotNull(why, "seed " + seed);
                assertTrue(why.startsWith("coordinate 0"), why);
                assertThrows(IllegalStateException.class, () -> InvertibilityCertificate.prove(net, new double[] {c}, r.upper() + 0.05, o));
            }
        }
        assertTrue(bracketed >= 2, "random 1-D nets should fold inside the max radius, got " + bracketed);
    }

    @Test
    void twoDimensionalCertificatesAndTampering() {
        Network net = InvertibilityTest.random(12, 2, 8, 8, 2);
        double[] c = {0.2, -0.1};
        double radius = 0;
        for (BallNorm norm : List.of(BallNorm.LINF, BallNorm.L1)) {
            InvertibilityOptions o = InvertibilityOptions.defaults(norm, 1.0).withRadiusTol(0.1);
            // The L1 ball of radius r lies in the L-infinity one: the L-infinity search's radius holds for both.
            if (radius == 0) radius = LocalInvertibility.compute(net, c, o).radius();
            assertTrue(radius > 0, "the test needs a positive radius");
            InvertibilityCertificate cert = InvertibilityCertificate.prove(net, c, radius, o);
            assertNull(cert.check(net), norm.toString());
            var claim = cert.claim();
            List<InvertibilityCertificate.Part> parts = cert.parts();

            // Another network: the digest; a forger who rewrites it: the rebuilt MILPs differ (outputs scaled by
            // 3 change every equality row and bound, so the old multipliers prove nothing).
            Network other = net.followedBy(List.of(AffineLayer.diagonal(new double[] {3, 3}, new double[] {0, 0})));
            assertTrue(cert.check(other).contains("SHA-256"));
            assertNotNull(cert.with(claim, org.nnmip.nnverify.io.JsonNetworkFormat.sha256(other), parts).check(other), norm + ": other network");

            // A moved centre: the bounds, big-Ms and ball rows change.
            var moved = new InvertibilityCertificate.Claim(claim.norm(), new double[] {c[0] + 0.3, c[1]}, claim.radius(), claim.tol());
            assertNotNull(cert.with(moved, cert.networkDigest(), parts).check(net), norm + ": moved centre");

            // A missing coordinate, or the coordinates swapped.
            String why = cert.with(claim, cert.networkDigest(), parts.subList(0, 1)).check(net);
            assertTrue(why.contains("1 coordinate proofs"), why);
            why = cert.with(claim, cert.networkDigest(), List.of(parts.get(1), parts.get(0))).check(net);
            assertTrue(why.startsWith("proof 0 is for coordinate 1"), why);

            // Zeroed multipliers: some leaf needed them, and it is named.
            boolean rejected = false;
            for (int k = 0; k < 2 && !rejected; k++) {
                List<MipCertificate.Leaf> leaves = parts.get(k).leaves();
                for (int t = 0; t < leaves.size() && !rejected; t++) {
                    MipCertificate.Leaf l = leaves.get(t);
                    List<MipCertificate.Leaf> changed = new ArrayList<>(leaves);
                    changed.set(t, new MipCertificate.Leaf(l.kind(), l.columns(), l.lower(), l.upper(), new double[l.multipliers().length]));
                    List<InvertibilityCertificate.Part> ps = new ArrayList<>(parts);
                    ps.set(k, new InvertibilityCertificate.Part(k, changed));
                    why = cert.with(claim, cert.networkDigest(), ps).check(net);
                    if (why != null) {
                        assertTrue(why.startsWith("coordinate " + k + ": leaf " + t), why);
                        rejected = true;
                    }
                }
            }
            assertTrue(rejected, norm + ": no leaf needed its multipliers");

            // A dropped leaf leaves binaries uncovered.
            for (int k = 0; k < 2; k++) {
                List<MipCertificate.Leaf> leaves = parts.get(k).leaves();
                if (leaves.size() < 2) continue;
                List<InvertibilityCertificate.Part> ps = new ArrayList<>(parts);
                ps.set(k, new InvertibilityCertificate.Part(k, leaves.subList(1, leaves.size())));
                why = cert.with(claim, cert.networkDigest(), ps).check(net);
                assertTrue(why != null && why.contains("no leaf covers"), why);
                break;
            }
        }
    }

    @Test
    void l2AndBadFilesAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Network net = InvertibilityTest.random(3, 2, 4, 2);
        assertThrows(IllegalStateException.class,
                () -> InvertibilityCertificate.prove(net, new double[] {0, 0}, 0.1, InvertibilityOptions.defaults(BallNorm.L2, 1)));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"nnmip-invertibility-certificate-1\",\"network_sha256\":\"x\",\"claim\":{"
                + "\"problem\":\"local\",\"norm\":\"linf\",\"center\":[0,0],\"radius\":0.1,\"tol\":1e-6},\"coordinates\":["
                + "{\"coordinate\":0,\"leaves\":[{\"kind\":\"bound\",\"columns\":[1],\"lower\":[0],\"upper\":[],\"multipliers\":[]}]}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InvertibilityCertificate.read(bad));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("coordinates[0].leaves[0]"), e.getMessage());
        Files.writeString(bad, Files.readString(bad).replace("\"linf\"", "\"l2\""));
        e = assertThrows(IllegalArgumentException.class, () -> InvertibilityCertificate.read(bad));
        assertTrue(e.getMessage().contains("claim.norm"), e.getMessage());
    }

    /**
     * Problem 2 on 1-D networks: the certified radius is at most the distance to the nearest other preimage (exact
     * piecewise-linear analysis), its certificate checks, and a claim reaching that preimage is rejected.
     */
    @Test
    void pseudoRadiiAreCertifiedAndClaimsReachingAPreimageRejected(@TempDir Path dir) throws Exception {
        int bracketed = 0;
        for (long seed = 1; seed <= 6 && bracketed < 3; seed++) {
            Network net = InvertibilityTest.random(seed, 1, 10, 10, 1);
            double c = 0.3 * seed - 1.0;
            double maxR = 3.0;
            BallNorm norm = seed % 2 == 0 ? BallNorm.LINF : BallNorm.L1;
            InvertibilityOptions o = InvertibilityOptions.defaults(norm, maxR);
            InvertibilityResult r = PseudoInvertibility.compute(net, new double[] {c}, o);
            if (r.status() == InvertibilityResult.Status.NOT_ISOLATED || r.status() == InvertibilityResult.Status.INCONCLUSIVE) continue;
            double fc = net.apply(new double[] {c})[0];
            double exact = InvertibilityTest.exactPseudo(InvertibilityTest.pieces(net, c - maxR - 1, c + maxR + 1), c, fc);
            InvertibilityCertificate cert = InvertibilityCertificate.provePseudo(net, new double[] {c}, r, o);
            String where = "seed " + seed;
            assertNull(cert.check(net), where);
            assertEquals(InvertibilityCertificate.Problem.PSEUDO, cert.claim().problem());
            assertTrue(cert.claim().radius() <= exact, where + ": certified " + cert.claim().radius() + " > exact " + exact);
            Path file = dir.resolve("pseudo" + seed + ".json");
            Files.writeString(file, cert.toJson());
            InvertibilityCertificate back = InvertibilityCertificate.read(file);
            assertNull(back.check(net), "read back, " + where);
            assertTrue(back.claim().describe().startsWith("no x with f(x) = f("), back.claim().describe());
            if (r.status() != InvertibilityResult.Status.BRACKETED) continue;
            bracketed++;
            assertTrue(cert.claim().radius() >= exact - 1e-4, where + ": certified " + cert.claim().radius() + " far below " + exact);
            var cl = cert.claim();
            var reaching = new InvertibilityCertificate.Claim(cl.problem(), cl.norm(), cl.center(), Math.min(maxR, exact + 0.01),
                    cl.tol(), cl.eps(), cl.maxRadius());
            String why = cert.with(reaching, cert.networkDigest(), cert.parts()).check(net);
            assertNotNull(why, where);
            // A claim below eps proves nothing and is refused as such.
            var tiny = new InvertibilityCertificate.Claim(cl.problem(), cl.norm(), cl.center(), cl.eps() / 2, cl.tol(), cl.eps(), cl.maxRadius());
            assertTrue(cert.with(tiny, cert.networkDigest(), cert.parts()).check(net).contains("not in [eps, max radius]"));
        }
        assertTrue(bracketed >= 2, "expected finite pseudo radii, got " + bracketed);
    }
}
