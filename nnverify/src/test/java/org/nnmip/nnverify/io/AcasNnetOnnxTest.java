package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

class AcasNnetOnnxTest {

    @ParameterizedTest
    @ValueSource(strings = {"1_1", "1_9", "3_3"})
    void nnetAndOnnxAgreeOnNormalisedInputs(String id) throws Exception {
        NnetNetwork nnet = NnetReader.read(TestData.acasNnet(id));
        Network onnx = OnnxReader.read(TestData.acasOnnx(id));
        Network raw = nnet.rawNetwork();
        assertEquals(5, raw.inputSize());
        assertEquals(5, raw.outputSize());
        assertEquals(13, raw.layerCount(), "7 affine layers and 6 ReLU layers");
        assertEquals(5, onnx.inputSize());
        assertEquals(5, onnx.outputSize());
        Random rnd = new Random(42);
        double worst = 0;
        for (int s = 0; s < 2000; s++) {
            double[] x = new double[5];
            for (int i = 0; i < 5; i++) x[i] = rnd.nextDouble() - 0.5; // normalised ACAS inputs lie in about [-0.5, 0.5]
            double[] a = raw.apply(x);
            double[] b = onnx.apply(x);
            for (int j = 0; j < 5; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]));
        }
        assertTrue(worst < 1e-5, "max |nnet - onnx| = " + worst);
    }

    @Test
    void headerAndNormalisationDataAreRead() throws Exception {
        NnetNetwork nnet = NnetReader.read(TestData.acasNnet("1_1"));
        assertArrayEquals(new double[] {0.0, -3.141593, -3.141593, 100.0, 0.0}, nnet.inputMins());
        assertArrayEquals(new double[] {60760.0, 3.141593, 3.141593, 1200.0, 1200.0}, nnet.inputMaxes());
        assertArrayEquals(new double[] {1.9791091e+04, 0.0, 0.0, 650.0, 600.0, 7.5188840201005975}, nnet.means());
        assertArrayEquals(new double[] {60261.0, 6.28318530718, 6.28318530718, 1100.0, 1200.0, 373.94992}, nnet.ranges());
        AffineLayer first = (AffineLayer) nnet.rawNetwork().layer(0);
        assertEquals(5.40062e-02, first.weights()[0][0]);
        assertEquals(-2.61092e+00, first.weights()[0][1]);
        assertEquals(50, first.outputSize());
        assertTrue(nnet.rawNetwork().layer(1) instanceof ReluLayer);
    }

    @Test
    void physicalNetworkMatchesNormaliseEvaluateDenormalise() throws Exception {
        NnetNetwork nnet = NnetReader.read(TestData.acasNnet("1_9"));
        Network phys = nnet.physicalNetwork();
        double[] lo = nnet.inputMins();
        double[] hi = nnet.inputMaxes();
        Random rnd = new Random(7);
        for (int s = 0; s < 200; s++) {
            double[] x = new double[5];
            for (int i = 0; i < 5; i++) x[i] = lo[i] + rnd.nextDouble() * (hi[i] - lo[i]);
            double[] expected = nnet.evaluatePhysical(x);
            double[] got = phys.apply(x);
            double[] raw = nnet.rawNetwork().apply(nnet.normalizeInput(x));
            for (int j = 0; j < 5; j++) {
                assertEquals(expected[j], got[j], 1e-9 * (1 + Math.abs(expected[j])));
                assertEquals(raw[j] * nnet.ranges()[5] + nnet.means()[5], expected[j], 1e-12 * (1 + Math.abs(expected[j])));
            }
        }
        // Clipping: a physical input beyond the maximum is evaluated at the maximum.
        double[] beyond = hi.clone();
        beyond[0] = hi[0] * 2;
        assertArrayEquals(nnet.evaluatePhysical(hi), nnet.evaluatePhysical(beyond));
    }

    @Test
    void vnncompSanityNetworksLoad() throws Exception {
        Network nano = NetworkFiles.read(TestData.nn("vnncomp_test", "test_nano.onnx"));
        Network tiny = NetworkFiles.read(TestData.nn("vnncomp_test", "test_tiny.onnx"));
        Network small = NetworkFiles.read(TestData.nn("vnncomp_test", "test_small.onnx"));
        Network sat = NetworkFiles.read(TestData.nn("vnncomp_test", "test_sat.onnx"));
        Network unsat = NetworkFiles.read(TestData.nn("vnncomp_test", "test_unsat.onnx"));
        assertEquals(1, nano.inputSize());
        assertEquals(1, nano.outputSize());
        assertEquals(1, tiny.inputSize());
        assertEquals(1, small.inputSize());
        assertEquals(1, small.outputSize());
        assertEquals(5, sat.inputSize());
        assertEquals(5, unsat.outputSize());
        // The nano net is relu(w x): non-negative output, linear for positive x.
        double y1 = nano.apply(new double[] {1})[0];
        double y2 = nano.apply(new double[] {2})[0];
        assertTrue(y1 >= 0 && y2 >= 0);
        assertEquals(0, nano.apply(new double[] {0})[0]);
        // test_unsat.onnx is ACAS Xu 1_6 (README): it must agree with our copy of the 1_6 .nnet.
        Network acas16 = NnetReader.read(TestData.acasNnet("1_6")).rawNetwork();
        Random rnd = new Random(3);
        for (int s = 0; s < 300; s++) {
            double[] x = new double[5];
            for (int i = 0; i < 5; i++) x[i] = rnd.nextDouble() - 0.5;
            assertArrayEquals(acas16.apply(x), unsat.apply(x), 1e-5);
        }
    }
}
