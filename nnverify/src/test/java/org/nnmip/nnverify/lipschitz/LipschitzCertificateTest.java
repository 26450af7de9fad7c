package org.nnmip.nnverify.lipschitz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.mip.MipCertificate;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;

/** LipMIP upper-bound certificates: proven, round-tripped, checked exactly; tampered copies are rejected. */
class LipschitzCertificateTest {

    private static LipschitzProblem problem(Network net, InputDomain domain, InputNorm norm) {
        double[] c = new double[net.outputSize()];
        c[0] = 1;
        if (c.length > 1) c[1] = -1;
        return new LipschitzProblem(net, new OutputFunctional(c), domain, norm);
    }

    @Test
    void certificatesOfRandomNetworksCheckAndBoundSampledGradients(@TempDir Path dir) throws Exception {
        Random rnd = new Random(7);
        int withBranching = 0;
        for (int t = 0; t < 4; t++) {
            Network net = RandomNetworks.dense(rnd, 2, 6, 5, 2);
            InputNorm norm = t % 2 == 0 ? InputNorm.LINF : InputNorm.L1;
            InputDomain domain = t < 3 ? InputDomain.box(new double[] {-1, -0.5}, new double[] {0.5, 1})
                    : InputDomain.l1Ball(new double[] {0.1, -0.2}, 0.8);
            LipschitzProblem p = problem(net, domain, norm);
            LipschitzResult r = LipMip.solve(p);
            assertEquals("optimal", r.status(), "network " + t);
            LipschitzCertificate cert = LipschitzCertificate.prove(p, BackwardEncoding.SWITCH, r.upper(), 30);
            assertNull(cert.check(net), "network " + t);
            double u = cert.claim().upper();
            assertTrue(u >= r.upper() && u <= r.upper() * (1 + 1e-7) + 1e-8, "claim " + u + " vs " + r.upper());
            // Independent of the MIP: the exact constant by region enumeration (GLOP) is below the certified bound
            // and within LipMIP's gap of it, and no sampled gradient exceeds it.
            double[] center = domain instanceof InputDomain.L1Ball b ? b.center() : null;
            double exact = new RegionEnumeration(net, domain.boundingBox().lower(), domain.boundingBox().upper(), center,
                    center == null ? Double.NaN : ((InputDomain.L1Ball) domain).radius(), p.output().weights(), norm).exactLipschitz();
            assertTrue(exact <= u && u <= exact * (1 + 2e-6) + 1e-7, "network " + t + ": exact " + exact + ", certified " + u);
            Random s = new Random(t);
            for (int k = 0; k < 2000; k++) {
                double[] x = domain.sample(s);
                assertTrue(p.gradientNormAt(x) <= u * (1 + 1e-12), "network " + t + " at sample " + k);
            }
            if (cert.leaves().size() > 1) withBranching++;

            Path file = dir.resolve("lip" + t + ".json");
            Files.writeString(file, cert.toJson());
            LipschitzCertificate back = LipschitzCertificate.read(file);
            assertEquals(cert.leaves().size(), back.leaves().size());
            assertEquals(u, back.claim().upper());
            assertNull(back.check(net), "read back, network " + t);

            // A claim below the true constant (the incumbent's gradient norm is attained): rejected.
            var lowered = new LipschitzCertificate.Claim(cert.claim().domain(), norm, cert.claim().weights(), null,
                    BackwardEncoding.SWITCH, r.lower() * 0.99);
            String why = cert.with(lowered, cert.networkDigest(), cert.leaves()).check(net);
            assertNotNull(why, "network " + t);
            assertTrue(why.contains("is not above") || why.contains("no leaf covers"), why);
        }
        assertTrue(withBranching >= 1, "some certificate should need branching");
    }

