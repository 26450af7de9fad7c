package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;

/** NnetWriter and OnnxWriter (and the JSON format) read back by our readers to the very same network. */
class NetworkWritersTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nnmip-writers");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;

    /** Random dense affine/ReLU networks, with awkward values (signed zeros, tiny and huge weights) mixed in. */
    static Network randomNet(Random rnd) {
        int depth = 1 + rnd.nextInt(4);
        int[] widths = new int[depth + 1];
        for (int i = 0; i <= depth; i++) widths[i] = 1 + rnd.nextInt(6);
        Network net = RandomNetworks.dense(rnd, widths);
        List<org.nnmip.nnverify.net.Layer> layers = new java.util.ArrayList<>(net.layers());
        AffineLayer first = (AffineLayer) layers.getFirst();
        double[][] w = first.weights();
        double[] b = first.bias();
        w[0][0] = -0.0;
        if (w.length > 1) w[1][0] = 1e-300;
        b[0] = rnd.nextBoolean() ? 1e300 : -Double.MIN_VALUE;
        layers.set(0, AffineLayer.dense(w, b));
        return new Network(net.inputSize(), layers);
    }

    @Property(tries = 40, seed = "9101")
    void everyFormatReadsBackEqual(@ForAll long seed) throws Exception {
        Network net = randomNet(new Random(seed));
        Path nnet = DIR.resolve("p.nnet");
        Path onnx = DIR.resolve("p.onnx");
        Path json = DIR.resolve("p.json");
        NnetWriter.write(net, nnet);
        OnnxWriter.write(net, onnx);
        JsonNetworkFormat.write(net, json);
        assertEquals(net, NetworkFiles.read(nnet), "nnet");
        assertEquals(net, NetworkFiles.read(onnx), "onnx");
        assertEquals(net, NetworkFiles.read(json), "json");
        // Identity normalisation: the physical network computes what the raw one does (inside the ±1e30 box).
        NnetNetwork n = NnetReader.read(nnet);
        double[] x = new double[net.inputSize()];
        Random rnd = new Random(seed + 1);
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
        assertArrayEquals(net.apply(x), n.evaluatePhysical(x));
    }

    @Test
    void bytesDependOnlyOnTheNetwork() throws Exception {
        Network net = randomNet(new Random(3));
        Path a = dir.resolve("a.onnx");
        Path b = dir.resolve("b.onnx");
        OnnxWriter.write(net, a);
        OnnxWriter.write(randomNet(new Random(3)), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        NnetWriter.write(net, dir.resolve("a.nnet"));
        NnetWriter.write(randomNet(new Random(3)), dir.resolve("b.nnet"));
        assertEquals(Files.readString(dir.resolve("a.nnet")), Files.readString(dir.resolve("b.nnet")));
    }

    @Test
    void nnetKeepsGivenInputBounds() throws Exception {
        Network net = RandomNetworks.dense(new Random(5), 2, 3, 1);
        Path f = dir.resolve("b.nnet");
        NnetWriter.write(net, new double[] {-1, 0}, new double[] {2, 0.5}, f);
        NnetNetwork n = NnetReader.read(f);
        assertArrayEquals(new double[] {-1, 0}, n.inputMins());
        assertArrayEquals(new double[] {2, 0.5}, n.inputMaxes());
        assertArrayEquals(new double[] {0, 0, 0}, n.means());
        assertArrayEquals(new double[] {1, 1, 1}, n.ranges());
        assertEquals(net, n.rawNetwork());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NnetWriter.write(net, new double[] {1, 0}, new double[] {0, 1}, dir.resolve("c.nnet")));
        assertTrue(e.getMessage().contains("input 0 has [1.0, 0.0]"), e.getMessage());
    }

    @Test
    void sparseLayersAreWrittenDense() throws Exception {
        Random rnd = new Random(11);
        Network net = new Network(4, List.of(RandomNetworks.sparseLayer(rnd, 4, 3), new ReluLayer(3), RandomNetworks.denseLayer(rnd, 3, 2)));
        for (String ext : new String[] {"nnet", "onnx"}) {
            Path f = dir.resolve("s." + ext);
            if (ext.equals("nnet")) NnetWriter.write(net, f);
            else OnnxWriter.write(net, f);
            Network back = NetworkFiles.read(f);
            AffineLayer a = (AffineLayer) back.layer(0);
            assertTrue(a.isDense(), ext);
            assertArrayEquals(((AffineLayer) net.layer(0)).weights(), a.weights(), ext);
            assertEquals(net.layer(2), back.layer(2), ext);
        }
    }

    @Test
    void onlyAffineReluChainsAreWritableAndNothingIsWrittenOtherwise() throws Exception {
        Random rnd = new Random(2);
        Network endsInRelu = new Network(2, List.of(RandomNetworks.denseLayer(rnd, 2, 3), new ReluLayer(3)));
        Network twoAffine = new Network(2, List.of(RandomNetworks.denseLayer(rnd, 2, 3), RandomNetworks.denseLayer(rnd, 3, 1)));
        Network reshape = new Network(2, List.of(ReshapeLayer.flatten(2), RandomNetworks.denseLayer(rnd, 2, 1)));
        assertRefused(endsInRelu, "ends with a ReLU");
        assertRefused(twoAffine, "layer 1 (dense 1x3) breaks the affine, ReLU, affine, ..., affine pattern");
        assertRefused(reshape, "layer 0 (");
    }

    private void assertRefused(Network net, String message) {
        Path nnet = dir.resolve("x.nnet");
        Path onnx = dir.resolve("x.onnx");
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> NnetWriter.write(net, nnet));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> OnnxWriter.write(net, onnx));
        assertTrue(e1.getMessage().startsWith("cannot write .nnet: ") && e1.getMessage().contains(message), e1.getMessage());
        assertTrue(e2.getMessage().startsWith("cannot write ONNX: ") && e2.getMessage().contains(message), e2.getMessage());
        assertFalse(Files.exists(nnet));
        assertFalse(Files.exists(onnx));
    }
}
