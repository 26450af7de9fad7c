package org.nnmip.nnverify.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;

class NetworkTest {

    static Network small() {
        // y = [1 -1; 0.5 0.5] x + [0, 0.1]; relu; z = [2 3] h - 1
        return new Network(2, List.of(
                AffineLayer.dense(new double[][] {{1, -1}, {0.5, 0.5}}, new double[] {0, 0.1}),
                new ReluLayer(2),
                AffineLayer.dense(new double[][] {{2, 3}}, new double[] {-1})));
    }

    @Test
    void forwardEvaluationKeepsEveryIntermediateValue() {
        Evaluation e = small().evaluate(new double[] {1, 3});
        assertArrayEquals(new double[] {1, 3}, e.input());
        assertArrayEquals(new double[] {-2, 2.1}, e.layerOutput(0), 1e-15); // pre-activation of the ReLU layer 1
        assertArrayEquals(new double[] {-2, 2.1}, e.layerInput(1), 1e-15);
        assertArrayEquals(new double[] {0, 2.1}, e.layerOutput(1), 1e-15); // post-activation
        assertArrayEquals(new double[] {5.3}, e.output(), 1e-12);
        assertArrayEquals(e.layerOutput(0), e.preActivation(1));
        assertArrayEquals(e.layerOutput(1), e.postActivation(1));
        assertEquals(0, e.argmax());
    }

    @Test
    void validationNamesTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Network(3, List.of(
                AffineLayer.dense(new double[][] {{1, 2, 3}}, new double[] {0}), new ReluLayer(2))));
        assertEquals("layer 1 (relu 2): expects 2 inputs but the previous layer gives 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Network(2, List.of(
                AffineLayer.dense(new double[][] {{1, 2}}, new double[] {0}), new ResidualAddLayer(1, -1))));
        assertEquals("layer 1 (residual add 1 from input): source has size 2, expected 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Network(1, List.of(new ResidualAddLayer(1, 0))));
        assertTrue(e.getMessage().startsWith("layer 0 (residual add 1 from layer 0): source must be an earlier layer"));
        e = assertThrows(IllegalArgumentException.class, () -> AffineLayer.dense(new double[][] {{1, 2}, {3}}, new double[] {0, 0}));
        assertEquals("dense layer: row 1 has 1 weights, expected 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AffineLayer.dense(new double[][] {{Double.NaN}}, new double[] {0}));
        assertTrue(e.getMessage().contains("NaN"));
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPoolLayer(3, new int[][] {{0, 3}}));
        assertEquals("maxpool layer: group 0 index 3 outside [0,3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> small().evaluate(new double[] {1}));
        assertEquals("network input: expected 2 values, got 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AffineLayer.sparse(2, new int[] {0, 2}, new int[] {1, 0}, new double[] {1, 1}, new double[] {0}));
    }

    @Test
    void layersAreImmutable() {
        double[][] w = {{1, 2}};
        double[] b = {3};
        AffineLayer a = AffineLayer.dense(w, b);
        w[0][0] = 99;
        b[0] = 99;
        a.weights()[0][1] = 42;
        assertArrayEquals(new double[] {1, 2}, a.weights()[0]);
        assertEquals(3, a.bias(0));
        int[] shape = {2, 3};
        ReshapeLayer r = new ReshapeLayer(shape);
        shape[0] = 7;
        assertEquals(6, r.size());
    }

    @Test
    void maxPoolResidualAndNormalisation() {
        AffineLayer norm = AffineLayer.normalization(new double[] {1, 2}, new double[] {2, 4});
        Network net = new Network(2, List.of(norm, new ReluLayer(2), new MaxPoolLayer(2, new int[][] {{0, 1}, {1}}),
                new ResidualAddLayer(2, 1), ReshapeLayer.flatten(2)));
        // x = (5, 10): normalised (2, 2); relu (2, 2); pool (2, 2); + relu output (2, 2) = (4, 4)
        assertArrayEquals(new double[] {4, 4}, net.apply(new double[] {5, 10}), 1e-15);
        // x = (-1, 2): normalised (-1, 0); relu (0, 0); pool (0, 0); + (0, 0)
        assertArrayEquals(new double[] {0, 0}, net.apply(new double[] {-1, 2}), 1e-15);
    }

    @Test
    void compositionAndCompactFormAgreeWithTheNetwork() {
        Random rnd = new Random(3);
        for (int t = 0; t < 50; t++) {
            AffineLayer a = rnd.nextBoolean() ? RandomNetworks.denseLayer(rnd, 4, 5) : RandomNetworks.sparseLayer(rnd, 4, 5);
            AffineLayer b = rnd.nextBoolean() ? RandomNetworks.denseLayer(rnd, 5, 3) : RandomNetworks.sparseLayer(rnd, 5, 3);
            AffineLayer ba = b.after(a);
            double[] x = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            assertArrayEquals(b.apply(a.apply(x)), ba.apply(x), 1e-12);
        }
        for (int t = 0; t < 30; t++) {
            int[] widths = {1 + rnd.nextInt(5), 1 + rnd.nextInt(8), 1 + rnd.nextInt(8), 1 + rnd.nextInt(3)};
            Network net = RandomNetworks.dense(rnd, widths);
            // Prepend a normalisation and a reshape: the compact form folds them into the first affine map.
            double[] scale = new double[widths[0]];
            java.util.Arrays.fill(scale, 2);
            Network withNorm = net.prependedBy(List.of(AffineLayer.diagonal(scale, new double[widths[0]]), ReshapeLayer.flatten(widths[0])));
            CompactNetwork compact = CompactNetwork.of(withNorm);
            assertEquals(3, compact.stages().size());
            assertEquals(CompactNetwork.Activation.RELU, compact.stages().get(0).activation());
            assertEquals(CompactNetwork.Activation.IDENTITY, compact.stages().get(2).activation());
            double[] x = new double[widths[0]];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
            assertArrayEquals(withNorm.apply(x), compact.apply(x), 1e-12);
            // Each stage's pre-activation equals the output of the layer it names.
            Evaluation e = withNorm.evaluate(x);
            double[] a = x.clone();
            for (CompactNetwork.Stage st : compact.stages()) {
                double[] z = st.affine().apply(a);
                assertArrayEquals(e.layerOutput(st.preActivationLayer()), z, 1e-12);
                a = st.activation() == CompactNetwork.Activation.RELU ? e.layerOutput(st.preActivationLayer() + 1) : z;
            }
        }
        Network res = new Network(1, List.of(new ReluLayer(1), new ResidualAddLayer(1, -1)));
        assertThrows(IllegalArgumentException.class, () -> CompactNetwork.of(res));
    }
}
