package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** {@code nnmip resilience} on a network whose answers follow by hand. */
class ResilienceCommandTest {
    /**
     * Over [0,1]^2 the hidden ReLUs are the identity; logits z = (x1 - x2, x2 - x1, -1). With d = x1 - x2, class 0
     * has margin min(2d, d + 1) (at most 2 at d = 1) and is caught up by class 1 once d <= 0.
     */
    private static Path write(Path dir) throws IOException {
        Network n = new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0}), new ReluLayer(2),
                AffineLayer.dense(new double[][] {{1, -1}, {-1, 1}, {0, 0}}, new double[] {0, 0, -1})));
        Path p = dir.resolve("three.json");
        JsonNetworkFormat.write(n, p);
        return p;
    }

    private static JsonNode ok(String... args) throws IOException {
        InverseCommandsTest.Run r = InverseCommandsTest.run(args);
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static void bad(String expected, String... args) {
        InverseCommandsTest.Run r = InverseCommandsTest.run(args);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    /**
     * Logits (t1 - t2, t2 - t1, -1) with t = atan(x) over [0,1]^2: class 0 needs atan a1 - atan a2 >= ln(alpha) / 2
     * and is caught up once b1 <= b2; atan is concave there, so Phi = tan(ln(alpha) / 2) (at a2 = 0).
     */
    @Test
    void arctanGivesACertifiedLowerBoundAndACheckedUpper(@TempDir Path dir) throws IOException {
        Network n = new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0}),
                new org.nnmip.nnverify.net.ArctanLayer(2),
                AffineLayer.dense(new double[][] {{1, -1}, {-1, 1}, {0, 0}}, new double[] {0, 0, -1})));
        Path p = dir.resolve("atan.json");
        JsonNetworkFormat.write(n, p);
        double phi = Math.tan(0.25);
        JsonNode j = ok("resilience", "--net", p.toString(), "--class", "0", "--alpha", String.valueOf(Math.exp(0.5)), "--lo=0,0", "--hi=1,1",
                "--arctan-pieces", "8", "--json");
        assertTrue(j.get("relaxed").asBoolean());
        assertTrue(j.get("phi").asDouble() <= phi + 1e-9, j.toString());
        assertTrue(j.get("phi").asDouble() >= 0.8 * phi, "a useful bound: " + j);
        if (!j.get("upper").isNull()) assertTrue(j.get("upper").asDouble() >= phi - 1e-6, j.toString());
        JsonNode x = ok("resilience", "--net", p.toString(), "--all-classes", "--alpha", String.valueOf(Math.exp(0.5)), "--lo=0,0", "--hi=1,1",
                "--threads", "2", "--json");
        assertTrue(x.get("bound").asDouble() <= phi + 1e-9, x.toString());
        bad("--arctan-pieces must be at least 1, got 0", "resilience", "--net", p.toString(), "--class", "0", "--alpha", "2", "--lo=0,0", "--hi=1,1", "--arctan-pieces", "0");
        bad("--threads must be at least 1, got 0", "resilience", "--net", p.toString(), "--class", "0", "--alpha", "2", "--lo=0,0", "--hi=1,1", "--threads", "0");
    }

    @Test
    void phiL1AndLinf(@TempDir Path dir) throws IOException {
        String net = write(dir).toString();
        // alpha = e: 2d >= 1, so d >= 1/2 and the cheapest catch-up moves d to 0: 1/2 in l1, 1/4 in linf.
        JsonNode j = ok("resilience", "--net", net, "--class", "0", "--alpha", String.valueOf(Math.E), "--lo=0,0", "--hi=1,1", "--json");
        assertEquals("optimal", j.get("status").asText());
        assertEquals(0.5, j.get("phi").asDouble(), 1e-7);
        assertEquals(0.5, j.get("bound").asDouble(), 1e-6);
        JsonNode a = j.get("input");
        JsonNode e = j.get("perturbation");
        assertTrue(a.get(0).asDouble() - a.get(1).asDouble() >= 0.5 - 1e-7);
        double b0 = a.get(0).asDouble() + e.get(0).asDouble();
        double b1 = a.get(1).asDouble() + e.get(1).asDouble();
        assertTrue(b1 >= b0 - 1e-7);
        assertEquals(b1 - b0, j.get("perturbed_output").get(1).asDouble(), 1e-7);
        assertEquals(3, j.get("output").size());
        JsonNode l = ok("resilience", "--net", net, "--class", "0", "--alpha", String.valueOf(Math.E), "--norm", "linf",
                "--lo=0,0", "--hi=1,1", "--three-step", "--big-m", "constant", "--json");
        assertEquals("optimal", l.get("status").asText());
        assertEquals(0.25, l.get("phi").asDouble(), 1e-7);
    }

    @Test
    void infeasibleAlphaReportsAlphaMax(@TempDir Path dir) throws IOException {
        JsonNode j = ok("resilience", "--net", write(dir).toString(), "--class", "0", "--alpha", "20", "--lo=0,0", "--hi=1,1", "--json");
        assertEquals("infeasible", j.get("status").asText());
        assertTrue(j.get("phi").isNull());
        assertEquals(Math.exp(2), j.get("alpha_max").asDouble(), 1e-5);
        assertEquals(1.0, j.get("alpha_max_input").get(0).asDouble(), 1e-7);
    }

    @Test
    void localAndAllClasses(@TempDir Path dir) throws IOException {
        String net = write(dir).toString();
        JsonNode min = ok("resilience", "--net", net, "--input", "0.8,0.2", "--lo=0,0", "--hi=1,1", "--json");
        assertEquals("optimal", min.get("status").asText());
        assertEquals(0, min.get("class").asInt());
        assertEquals(0.6, min.get("phi").asDouble(), 1e-7);
        JsonNode yes = ok("resilience", "--net", net, "--input", "0.8,0.2", "--delta", "0.7", "--lo=0,0", "--hi=1,1", "--json");
        assertEquals("vulnerable", yes.get("status").asText());
        assertTrue(yes.get("phi").asDouble() < 0.7);
        JsonNode no = ok("resilience", "--net", net, "--input", "0.8,0.2", "--delta", "0.5", "--lo=0,0", "--hi=1,1", "--json");
        assertEquals("resilient", no.get("status").asText());
        assertTrue(no.get("perturbation").isNull());
        JsonNode xi = ok("resilience", "--net", net, "--all-classes", "--alpha", String.valueOf(Math.E), "--lo=0,0", "--hi=1,1", "--json");
        assertEquals("optimal", xi.get("status").asText());
        assertEquals(0.5, xi.get("xi").asDouble(), 1e-7);
        // Class 1 ties with class 0 and class 2 can never catch up: neither beats the cutoff 1/2 of class 0.
        assertEquals("cut_off", xi.get("classes").get(1).get("status").asText());
        assertTrue(List.of("infeasible", "cut_off").contains(xi.get("classes").get(2).get("status").asText()));
    }

    @Test
    void badInputExitsWithTwo(@TempDir Path dir) throws IOException {
        String net = write(dir).toString();
        bad("--alpha", "resilience", "--net", net, "--class", "0", "--alpha", "-1", "--lo=0,0", "--hi=1,1");
        bad("--k", "resilience", "--net", net, "--class", "0", "--alpha", "2", "--k", "3", "--lo=0,0", "--hi=1,1");
        bad("--class", "resilience", "--net", net, "--alpha", "2", "--lo=0,0", "--hi=1,1");
        bad("--norm", "resilience", "--net", net, "--class", "0", "--alpha", "2", "--norm", "l3", "--lo=0,0", "--hi=1,1");
        bad("--input", "resilience", "--net", net, "--input", "0.5", "--lo=0,0", "--hi=1,1");
        bad("--delta", "resilience", "--net", net, "--class", "0", "--alpha", "2", "--delta", "0.1", "--lo=0,0", "--hi=1,1");
    }
}
