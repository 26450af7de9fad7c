package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.net.Network;

class JsonNetworkFormatTest {
    @TempDir Path dir;

    @Test
    void acasRoundTripIsExact() throws Exception {
        Network net = NnetReader.read(TestData.acasNnet("1_1")).rawNetwork();
        Path f = dir.resolve("acas.json");
        JsonNetworkFormat.write(net, f);
        Network back = NetworkFiles.read(f);
        assertEquals(net, back, "every weight and bias bit-identical");
    }

    @Test
    void randomMixedNetworksRoundTripExactly() throws Exception {
        Random rnd = new Random(11);
        for (int t = 0; t < 30; t++) {
            Network net = RandomNetworks.mixed(rnd, 1 + rnd.nextInt(6), 1 + rnd.nextInt(4), 8);
            String json = JsonNetworkFormat.toJson(net);
            Network back = JsonNetworkFormat.parse(json, Path.of("mem.json"));
            assertEquals(net, back);
            double[] x = new double[net.inputSize()];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
            assertArrayEquals(net.apply(x), back.apply(x), 0.0);
        }
    }

    @Test
    void extremeDoublesSurvive() throws Exception {
        double[][] w = {{Double.MIN_VALUE, -0.0, 1e308, 0.1 + 0.2}};
        double[] b = {Math.nextUp(1.0)};
        Network net = new Network(4, java.util.List.of(org.nnmip.nnverify.net.AffineLayer.dense(w, b)));
        Network back = JsonNetworkFormat.parse(JsonNetworkFormat.toJson(net), Path.of("x.json"));
        double[][] w2 = ((org.nnmip.nnverify.net.AffineLayer) back.layer(0)).weights();
        for (int j = 0; j < 4; j++) assertEquals(Double.doubleToRawLongBits(w[0][j]), Double.doubleToRawLongBits(w2[0][j]));
        assertEquals(net, back);
    }

    private String error(String json) {
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> JsonNetworkFormat.parse(json, Path.of("bad.json")));
        return e.getMessage();
    }

    @Test
    void malformedFilesNameFileLineAndExpectation() {
        String head = "{\"format\":\"nnmip-network\",\"version\":1,\"inputSize\":2,\"layers\":[\n";
        assertEquals("bad.json:1: expected \"format\": \"nnmip-network\"",
                error("{\"format\":\"other\",\"version\":1,\"inputSize\":2,\"layers\":[{\"type\":\"relu\"}]}"));
        assertTrue(error("{\"format\":\"nnmip-network\",\"version\":2,\"inputSize\":2,\"layers\":[]}").contains("expected \"version\": 1"));
        assertTrue(error("{\"format\":\"nnmip-network\",\"version\":1,\"inputSize\":0,\"layers\":[]}").contains("positive integer \"inputSize\""));
        String m = error(head + "  {\"type\":\"relu\"},\n  {\"type\":\"dense\",\"weights\":[[1,2,3]],\"bias\":[0]}\n]}");
        assertEquals("bad.json:3: layer 1: weight rows have 3 entries, expected 2", m);
        m = error(head + "  {\"type\":\"conv\"}\n]}");
        assertTrue(m.startsWith("bad.json:2: layer 0: unknown layer type 'conv'"), m);
        m = error(head + "  {\"type\":\"dense\",\"weights\":[[1,\"a\"]],\"bias\":[0]}\n]}");
        assertTrue(m.startsWith("bad.json:2: layer 0: weights row 0: element 1 is not a number"), m);
        m = error(head + "  {\"type\":\"residual\",\"source\":5}\n]}");
        assertTrue(m.contains("layer 0") && m.contains("source must be an earlier layer"), m);
        m = error(head + "  {\"type\":\"dense\",\"weights\":[[1,2]],\"bias\":[0,1]}\n]}");
        assertTrue(m.startsWith("bad.json:2: layer 0: dense layer: 1 weight rows but 2 biases"), m);
        // Pretty-printed input: the line of the offending layer object is found by the streaming parser.
        m = error("{\n  \"format\": \"nnmip-network\",\n  \"version\": 1,\n  \"inputSize\": 2,\n  \"layers\": [\n    {\n      \"type\": \"relu\"\n    },\n"
                + "    {\n      \"type\": \"dense\",\n      \"weights\": [[1]],\n      \"bias\": [0]\n    }\n  ]\n}");
        assertEquals("bad.json:9: layer 1: weight rows have 1 entries, expected 2", m);
        m = error("{\"format\":\"nnmip-network\",\n\"version\":1,\n\"inputSize\":2,,}");
        assertTrue(m.startsWith("bad.json:3: malformed JSON"), m);
    }

    @Test
    void formatDocumentationExists() throws Exception {
        Path doc = Path.of(System.getProperty("nnmip.testdata")).getParent().resolve("nnverify").resolve("FORMAT.md");
        assertTrue(Files.readString(doc).contains("nnmip-network"));
    }
}
