package org.nnmip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.VnnlibCounterexample;

/** {@code verify --input X --epsilon E --label C [--norm] [--top-k] [--domain]} and {@code --tighten}. */
class VerifyRobustnessCommandTest {
    private static final Path NN = Path.of(System.getProperty("nnmip.testdata", "../testdata"), "nn");
    private static final Path MNIST = NN.resolve("mnistfc/mnist-net_256x2.onnx");

    /** MNIST test image 1 (a 7) scaled to [0, 1], as one comma-separated line. */
    private static String image() throws Exception {
        String csv = Files.readString(NN.resolve("mnistfc/images/image1")).strip();
        return Arrays.stream(csv.split(",")).map(String::strip).map(v -> Double.toString(Double.parseDouble(v) / 255.0))
                .collect(Collectors.joining(","));
    }

    @Test
    void smallBallIsRobustLargeBallGivesACheckedCounterexample(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.txt");
        Files.writeString(x, image() + "\n");
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", MNIST.toString(), "--input", "@" + x, "--epsilon", "0.004",
                "--label", "7", "--domain", "0,1", "--json", "--timeout", "60");
        assertEquals(0, r.exit(), r.err());
        assertEquals("unsat", new ObjectMapper().readTree(r.out()).get("result").asText(), r.out());

        Path cex = dir.resolve("cex.txt");
        SolveCommandTest.Run s = SolveCommandTest.run("verify", "--net", MNIST.toString(), "--input", "@" + x, "--epsilon", "15",
                "--norm", "l1", "--label", "7", "--domain", "0,1", "--json", "--counterexample", cex.toString());
        assertEquals(0, s.exit(), s.err());
        JsonNode j = new ObjectMapper().readTree(s.out());
        assertEquals("sat", j.get("result").asText());
        VnnlibCounterexample c = VnnlibCounterexample.parse(Files.readString(cex), cex.toString());
        Network net = NetworkFiles.read(MNIST);
        double[] y = net.apply(c.input());
        double[] x0 = Arrays.stream(image().split(",")).mapToDouble(Double::parseDouble).toArray();
        double l1 = 0;
        for (int i = 0; i < x0.length; i++) {
            assertTrue(c.input()[i] >= 0 && c.input()[i] <= 1, "pixel " + i + " outside the domain");
            l1 += Math.abs(c.input()[i] - x0[i]);
        }
        assertTrue(l1 <= 15, "counterexample at L1 distance " + l1);
        boolean beaten = false;
        for (int k = 0; k < y.length; k++) beaten |= k != 7 && y[k] >= y[7];
        assertTrue(beaten, "label 7 still strictly on top at the counterexample");
    }

    @Test
    void tightenMipDecidesASmallInstance() {
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", NN.resolve("vnncomp_test/test_small.onnx").toString(),
                "--prop", NN.resolve("vnncomp_test/test_small.vnnlib").toString(), "--strategy", "mip", "--tighten", "mip");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Result         unsat"), r.out());
    }

    @Test
    void inconsistentRobustnessOptionsExitTwo() {
        String net = NN.resolve("vnncomp_test/test_small.onnx").toString();
        String prop = NN.resolve("vnncomp_test/test_small.vnnlib").toString();
        int inputs = 0;
        try {
            inputs = NetworkFiles.read(Path.of(net)).inputSize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String x = String.join(",", java.util.Collections.nCopies(inputs, "0.1"));
        String[][] bad = {
            {"verify", "--net", net},
            {"verify", "--net", net, "--prop", prop, "--input", x, "--epsilon", "0.1", "--label", "0"},
            {"verify", "--net", net, "--input", x, "--epsilon", "0.1"},
            {"verify", "--net", net, "--input", x + ",0.2", "--epsilon", "0.1", "--label", "0"},
            {"verify", "--net", net, "--input", x, "--epsilon", "0.1", "--label", "0", "--norm", "l2"},
            {"verify", "--net", net, "--input", x, "--epsilon", "-1", "--label", "0"},
            {"verify", "--net", net, "--input", x.replaceFirst("0.1", "abc"), "--epsilon", "0.1", "--label", "0"},
            {"verify", "--net", net, "--prop", prop, "--tighten", "magic"},
        };
        String[] expected = {"--prop", "--prop", "--label", "--input", "l2", "epsilon", "abc", "magic"};
        for (int q = 0; q < bad.length; q++) {
            SolveCommandTest.Run r = SolveCommandTest.run(bad[q]);
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), String.join(" ", bad[q]) + ": " + r.err());
            assertTrue(r.err().contains(expected[q]), r.err());
            assertTrue(!r.err().contains("Exception"), r.err());
        }
    }
}
