package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;

/** {@code time_s} and {@code nodes} in the JSON of visualize, adversarial and lipschitz. */
class ResultMetaJsonTest {

    private static Path write(Path dir) throws IOException {
        Path p = dir.resolve("two.json");
        JsonNetworkFormat.write(InverseCommandsTest.twoByTwo(), p);
        return p;
    }

    private static void assertMeta(JsonNode j) {
        assertTrue(j.has("time_s") && j.get("time_s").isNumber() && j.get("time_s").asDouble() >= 0, j.toString());
        assertTrue(j.has("nodes") && j.get("nodes").canConvertToLong() && j.get("nodes").asLong() >= 0, j.toString());
    }

    @Test
    void visualizeAndAdversarialJsonCarryTimeAndNodes(@TempDir Path dir) throws IOException {
        String net = write(dir).toString();
        InverseCommandsTest.Run v = InverseCommandsTest.run("visualize", "--net", net, "--neuron", "output:1", "--lo=-1,-1", "--hi=1,1", "--json");
        assertEquals(0, v.exit(), v.err());
        JsonNode j = new ObjectMapper().readTree(v.out());
        assertEquals(3.0, j.get("objective").asDouble(), 1e-7);
        assertMeta(j);
        InverseCommandsTest.Run a = InverseCommandsTest.run("adversarial", "--net", net, "--input", "1,0", "--source", "0", "--target", "1",
                "--lo=-2,-2", "--hi=2,2", "--json");
        assertEquals(0, a.exit(), a.err());
        JsonNode k = new ObjectMapper().readTree(a.out());
        assertEquals(0.0625, k.get("objective").asDouble(), 1e-7);
        assertMeta(k);
    }

    @Test
    void adversarialStartGivesTheSameOptimum(@TempDir Path dir) throws IOException {
        // (1, -1) is of the target class (outputs 0 and 3); the optimum stays 1/16.
        InverseCommandsTest.Run a = InverseCommandsTest.run("adversarial", "--net", write(dir).toString(), "--input", "1,0", "--source", "0",
                "--target", "1", "--lo=-2,-2", "--hi=2,2", "--start", "1,-1", "--json");
        assertEquals(0, a.exit(), a.err());
        JsonNode k = new ObjectMapper().readTree(a.out());
        assertEquals("optimal", k.get("status").asText());
        assertEquals(0.0625, k.get("objective").asDouble(), 1e-7);
        InverseCommandsTest.Run bad = InverseCommandsTest.run("adversarial", "--net", write(dir).toString(), "--input", "1,0", "--source", "0",
                "--target", "1", "--lo=-2,-2", "--hi=2,2", "--start", "1");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--start"), bad.err());
    }

    @Test
    void lipschitzJsonCarriesNodes(@TempDir Path dir) throws IOException {
        InverseCommandsTest.Run r = InverseCommandsTest.run("lipschitz", "--net", write(dir).toString(), "--lo=-1,-1", "--hi=1,1",
                "--output-weights", "1,1", "--method", "all", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode all = new ObjectMapper().readTree(r.out());
        boolean sawLipmip = false;
        for (JsonNode row : all.get("results")) {
            assertMeta(row);
            if (row.get("method").asText().equals("lipmip")) {
                sawLipmip = true;
                assertEquals("optimal", row.get("status").asText());
                // f1 + f2 = relu(x1 + x2) + relu(x1 - 2 x2): gradient (2, -1) where both are active, L-inf -> L1 norm 3.
                assertEquals(3.0, row.get("value").asDouble(), 1e-6);
            } else {
                assertEquals(0, row.get("nodes").asLong(), row.get("method").asText());
            }
        }
        assertTrue(sawLipmip);
    }
}
