package org.nnmip.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibCounterexample;
import org.nnmip.nnverify.property.VnnlibParser;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCommandTest {
    private static final Path NN = Path.of(System.getProperty("nnmip.testdata", "../testdata"), "nn");

    @Test
    void satInstanceGivesJsonAndACheckedCounterexampleFile(@TempDir Path dir) throws Exception {
        Path net = NN.resolve("vnncomp_test/test_sat.onnx");
        Path prop = NN.resolve("vnncomp_test/test_prop.vnnlib");
        Path cex = dir.resolve("cex.txt");
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", net.toString(), "--prop", prop.toString(), "--json",
                "--timeout", "60", "--counterexample", cex.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("sat", j.get("result").asText());
        assertTrue(j.get("time_s").asDouble() >= 0);
        assertEquals(5, j.get("input").size());
        assertEquals(5, j.get("output").size());
        // The violation is reported from a double and from an exact decimal forward pass; both say violated.
        assertTrue(j.get("violation").asDouble() >= 0, j.toString());
        assertTrue(new java.math.BigDecimal(j.get("violation_exact").asText()).signum() >= 0, j.toString());
        assertEquals(j.get("violation").asDouble(), new java.math.BigDecimal(j.get("violation_exact").asText()).doubleValue(), 1e-9);
        // The written counterexample parses, matches the JSON and violates the property on a fresh forward pass.
        VnnlibCounterexample c = VnnlibCounterexample.parse(Files.readString(cex), cex.toString());
        for (int i = 0; i < 5; i++) assertEquals(j.get("input").get(i).asDouble(), c.input()[i], 0.0);
        Network n = NetworkFiles.read(net);
        Property p = VnnlibParser.parse(prop);
        assertTrue(c.check(p, n, 0.0).isValid());
        assertEquals(java.util.Optional.of(true), c.check(p, n, 0.0).exactOutputViolates());
        assertArrayEquals(n.apply(c.input()), c.output(), 1e-12);
    }

    @Test
    void unsatInstanceHumanReport(@TempDir Path dir) {
        Path cex = dir.resolve("none.txt");
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", NN.resolve("vnncomp_test/test_unsat.onnx").toString(),
                "--prop", NN.resolve("vnncomp_test/test_prop.vnnlib").toString(), "--strategy", "mip", "--lp-tighten", "--counterexample", cex.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Result         unsat"), r.out());
        assertFalse(Files.exists(cex), "no counterexample file for unsat");
    }

    @Test
    void malformedVnnlibExitsTwoWithTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.vnnlib");
        Files.writeString(bad, "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (<= X_0 0.5)\n");
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", NN.resolve("vnncomp_test/test_tiny.onnx").toString(),
                "--prop", bad.toString(), "--json");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("bad.vnnlib:"), r.err());
        assertEquals("", r.out().strip());
    }

    @Test
    void badNetworkAndOptionsExitTwo(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("broken.nnet");
        Files.writeString(net, "// header\n2,1,1,\n");
        SolveCommandTest.Run r = SolveCommandTest.run("verify", "--net", net.toString(), "--prop",
                NN.resolve("vnncomp_test/test_tiny.vnnlib").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("broken.nnet"), r.err());
        SolveCommandTest.Run s = SolveCommandTest.run("verify", "--net", NN.resolve("vnncomp_test/test_tiny.onnx").toString(),
                "--prop", NN.resolve("vnncomp_test/test_tiny.vnnlib").toString(), "--strategy", "magic");
        assertEquals(Main.EXIT_BAD_INPUT, s.exit());
        assertTrue(s.err().contains("magic"), s.err());
        SolveCommandTest.Run m = SolveCommandTest.run("verify", "--net", NN.resolve("vnncomp_test/test_small.onnx").toString(),
                "--prop", NN.resolve("acasxu/vnnlib/prop_1.vnnlib").toString());
        assertEquals(Main.EXIT_BAD_INPUT, m.exit());
        assertTrue(m.err().contains("inputs"), m.err());
    }
}
