package org.nnmip.nnverify.verify;

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
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibParser;

/** Unsat certificates: proven, written, read back and checked; damaged ones are rejected with the reason. */
class UnsatCertificateTest {

    @Test
    void acasXuUnsatCertificateRoundTripsAndChecks(@TempDir Path dir) throws Exception {
        Network net = NetworkFiles.read(TestData.acasNnet("3_3"));
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_4.vnnlib"));
        UnsatCertificate cert = UnsatCertificate.prove(net, p, 60);
        assertNull(UnsatCertificate.check(net, p, cert));
        Path file = dir.resolve("cert.json");
        Files.writeString(file, cert.toJson());
        UnsatCertificate back = UnsatCertificate.read(file);
        assertEquals(cert.leafCount(), back.leafCount());
        assertNull(UnsatCertificate.check(net, p, back));

        // Another network with the same shape: the multipliers prove nothing there (or the bounds differ).
        Network other = NetworkFiles.read(TestData.acasNnet("2_1"));
        if (cert.leafCount() > 0) assertNotNull(UnsatCertificate.check(other, p, back));
    }

    @Test
    void randomUnsatPropertiesGetValidMipCertificates() {
        int withLeaves = 0;
        int damagedCaught = 0;
        for (int seed = 0; seed < 40 && withLeaves < 2; seed++) {
            java.util.Random rnd = new java.util.Random(1000 + seed);
            Network net = seed % 2 == 0 ? RandomNetworks.dense(rnd, 3, 8, 8, 3) : RandomNetworks.mixed(rnd, 3, 2, 7);
            Property p = RandomVerificationTest.randomProperty(rnd, net);
            double scip = Double.NEGATIVE_INFINITY;
            for (org.nnmip.nnverify.bounds.Box box : p.inputBoxes()) {
                for (List<org.nnmip.nnverify.property.OutputConstraint> conj : p.outputCondition().disjuncts()) {
                    scip = Math.max(scip, ReferenceBigM.maxMargin(net, box, conj));
                }
            }
            if (!(scip < -1e-3)) continue; // sat or on the boundary
            UnsatCertificate cert = UnsatCertificate.prove(net, p, 30);
            assertNull(UnsatCertificate.check(net, p, cert), "seed " + seed);
            if (cert.leafCount() == 0) continue;
            withLeaves++;
            // drop the last leaf of every MIP part: some integer region is then uncovered (or nothing changes
            // when a part has a single root leaf, which is then missing entirely)
            List<UnsatCertificate.Part> parts = new ArrayList<>();
            for (UnsatCertificate.Part q : cert.parts()) {
                parts.add(q.byBounds() ? q : new UnsatCertificate.Part(q.box(), q.conjunct(), false,
                        q.leaves().subList(0, q.leaves().size() - 1)));
            }
            String why = UnsatCertificate.check(net, p, new UnsatCertificate(parts));
            assertNotNull(why, "seed " + seed);
            assertTrue(why.contains("no leaf covers"), why);
            damagedCaught++;
        }
        assertTrue(withLeaves >= 2 && damagedCaught == withLeaves, withLeaves + " certificates with leaves");
    }

    @Test
    void damagedMipCertificatesAreRejected() throws Exception {
        Path t = TestData.nn("vnncomp_test");
        Network net = NetworkFiles.read(t.resolve("test_unsat.onnx"));
        Property p = VnnlibParser.parse(t.resolve("test_prop.vnnlib"));
        UnsatCertificate cert = UnsatCertificate.prove(net, p, 60);
        assertNull(UnsatCertificate.check(net, p, cert));
        UnsatCertificate.Part mip = cert.parts().stream().filter(q -> !q.byBounds()).findFirst().orElse(null);
        if (mip == null) return; // the bounds alone prove this property
        List<UnsatCertificate.Part> parts = new ArrayList<>(cert.parts());
        int at = parts.indexOf(mip);
        // no leaves at all: nothing covers the root box
        parts.set(at, new UnsatCertificate.Part(mip.box(), mip.conjunct(), false, List.of()));
        String why = UnsatCertificate.check(net, p, new UnsatCertificate(parts));
        assertNotNull(why);
        assertTrue(why.contains("no leaf covers"), why);
        // zeroed multipliers: the leaf's bound is not below 0
        List<MipCertificate.Leaf> zeroed = new ArrayList<>();
        for (MipCertificate.Leaf l : mip.leaves()) {
            zeroed.add(new MipCertificate.Leaf(l.kind(), l.columns(), l.lower(), l.upper(),
                    new double[l.multipliers().length]));
        }
        parts.set(at, new UnsatCertificate.Part(mip.box(), mip.conjunct(), false, zeroed));
        assertNotNull(UnsatCertificate.check(net, p, new UnsatCertificate(parts)));
    }

    @Test
    void satPropertiesCannotBeCertifiedAndBadFilesAreNamed(@TempDir Path dir) throws Exception {
        Network net = NetworkFiles.read(TestData.acasNnet("1_9"));
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib"));
        assertThrows(IllegalStateException.class, () -> UnsatCertificate.prove(net, p, 30));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"nnmip-unsat-certificate-1\",\"subproblems\":[{\"box\":0,\"conjunct\":0,"
                + "\"proof\":\"mip\",\"leaves\":[{\"kind\":\"bound\",\"columns\":[1],\"lower\":[0],\"upper\":[],"
                + "\"multipliers\":[]}]}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnsatCertificate.read(bad));
        assertTrue(e.getMessage().contains("subproblems[0].leaves[0]"), e.getMessage());
        Files.writeString(bad, "not json");
        assertThrows(IllegalArgumentException.class, () -> UnsatCertificate.read(bad));
    }
}
