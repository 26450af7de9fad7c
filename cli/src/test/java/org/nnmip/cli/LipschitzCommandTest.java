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

class LipschitzCommandTest {
    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** f(x) = relu(-2.5 x + 0.5): slope -2.5 on x < 0.2, flat after; L = 2.5 over [-1, 1]. */
    private static Path kink(Path dir) throws IOException {
        Network net = new Network(1, List.of(AffineLayer.dense(new double[][] {{-2.5}}, new double[] {0.5}), new ReluLayer(1),
                AffineLayer.dense(new double[][] {{1}}, new double[] {0})));
        Path p = dir.resolve("kink.json");
        JsonNetworkFormat.write(net, p);
        return p;
    }

    /** Two inputs, two outputs: f = (relu(x1 + x2), relu(x1 - 2 x2)). */
    private static Path twoByTwo(Path dir) throws IOException {
        Network net = new Network(2, List.of(AffineLayer.dense(new double[][] {{1, 1}, {1, -2}}, new double[] {0, 0}), new ReluLayer(2),
                AffineLayer.dense(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0})));
        Path p = dir.resolve("two.json");
        JsonNetworkFormat.write(net, p);
        return p;
    }

    @Test
    void lipmipOnABoxAsJson(@TempDir Path dir) throws IOException {
        Run r = run("lipschitz", "--net", kink(dir).toString(), "--lo=-1", "--hi=1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("lipmip", j.get("method").asText());
        assertEquals("optimal", j.get("status").asText());
        assertEquals(2.5, j.get("value").asDouble(), 1e-7);
        assertTrue(j.get("lower").asDouble() <= 2.5 + 1e-7 && j.get("upper").asDouble() >= 2.5 - 1e-7);
        double x = j.get("point").get(0).asDouble();
        assertTrue(x >= -1 - 1e-9 && x <= 0.2 + 1e-7, "arg max must be on the sloped piece: " + x);
        assertTrue(j.get("time_s").asDouble() >= 0);
    }

    @Test
    void allMethodsOnABallWithLogitDifference(@TempDir Path dir) throws IOException {
        // f1 - f2 near (0.5, 0.1): both neurons active, gradient (1,1) - (1,-2) = (0, 3); l1 norm 3 for linf inputs.
        Run r = run("lipschitz", "--net", twoByTwo(dir).toString(), "--center=0.5,0.1", "--radius", "0.05",
                "--logit-diff", "0,1", "--method", "all", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("results");
        assertEquals(7, rows.size());
        for (JsonNode row : rows) {
            String m = row.get("method").asText();
            // Every method is exact here except NaiveUB: ||c'W2||_1 * max row sum of W1 = 2 * 3 = 6.
            double expected = m.equals("naive") ? 6.0 : 3.0;
            assertEquals(expected, row.get("value").asDouble(), 1e-6, m);
            assertEquals(expected / 3.0 - 1, row.get("rel_error").asDouble(), 1e-6, m);
        }
        Run text = run("lipschitz", "--net", twoByTwo(dir).toString(), "--center=0.5,0.1", "--radius", "0.05",
                "--logit-diff", "0,1", "--method", "all");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("rel_err") && text.out().contains("clever") && text.out().contains("upper_bound"), text.out());
    }

    @Test
    void l1InputsUseTheMaxNormOfTheGradient(@TempDir Path dir) throws IOException {
        Run r = run("lipschitz", "--net", twoByTwo(dir).toString(), "--center=0.5,0.1", "--radius", "0.05",
                "--output-weights", "1,1", "--input-norm", "l1", "--json");
        assertEquals(0, r.exit(), r.err());
        // gradient (1,1) + (1,-2) = (2,-1): max norm 2.
        assertEquals(2.0, new ObjectMapper().readTree(r.out()).get("value").asDouble(), 1e-6);
    }

    @Test
    void outputNormsOfTheJacobian(@TempDir Path dir) throws IOException {
        // Near (0.5, 0.1) both neurons are active: J = [[1, 1], [1, -2]].
        String net = twoByTwo(dir).toString();
        String[] ball = {"--center=0.5,0.1", "--radius", "0.05"};
        // ||J||_{inf->1} = max_s ||J's||_1 = 3; NaiveUB = ||W2||_{inf->1} ||W1||_{inf->inf} = 2 * 3 = 6.
        Run all = run("lipschitz", "--net", net, ball[0], ball[1], ball[2], "--output-norm", "l1", "--method", "all", "--json");
        assertEquals(0, all.exit(), all.err());
        JsonNode body = new ObjectMapper().readTree(all.out());
        assertEquals("l1", body.get("output_norm").asText());
        for (JsonNode row : body.get("results")) {
            String m = row.get("method").asText();
            double expected = m.equals("naive") ? 6.0 : 3.0;
            assertEquals(expected, row.get("value").asDouble(), 1e-6, m);
            assertEquals(expected / 3.0 - 1, row.get("rel_error").asDouble(), 1e-6, m);
        }
        // ||J||_{1->inf} = max |J_ij| = 2; ||J||_{1->1} = max column sum = 3; cross:0 with l1 inputs: ||J_0 - J_1||_inf = 3.
        String[][] cases = {{"linf", "2"}, {"l1", "3"}, {"cross:0", "3"}};
        for (String[] c : cases) {
            for (String enc : new String[] {"switch", "d2"}) {
                Run r = run("lipschitz", "--net", net, ball[0], ball[1], ball[2], "--input-norm", "l1", "--output-norm", c[0],
                        "--encoding", enc, "--json");
                assertEquals(0, r.exit(), r.err());
                JsonNode j = new ObjectMapper().readTree(r.out());
                assertEquals("optimal", j.get("status").asText(), c[0]);
                assertEquals(Double.parseDouble(c[1]), j.get("value").asDouble(), 1e-6, c[0] + " " + enc);
                assertEquals(c[0], j.get("output_norm").asText());
            }
        }
        Run text = run("lipschitz", "--net", net, ball[0], ball[1], ball[2], "--output-norm", "cross:1");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("J'u") && text.out().contains("lipmip"), text.out());
    }

    @Test
    void badInputExitsWithTwo(@TempDir Path dir) throws IOException {
        String net = twoByTwo(dir).toString();
        String[][] cases = {
            {"lipschitz", "--net", net, "--logit-diff", "0,1"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1", "--logit-diff", "0,1"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--output-index", "5"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--logit-diff", "1,1"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--output-index", "0", "--method", "exact"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--output-index", "0", "--input-norm", "l2"},
            {"lipschitz", "--net", net, "--center=0,0", "--radius=-1", "--output-index", "0"},
            {"lipschitz", "--net", net, "--lo=0,x", "--hi=1,1", "--output-index", "0"},
            {"lipschitz", "--net", dir.resolve("missing.json").toString(), "--lo=0,0", "--hi=1,1"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--output-norm", "l2"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--output-norm", "cross:2"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--output-norm", "cross:a"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--output-norm", "l1", "--logit-diff", "0,1"},
            {"lipschitz", "--net", net, "--lo=0,0", "--hi=1,1", "--output-norm", "l1", "--encoding", "bigm"},
        };
        for (String[] c : cases) {
            Run r = run(c);
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), String.join(" ", c) + "\n" + r.out() + r.err());
            assertTrue(r.err().startsWith("nnmip: "), r.err());
        }
        Run r = run("lipschitz", "--net", net, "--lo=0,0", "--hi=1,1");
        assertTrue(r.err().contains("2 outputs"), r.err());
    }
}
