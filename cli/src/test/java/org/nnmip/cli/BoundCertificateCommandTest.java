package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** {@code lipschitz/invertibility --certificate} write proofs that {@code check-certificate} accepts; tampering is reported. */
class BoundCertificateCommandTest {

    /** Two inputs, two outputs: f = (relu(x1 + x2) - relu(x1 - 2 x2), relu(0.5 - x1 + 0.3 x2)). */
    static Path net(Path dir, String name, double scale) throws Exception {
        Network net = new Network(2, List.of(
                AffineLayer.dense(new double[][] {{1, 1}, {1, -2}, {-1, 0.3}}, new double[] {0, 0, 0.5}), new ReluLayer(3),
                AffineLayer.dense(new double[][] {{scale, -1, 0}, {0, 0, 1}}, new double[] {0, 0})));
        Path p = dir.resolve(name);
        JsonNetworkFormat.write(net, p);
        return p;
    }

    @Test
    void lipschitzCertificateIsWrittenCheckedAndTamperingRejected(@TempDir Path dir) throws Exception {
        String net = net(dir, "net.json", 1).toString();
        Path cert = dir.resolve("lip.json");
        LipschitzCommandTest.Run r = LipschitzCommandTest.run("lipschitz", "--net", net, "--lo=-1,-1", "--hi=1,1",
                "--output-index", "0", "--certificate", cert.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(cert), r.err());
        assertTrue(r.err().contains("certificate written"), r.err());
        LipschitzCommandTest.Run c = LipschitzCommandTest.run("check-certificate", "--net", net, cert.toString());
        assertEquals(0, c.exit(), c.out() + c.err());
        assertTrue(c.out().startsWith("valid: Lipschitz constant of c'f"), c.out());

        // Another network (the first output weight doubled): the digest, and with it, the check fails.
        String other = net(dir, "other.json", 2).toString();
        LipschitzCommandTest.Run o = LipschitzCommandTest.run("check-certificate", "--net", other, cert.toString());
        assertEquals(1, o.exit(), o.out());
        assertTrue(o.out().startsWith("INVALID: the certificate was made for the network with SHA-256"), o.out());

        // The claimed bound lowered to half: the leaves do not prove it.
        String text = Files.readString(cert);
        String upper = text.replaceAll("(?s).*\"upper\":([-0-9.Ee]+),\"input_norm\".*", "$1").trim();
        Path low = dir.resolve("low.json");
        Files.writeString(low, text.replace("\"upper\":" + upper + ",\"input_norm\"",
                "\"upper\":" + Double.parseDouble(upper) / 2 + ",\"input_norm\""));
        LipschitzCommandTest.Run l = LipschitzCommandTest.run("check-certificate", "--net", net, low.toString());
        assertEquals(1, l.exit(), l.out() + l.err());
        assertTrue(l.out().startsWith("INVALID: leaf"), l.out());

        // Not JSON: exit 2 naming the file; --certificate with a method that proves nothing: exit 2.
        Files.writeString(low, "{ nope");
        LipschitzCommandTest.Run j = LipschitzCommandTest.run("check-certificate", "--net", net, low.toString());
        assertEquals(2, j.exit(), j.err());
        assertTrue(j.err().contains("low.json"), j.err());
        LipschitzCommandTest.Run m = LipschitzCommandTest.run("lipschitz", "--net", net, "--lo=-1,-1", "--hi=1,1",
                "--output-index", "0", "--method", "fastlip", "--certificate", dir.resolve("x.json").toString());
        assertEquals(2, m.exit(), m.err());
        assertFalse(Files.exists(dir.resolve("x.json")));
    }

    @Test
    void invertibilityCertificateIsWrittenCheckedAndALargerRadiusRejected(@TempDir Path dir) throws Exception {
        // f(x) = relu(x) - 2 relu(x - 1): injective on [0, 1], folds at 1; around 0.5 the radius is 0.5.
        Network tent = new Network(1, List.of(AffineLayer.dense(new double[][] {{1}, {1}}, new double[] {0, -1}), new ReluLayer(2),
                AffineLayer.dense(new double[][] {{1, -2}}, new double[] {0})));
        Path netFile = dir.resolve("tent.json");
        JsonNetworkFormat.write(tent, netFile);
        String net = netFile.toString();
        Path cert = dir.resolve("inv.json");
        LipschitzCommandTest.Run r = LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5",
                "--max-radius", "2", "--certificate", cert.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("certificate written"), r.err());
        LipschitzCommandTest.Run c = LipschitzCommandTest.run("check-certificate", "--net", net, cert.toString());
        assertEquals(0, c.exit(), c.out() + c.err());
        assertTrue(c.out().startsWith("valid: f is injective on the linf ball around [0.5] of radius 0.5 "), c.out());