    @Test
    void tamperedCertificatesAreRejectedWithTheReason() {
        Random rnd = new Random(21);
        Network net = RandomNetworks.dense(rnd, 2, 8, 6, 2);
        InputDomain domain = InputDomain.box(new double[] {-1, -1}, new double[] {1, 1});
        LipschitzProblem p = problem(net, domain, InputNorm.LINF);
        LipschitzResult r = LipMip.solve(p);
        LipschitzCertificate cert = LipschitzCertificate.prove(p, BackwardEncoding.SWITCH, r.upper(), 30);
        assertNull(cert.check(net));
        List<MipCertificate.Leaf> leaves = cert.leaves();

        // Another network: the digest differs.
        Network doubled = net.followedBy(List.of(AffineLayer.diagonal(new double[] {2, 2}, new double[] {0, 0})));
        String why = cert.check(doubled);
        assertNotNull(why);
        assertTrue(why.contains("SHA-256"), why);
        // ... and a forger who also rewrites the digest: the rebuilt program has twice the constant.
        why = cert.with(cert.claim(), org.nnmip.nnverify.io.JsonNetworkFormat.sha256(doubled), leaves).check(doubled);
        assertNotNull(why);

        // A wider domain whose constant exceeds the claim (checked by LipMIP on it first).
        InputDomain wide = InputDomain.box(new double[] {-3, -3}, new double[] {3, 3});
        LipschitzResult rw = LipMip.solve(problem(net, wide, InputNorm.LINF));
        if (rw.lower() > cert.claim().upper()) {
            var c = cert.claim();
            why = cert.with(new LipschitzCertificate.Claim(wide, c.norm(), c.weights(), null, c.encoding(), c.upper()),
                    cert.networkDigest(), leaves).check(net);
            assertNotNull(why, "wider domain");
        }

        // Zeroed duals (a redundant one may be dropped safely, so each leaf loses all of its multipliers in turn):
        // a leaf whose proof needed them is named.
        int rejected = 0;
        for (int k = 0; k < leaves.size(); k++) {
            MipCertificate.Leaf l = leaves.get(k);
            List<MipCertificate.Leaf> changed = new ArrayList<>(leaves);
            changed.set(k, new MipCertificate.Leaf(l.kind(), l.columns(), l.lower(), l.upper(), new double[l.multipliers().length]));
            why = cert.with(cert.claim(), cert.networkDigest(), changed).check(net);
            if (why == null) continue;
            assertTrue(why.startsWith("leaf " + k), why);
            rejected++;
            break;
        }
        assertTrue(rejected > 0, "no leaf needed its multipliers");

        // A missing leaf: some binary region is uncovered.
        if (leaves.size() > 1) {
            why = cert.with(cert.claim(), cert.networkDigest(), leaves.subList(1, leaves.size())).check(net);
            assertNotNull(why);
            assertTrue(why.contains("no leaf covers"), why);
        }

        // A branching bound moved: the leaf now claims a region it did not prove (or leaves a gap).
        for (int k = 0; k < leaves.size(); k++) {
            MipCertificate.Leaf l = leaves.get(k);
            if (l.columns().length == 0) continue;
            double[] lo = l.lower().clone();
            double[] up = l.upper().clone();
            if (lo[0] == up[0]) { lo[0] = 0; up[0] = 1; } else { lo[0] = 1; }
            List<MipCertificate.Leaf> changed = new ArrayList<>(leaves);
            changed.set(k, new MipCertificate.Leaf(l.kind(), l.columns(), lo, up, l.multipliers()));
            assertNotNull(cert.with(cert.claim(), cert.networkDigest(), changed).check(net), "moved bound of leaf " + k);
            break;
        }
    }

    @Test
    void vectorCertificateChecksAndBadFilesAreNamed(@TempDir Path dir) throws Exception {
        Random rnd = new Random(5);
        Network net = RandomNetworks.dense(rnd, 2, 5, 3);
        VectorLipschitzProblem p = new VectorLipschitzProblem(net, OutputNorm.linf(),
                InputDomain.box(new double[] {-1, -1}, new double[] {1, 1}), InputNorm.LINF);
        LipschitzResult r = LipMip.solve(p);
        LipschitzCertificate cert = LipschitzCertificate.prove(p, BackwardEncoding.SWITCH, r.upper(), 30);
        Path file = dir.resolve("v.json");
        Files.writeString(file, cert.toJson());
        assertNull(LipschitzCertificate.read(file).check(net));
        // An unknown output norm in the claim.
        Files.writeString(file, cert.toJson().replace("\"output_norm\":\"linf\"", "\"output_norm\":\"l7\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LipschitzCertificate.read(file));
        assertTrue(e.getMessage().contains("claim") && e.getMessage().contains("v.json"), e.getMessage());
        Files.writeString(file, cert.toJson().replace("\"upper\":" + cert.claim().upper(), "\"upper\":\"x\""));
        e = assertThrows(IllegalArgumentException.class, () -> LipschitzCertificate.read(file));
        assertTrue(e.getMessage().contains("claim.upper"), e.getMessage());
        Files.writeString(file, "[1,");
        assertThrows(IllegalArgumentException.class, () -> LipschitzCertificate.read(file));
    }
}
