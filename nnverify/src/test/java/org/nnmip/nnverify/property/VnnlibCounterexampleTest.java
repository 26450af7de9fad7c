package org.nnmip.nnverify.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;

class VnnlibCounterexampleTest {
    @TempDir Path dir;

    /** nnenum's counterexamples for the violated ACAS Xu 1_9 instances are confirmed against our network. */
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 7})
    void nnenumCounterexamplesAreValid(int prop) throws Exception {
        Network net = NetworkFiles.read(TestData.acasOnnx("1_9"));
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_" + prop + ".vnnlib"));
        String name = "ACASXU_run2a_1_9_batch_2000_prop_" + prop + ".counterexample";
        VnnlibCounterexample cex = VnnlibCounterexample.parse(Files.readString(TestData.nn("acasxu", "counterexamples", name)), name);
        VnnlibCounterexample.Check check = cex.check(p, net, 1e-6);
        assertTrue(check.inputInBox());
        assertTrue(check.outputViolates());
        assertTrue(check.isValid());
        assertTrue(check.maxOutputDifference() < 1e-5, "nnenum's outputs match ours: " + check.maxOutputDifference());
        // The same nnet network (raw outputs on normalised inputs) agrees.
        Network nnet = NetworkFiles.read(TestData.acasNnet("1_9"));
        assertTrue(cex.check(p, nnet, 1e-6).isValid());
    }

    @Test
    void aHoldingPropertyHasNoViolationsAmongSamples() throws Exception {
        // ACAS Xu 1_1 with property 3 holds (GROUND_TRUTH.md): no sampled input may satisfy the violation condition.
        Network net = NetworkFiles.read(TestData.acasOnnx("1_1"));
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib"));
        Box box = p.inputBoxes().getFirst();
        Random rnd = new Random(1);
        for (int s = 0; s < 2000; s++) {
            double[] x = new double[5];
            for (int i = 0; i < 5; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
            VnnlibCounterexample.Check c = VnnlibCounterexample.of(net, x).check(p, net, 0);
            assertTrue(c.inputInBox());
            assertFalse(c.outputViolates());
        }
        // A point outside every box is rejected regardless of the output.
        double[] outside = box.upper();
        outside[0] += 0.1;
        assertFalse(VnnlibCounterexample.of(net, outside).check(p, net, 1e-9).inputInBox());
    }

    @Test
    void writeAndParseRoundTripExactly() throws Exception {
        double[] x = {-0.30104199051856995, 0.0, 1e-20, 0.1 + 0.2, -123456.789};
        double[] y = {Math.nextUp(1.0), -0.5};
        VnnlibCounterexample c = new VnnlibCounterexample(x, y);
        String text = c.format();
        assertTrue(text.startsWith("((X_0 -0.30104199051856995)\n (X_1 0"), text);
        assertTrue(text.endsWith("(Y_1 -0.5))"), text);
        assertFalse(text.contains("E"), "plain decimals, no exponent notation: " + text);
        Path f = dir.resolve("result.txt");
        c.write(f);
        assertTrue(Files.readString(f).startsWith("sat\n(("));
        VnnlibCounterexample back = VnnlibCounterexample.parse(Files.readString(f), "result.txt");
        assertArrayEquals(x, back.input());
        assertArrayEquals(y, back.output());
        assertEquals(5, back.input().length);
    }

    /** The VNN-COMP sanity pair: random search finds a counterexample on test_sat and none on test_unsat. */
    @Test
    void sanityInstancesSatAndUnsat() throws Exception {
        Property p = VnnlibParser.parse(TestData.nn("vnncomp_test", "test_prop.vnnlib"));
        Box box = p.inputBoxes().getFirst();
        Network sat = NetworkFiles.read(TestData.nn("vnncomp_test", "test_sat.onnx"));
        Network unsat = NetworkFiles.read(TestData.nn("vnncomp_test", "test_unsat.onnx"));
        Random rnd = new Random(17);
        int satHits = 0;
        for (int s = 0; s < 3000; s++) {
            double[] x = new double[5];
            for (int i = 0; i < 5; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
            VnnlibCounterexample c = VnnlibCounterexample.of(sat, x);
            if (c.check(p, sat, 0).isValid()) {
                satHits++;
                VnnlibCounterexample back = VnnlibCounterexample.parse(c.resultFileText(), "cex");
                assertTrue(back.check(p, sat, 0).isValid(), "a written counterexample reads back valid");
            }
            assertFalse(VnnlibCounterexample.of(unsat, x).check(p, unsat, 0).outputViolates());
        }
        assertTrue(satHits > 0, "no counterexample found for test_sat among 3000 samples");
    }
}