        // Radius 0.9 holds f(0.8) = f(1.2): the recorded leaves cannot prove it.
        String text = Files.readString(cert);
        Path big = dir.resolve("big.json");
        Files.writeString(big, text.replaceFirst("\"radius\":[-0-9.Ee]+", "\"radius\":0.9"));
        LipschitzCommandTest.Run b = LipschitzCommandTest.run("check-certificate", "--net", net, big.toString());
        assertEquals(1, b.exit(), b.out() + b.err());
        assertTrue(b.out().startsWith("INVALID: coordinate 0: "), b.out());

        // Problem 2 around 0.5: f(0.5) = 0.5 is also reached at 1.5 (f = 2 - x after 1), at distance 1.
        Path pseudo = dir.resolve("pseudo.json");
        LipschitzCommandTest.Run ps = LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5",
                "--problem", "pseudo", "--max-radius", "2", "--certificate", pseudo.toString());
        assertEquals(0, ps.exit(), ps.err());
        LipschitzCommandTest.Run cp = LipschitzCommandTest.run("check-certificate", "--net", net, pseudo.toString());
        assertEquals(0, cp.exit(), cp.out() + cp.err());
        assertTrue(cp.out().startsWith("valid: no x with f(x) = f([0.5]) lies at linf distance in [") && cp.out().contains(", 0.99999"), cp.out());
        Files.writeString(big, Files.readString(pseudo).replaceFirst("\"radius\":[-0-9.Ee]+", "\"radius\":1.1"));
        LipschitzCommandTest.Run bp = LipschitzCommandTest.run("check-certificate", "--net", net, big.toString());
        assertEquals(1, bp.exit(), bp.out() + bp.err());

        // Problems without certificates: exit 2 before any work.
        LipschitzCommandTest.Run p = LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5",
                "--norm", "l2", "--certificate", dir.resolve("p.json").toString());
        assertEquals(2, p.exit(), p.err());
        assertTrue(p.err().contains("--certificate"), p.err());
    }

    @Test
    void resilienceCertificateIsWrittenCheckedAndAHigherBoundRejected(@TempDir Path dir) throws Exception {
        // Logits (x1 - x2, x2 - x1, -1) on [0,1]^2: confidence e^0.5 needs d = x1 - x2 >= 0.25 and class 1 catches
        // up at d <= 0, so Phi_0 = 0.25 in L1.
        Network three = new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0}), new ReluLayer(2),
                AffineLayer.dense(new double[][] {{1, -1}, {-1, 1}, {0, 0}}, new double[] {0, 0, -1})));
        Path netFile = dir.resolve("three.json");
        JsonNetworkFormat.write(three, netFile);
        String net = netFile.toString();
        Path cert = dir.resolve("res.json");
        LipschitzCommandTest.Run r = LipschitzCommandTest.run("resilience", "--net", net, "--class", "0", "--alpha",
                String.valueOf(Math.exp(0.5)), "--lo=0,0", "--hi=1,1", "--certificate", cert.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("certificate written"), r.err());
        LipschitzCommandTest.Run c = LipschitzCommandTest.run("check-certificate", "--net", net, cert.toString());
        assertEquals(0, c.exit(), c.out() + c.err());
        assertTrue(c.out().startsWith("valid: Phi_0(alpha = ") && c.out().contains(" is > 0.24999"), c.out());

        String text = Files.readString(cert);
        Path high = dir.resolve("high.json");
        Files.writeString(high, text.replaceFirst("\"lower\":[-0-9.Ee]+", "\"lower\":0.3"));
        LipschitzCommandTest.Run h = LipschitzCommandTest.run("check-certificate", "--net", net, high.toString());
        assertEquals(1, h.exit(), h.out() + h.err());
        assertTrue(h.out().startsWith("INVALID: "), h.out());

        // Confidence e^2.5 is out of reach (the margin is at most 2): certified infeasible.
        Path inf = dir.resolve("inf.json");
        LipschitzCommandTest.Run i = LipschitzCommandTest.run("resilience", "--net", net, "--class", "0", "--alpha",
                String.valueOf(Math.exp(2.5)), "--lo=0,0", "--hi=1,1", "--certificate", inf.toString());
        assertEquals(0, i.exit(), i.err());
        LipschitzCommandTest.Run ci = LipschitzCommandTest.run("check-certificate", "--net", net, inf.toString());
        assertEquals(0, ci.exit(), ci.out() + ci.err());
        assertTrue(ci.out().contains("is infeasible"), ci.out());
        // ... but not e^1.5, which d = 1 reaches.
        Files.writeString(high, Files.readString(inf).replaceFirst("\"alpha\":[-0-9.Ee]+", "\"alpha\":" + Math.exp(1.5)));
        LipschitzCommandTest.Run ch = LipschitzCommandTest.run("check-certificate", "--net", net, high.toString());
        assertEquals(1, ch.exit(), ch.out() + ch.err());
    }
}
