package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.nnmip.nnverify.net.ResidualAddLayer;

class InvertibilityCommandTest {
    /** f(x) = relu(x) - 2 relu(x - 1): flat for x < 0, slope 1 on [0, 1], slope -1 after. */
    private static Path tent(Path dir) throws IOException {
        Network net = new Network(1, List.of(AffineLayer.dense(new double[][] {{1}, {1}}, new double[] {0, -1}), new ReluLayer(2),
                AffineLayer.dense(new double[][] {{1, -2}}, new double[] {0})));
        Path p = dir.resolve("tent.json");
        JsonNetworkFormat.write(net, p);
        return p;
    }

    @Test
    void localRadiusOfTheTentIsTheDistanceToItsKinks(@TempDir Path dir) throws IOException {
        var r = LipschitzCommandTest.run("invertibility", "--net", tent(dir).toString(), "--center", "0.5", "--max-radius", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("bracketed", j.get("status").asText());
        assertEquals(0.5, j.get("radius").asDouble(), 1e-3);
        assertTrue(j.get("upper").asDouble() >= j.get("radius").asDouble() && j.get("upper").asDouble() <= 0.5 + 1e-3);
        JsonNode cx = j.get("counterexample");
        assertEquals(cx.get("fx").get(0).asDouble(), cx.get("fy").get(0).asDouble(), 1e-5);
        assertTrue(Math.abs(cx.get("x").get(0).asDouble() - cx.get("y").get(0).asDouble()) > 1e-6);
        assertTrue(j.get("milps").asInt() > 1);
    }

    @Test
    void pseudoRadiusIsTheDistanceToTheOtherPreimage(@TempDir Path dir) throws IOException {
        for (String norm : List.of("linf", "l1", "l2")) {
            var r = LipschitzCommandTest.run("invertibility", "--net", tent(dir).toString(), "--center", "0.5", "--problem", "pseudo",
                    "--norm", norm, "--max-radius", "2", "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals("bracketed", j.get("status").asText());
            // f(0.5) = 0.5 = f(1.5)
            assertEquals(1.0, j.get("upper").asDouble(), 1e-6);
            assertEquals(1.5, j.get("counterexample").get("y").get(0).asDouble(), 1e-6);
            assertEquals(1, j.get("milps").asInt());
        }
    }

    @Test
    void textOutputAndCertifiedMaximum(@TempDir Path dir) throws IOException {
        var r = LipschitzCommandTest.run("invertibility", "--net", tent(dir).toString(), "--center", "0.5", "--max-radius", "0.25");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("certified_max_radius"), r.out());
        assertTrue(r.out().contains("upper   inf"), r.out());
    }

    /** f(x) = x through relu(x) - relu(-x): a function of the tent where the tent is injective. */
    private static Path line(Path dir) throws IOException {
        Network net = new Network(1, List.of(AffineLayer.dense(new double[][] {{1}, {-1}}, new double[] {0, 0}), new ReluLayer(2),
                AffineLayer.dense(new double[][] {{1, -1}}, new double[] {0})));
        Path p = dir.resolve("line.json");
        JsonNetworkFormat.write(net, p);
        return p;
    }

    /** A 2-input network that folds: f(x) = (|x1| via relus + 0.5 x2, x2). */
    private static Path plane(Path dir) throws IOException {
        Network net = new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}, new double[] {0, 0, 0, 0}),
                new ReluLayer(4), AffineLayer.dense(new double[][] {{1, 1, 0.5, -0.5}, {0, 0, 1, -1}}, new double[] {0, 0})));
        Path p = dir.resolve("plane.json");
        JsonNetworkFormat.write(net, p);
        return p;
    }

    @Test
    void transformRadiiInBothDirections(@TempDir Path dir) throws IOException {
        var r = LipschitzCommandTest.run("invertibility", "--net", tent(dir).toString(), "--net2", line(dir).toString(), "--problem", "transform",
                "--center", "0.5", "--max-radius", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("transform", j.get("problem").asText());
        // x is a function of the tent only while the tent is injective: up to its kinks at 0 and 1.
        assertEquals("bracketed", j.get("status").asText());
        assertEquals(0.5, j.get("radius").asDouble(), 1e-3);
        JsonNode cx = j.get("counterexample");
        assertEquals(cx.get("fx").get(0).asDouble(), cx.get("fy").get(0).asDouble(), 1e-5);
        assertTrue(Math.abs(cx.get("f2x").get(0).asDouble() - cx.get("f2y").get(0).asDouble()) > 1e-6);
        // The tent is a function of x everywhere.
        assertEquals("certified_max_radius", j.get("reverse").get("status").asText());
        assertEquals(2.0, j.get("reverse").get("radius").asDouble(), 0.0);
    }

    @Test
    void l2BallAndPlots(@TempDir Path dir) throws IOException {
        String plane = plane(dir).toString();
        // f folds along x1 = 0: the L2 radius around (0.5, 0.2) is 0.5, as for L-infinity.
        for (String ext : List.of("png", "svg")) {
            Path file = dir.resolve("plot." + ext);
            var r = LipschitzCommandTest.run("invertibility", "--net", plane, "--center", "0.5,0.2", "--norm", "l2", "--max-radius", "2",
                    "--radius-tol", "1e-3", "--plot", file.toString(), "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals("bracketed", j.get("status").asText(), r.out());
            assertEquals(0.5, j.get("radius").asDouble(), 1.1e-3);
            JsonNode cx = j.get("counterexample");
            double[] x = {cx.get("x").get(0).asDouble(), cx.get("x").get(1).asDouble()};
            double[] y = {cx.get("y").get(0).asDouble(), cx.get("y").get(1).asDouble()};
            assertTrue(Math.hypot(x[0] - 0.5, x[1] - 0.2) <= j.get("upper").asDouble() + 1e-9);
            assertTrue(Math.hypot(y[0] - 0.5, y[1] - 0.2) <= j.get("upper").asDouble() + 1e-9);
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            assertTrue(bytes.length > 100);
            if (ext.equals("png")) {
                assertEquals((byte) 0x89, bytes[0]);
                assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                String head = new String(bytes, 0, Math.min(bytes.length, 400), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(head.contains("<svg") || head.startsWith("<?xml"), head);
            }
        }
    }

    @Test
    void pseudoL2WithPlot(@TempDir Path dir) throws IOException {
        // f(x) = (|x1| + x2 / 2, x2): the only other preimage of f(0.5, 0.2) is (-0.5, 0.2), at L2 distance 1.
        Path file = dir.resolve("pseudo.svg");
        var r = LipschitzCommandTest.run("invertibility", "--net", plane(dir).toString(), "--center", "0.5,0.2", "--problem", "pseudo",
                "--norm", "l2", "--max-radius", "2", "--eps", "1e-3", "--plot", file.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("l2", j.get("norm").asText());
        assertEquals(1e-3, j.get("eps").asDouble(), 0.0);
        assertEquals("bracketed", j.get("status").asText(), r.out());
        assertEquals(1.0, j.get("upper").asDouble(), 1e-6);
        assertTrue(j.get("radius").asDouble() <= j.get("upper").asDouble() && j.get("radius").asDouble() >= 1.0 - 2e-4);
        JsonNode y = j.get("counterexample").get("y");
        assertEquals(-0.5, y.get(0).asDouble(), 1e-6);
        assertEquals(0.2, y.get(1).asDouble(), 1e-6);
        assertEquals(j.get("counterexample").get("fx").get(0).asDouble(), j.get("counterexample").get("fy").get(0).asDouble(), 1e-5);
        assertTrue(java.nio.file.Files.size(file) > 100);
    }

    /** g(x) = x - 3 relu(x - 1) as a residual network: slope 1 left of 1, slope -2 right of it. */
    private static Path skipFold(Path dir) throws IOException {
        Network net = new Network(1, List.of(AffineLayer.dense(new double[][] {{1}}, new double[] {-1}), new ReluLayer(1),
                AffineLayer.dense(new double[][] {{-3}}, new double[] {0}), new ResidualAddLayer(1, -1)));
        Path p = dir.resolve("skip.json");
        JsonNetworkFormat.write(net, p);
        return p;
    }

    @Test
    void transformAcceptsResidualNetworks(@TempDir Path dir) throws IOException {
        String skip = skipFold(dir).toString();
        String line = line(dir).toString();
        String tent = tent(dir).toString();
        // x is a function of g up to g's kink at 1 and g of x everywhere; the tent is flat left of 0 and g separates
        // the tent's collisions there, and the tent separates g's fold at 1 (only x = 1 maps alike): 0.5 both ways.
        List<Object[]> cases = List.of(new Object[] {skip, line, 0.5, 2.0}, new Object[] {line, skip, 2.0, 0.5},
                new Object[] {skip, tent, 0.5, 0.5});
        for (Object[] k : cases) {
            var r = LipschitzCommandTest.run("invertibility", "--net", (String) k[0], "--net2", (String) k[1], "--problem", "transform",
                    "--center", "0.5", "--max-radius", "2", "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            for (JsonNode d : List.of(j, j.get("reverse"))) {
                double expected = (double) (d == j ? k[2] : k[3]);
                assertEquals(expected == 2.0 ? "certified_max_radius" : "bracketed", d.get("status").asText(), r.out());
                assertEquals(expected, d.get("radius").asDouble(), 1e-3, r.out());
                JsonNode cx = d.get("counterexample");
                if (expected == 2.0) continue;
                double x = cx.get("x").get(0).asDouble();
                double y = cx.get("y").get(0).asDouble();
                assertEquals(cx.get("fx").get(0).asDouble(), cx.get("fy").get(0).asDouble(), 1e-5, r.out());
                assertTrue(Math.abs(cx.get("f2x").get(0).asDouble() - cx.get("f2y").get(0).asDouble()) > 1e-6, r.out());
                // g's values are its forward pass through the skip
                boolean gFirst = (d == j) == k[0].equals(skip);
                double gx = x - 3 * Math.max(0, x - 1);
                assertEquals(gx, cx.get(gFirst ? "fx" : "f2x").get(0).asDouble(), 1e-9);
                assertTrue(Math.abs(x - y) > 1e-6);
            }
        }
    }

    @Test
    void badInputExitsWithTwo(@TempDir Path dir) throws IOException {
        String net = tent(dir).toString();
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5,1").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--problem", "global").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--norm", "l3").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--problem", "transform").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--problem", "pseudo", "--eps", "0").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--eps", "0.1").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--net2", net).exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--problem", "transform", "--net2", plane(dir).toString()).exit());
        String plane = plane(dir).toString();
        var bad = LipschitzCommandTest.run("invertibility", "--net", plane, "--center", "0,0", "--plot", dir.resolve("p.jpg").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--plot"), bad.err());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--plot", dir.resolve("p.png").toString()).exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--max-radius", "-1").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", dir.resolve("missing.json").toString(), "--center", "0.5").exit());
    }
}
