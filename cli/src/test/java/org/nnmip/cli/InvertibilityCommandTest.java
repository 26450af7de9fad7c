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
        for (String norm : List.of("linf", "l1")) {
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

    @Test
    void badInputExitsWithTwo(@TempDir Path dir) throws IOException {
        String net = tent(dir).toString();
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5,1").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--problem", "global").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--norm", "l2").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", net, "--center", "0.5", "--max-radius", "-1").exit());
        assertEquals(2, LipschitzCommandTest.run("invertibility", "--net", dir.resolve("missing.json").toString(), "--center", "0.5").exit());
    }
}
