package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.JsonNetworkFormat;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** {@code nnmip visualize} and {@code nnmip adversarial}. */
class InverseCommandsTest {
    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** f = (relu(x1 + x2), relu(x1 - 2 x2)) after a ReLU hidden layer; layer 0 is the hidden pre-activation. */
    static Network twoByTwo() {
        return new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 1}, {1, -2}}, new double[] {0, 0}), new ReluLayer(2),
                AffineLayer.dense(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0})));
    }

    private static Path write(Path dir) throws IOException {
        Path p = dir.resolve("two.json");
        JsonNetworkFormat.write(twoByTwo(), p);
        return p;
    }

    @Test
    void visualizeOutputNeuron(@TempDir Path dir) throws IOException {
        // max relu(x1 - 2 x2) over [-1,1] x [-1,1] is 3 at (1, -1).
        Run r = run("visualize", "--net", write(dir).toString(), "--neuron", "output:1", "--lo=-1,-1", "--hi=1,1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("optimal", j.get("status").asText());
        assertEquals(3.0, j.get("objective").asDouble(), 1e-7);
        assertEquals(1.0, j.get("input").get(0).asDouble(), 1e-7);
        assertEquals(-1.0, j.get("input").get(1).asDouble(), 1e-7);
        assertEquals(3.0, j.get("output").get(1).asDouble(), 1e-7);
    }

    @Test
    void visualizeMinimisesAHiddenPreActivationOnIntegers(@TempDir Path dir) throws IOException {
        // min x1 + x2 over integers in [-1.5, 2] x [-0.5, 1] is -1 + 0.
        Run r = run("visualize", "--net", write(dir).toString(), "--neuron", "0:0", "--minimize", "--integer",
                "--lo=-1.5,-0.5", "--hi=2,1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(-1.0, j.get("objective").asDouble(), 1e-9);
        assertEquals(-1.0, j.get("input").get(0).asDouble(), 0.0);
        assertEquals(0.0, j.get("input").get(1).asDouble(), 0.0);
    }

    @Test
    void adversarialL1WithFactor(@TempDir Path dir) throws IOException {
        // At (1, 0) both outputs are 1; output 1 >= 1.2 * output 0 needs x1 - 2 x2 >= 1.2 (x1 + x2), i.e. x2 <= -0.2 x1 / 3.2
        // -> the L1-closest change moves x2 to -1/16 (moving x1 costs more).
        Run r = run("adversarial", "--net", write(dir).toString(), "--input", "1,0", "--source", "0", "--target", "1",
                "--lo=-2,-2", "--hi=2,2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("optimal", j.get("status").asText());
        assertEquals(0.0625, j.get("objective").asDouble(), 1e-7);
        double y0 = j.get("output").get(0).asDouble();
        double y1 = j.get("output").get(1).asDouble();
        assertTrue(y1 >= 1.2 * y0 - 1e-7);
        assertTrue(j.get("note") == null, "outputs are ReLUs, hence non-negative");
        double[] y = twoByTwo().apply(new double[] {j.get("input").get(0).asDouble(), j.get("input").get(1).asDouble()});
        assertEquals(y1, y[1], 1e-12);
    }

    @Test
    void factorOnPossiblyNegativeOutputsGetsANote(@TempDir Path dir) throws IOException {
        // Linear outputs y = (x1, x2) can be negative: y_1 >= 1.2 y_0 holds at (-1, -1) (-1 >= -1.2) without y_1 > y_0.
        Network lin = new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0})));
        Path p = dir.resolve("lin.json");
        JsonNetworkFormat.write(lin, p);
        Run r = run("adversarial", "--net", p.toString(), "--input", "-1,-1.5", "--source", "0", "--target", "1",
                "--lo=-2,-2", "--hi=2,2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("optimal", j.get("status").asText());
        assertEquals(0.25, j.get("objective").asDouble(), 1e-7); // x1 down to -1.25 (moving x2 to -1.2 costs 0.3)
        assertTrue(j.get("note").asText().contains("negative"), r.out());
    }

    @Test
    void adversarialInfeasibleCapAndLinfText(@TempDir Path dir) throws IOException {
        Path net = write(dir);
        Run r = run("adversarial", "--net", net.toString(), "--input", "1,0", "--target", "1", "--source", "0", "--margin", "1",
                "--max-change", "0.1", "--lo=-2,-2", "--hi=2,2", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("infeasible", new ObjectMapper().readTree(r.out()).get("status").asText());
        Run t = run("adversarial", "--net", net.toString(), "--input", "1,0", "--target", "1", "--source", "0", "--margin", "0",
                "--norm", "linf", "--lo=-2,-2", "--hi=2,2");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("status    optimal"), t.out());
    }

    @Test
    void visualizeNnetDefaultsToItsInputBounds(@TempDir Path dir) throws IOException {
        // 2 inputs in [0, 4] x [-1, 1] (mean 2, 0; range 4, 2 -> normalised box [-0.5, 0.5] x [-0.5, 0.5]),
        // hidden relu(z1 + z2), relu(z1 - z2), output h1 + 2 h2 (output range 1, mean 0): the four corners give
        // 0, 1, 2 and 0 and the function is convex, so the maximum is 2 at (0.5, -0.5).
        Path p = dir.resolve("tiny.nnet");
        java.nio.file.Files.writeString(p, String.join("\n",
                "// tiny", "2,2,1,2,", "2,2,1,", "0,", "0.0,-1.0,", "4.0,1.0,", "2.0,0.0,0.0,", "4.0,2.0,1.0,",
                "1.0,1.0,", "1.0,-1.0,", "0.0,", "0.0,", "1.0,2.0,", "0.0,", ""));
        Run r = run("visualize", "--net", p.toString(), "--neuron", "output:0", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("optimal", j.get("status").asText());
        assertEquals(2.0, j.get("objective").asDouble(), 1e-7);
        assertEquals(0.5, j.get("input").get(0).asDouble(), 1e-7);
        assertEquals(-0.5, j.get("input").get(1).asDouble(), 1e-7);
    }

    @Test
    void badOptionsExitTwo(@TempDir Path dir) throws IOException {
        Path net = write(dir);
        assertEquals(2, run("visualize", "--net", net.toString(), "--neuron", "9:0", "--lo=0,0", "--hi=1,1").exit());
        assertEquals(2, run("visualize", "--net", net.toString(), "--neuron", "output:0").exit()); // no box
        assertEquals(2, run("visualize", "--net", net.toString(), "--neuron", "x", "--lo=0,0", "--hi=1,1").exit());
        assertEquals(2, run("adversarial", "--net", net.toString(), "--input", "1,0", "--target", "1", "--norm", "l7",
                "--lo=-2,-2", "--hi=2,2").exit());
        assertEquals(2, run("adversarial", "--net", net.toString(), "--input", "1", "--target", "1", "--lo=-2,-2", "--hi=2,2").exit());
        assertEquals(2, run("adversarial", "--net", net.toString(), "--input", "1,0", "--target", "0", "--source", "0",
                "--lo=-2,-2", "--hi=2,2").exit());
        assertEquals(2, run("adversarial", "--net", net.toString(), "--input", "1,0", "--target", "1", "--factor", "1.2",
                "--margin", "0", "--lo=-2,-2", "--hi=2,2").exit());
        assertEquals(2, run("adversarial", "--net", net.toString(), "--input", "1,0", "--target", "1", "--step=-1",
                "--lo=-2,-2", "--hi=2,2").exit());
    }
}
