package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NnetMalformedTest {
    @TempDir Path dir;

    // A valid 2-2-1 network: header, sizes, flag, mins, maxes, means, ranges, weights and biases.
    static final String[] VALID = {
        "// a comment",
        "2,2,1,2,",
        "2,2,1,",
        "0,",
        "-1,-1,",
        "1,1,",
        "0,0,0,",
        "1,1,1,",
        "1.0,-1.0,",
        "0.5,0.5,",
        "0.0,",
        "0.1,",
        "2.0,3.0,",
        "-1.0,",
    };

    private String read(String... lines) throws Exception {
        Path f = dir.resolve("net.nnet");
        Files.writeString(f, String.join("\n", lines) + "\n");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NnetReader.read(f));
        return e.getMessage();
    }

    private String[] with(int index, String replacement) {
        String[] l = VALID.clone();
        l[index] = replacement;
        return l;
    }

    @Test
    void validFileEvaluates() throws Exception {
        Path f = dir.resolve("ok.nnet");
        Files.writeString(f, String.join("\n", VALID) + "\n");
        NnetNetwork n = NnetReader.read(f);
        // h = relu([x0 - x1, 0.5 x0 + 0.5 x1 + 0.1]); y = 2 h0 + 3 h1 - 1
        double[] y = n.rawNetwork().apply(new double[] {1, 0});
        assertEquals(2 * 1 + 3 * 0.6 - 1, y[0], 1e-15);
    }

    @Test
    void unknownExtensionIsRejected() throws Exception {
        Path f = dir.resolve("net.h5");
        Files.writeString(f, "x");
        assertEquals("net.h5: unknown network file extension, expected .nnet, .onnx or .json",
                assertThrows(NetworkFormatException.class, () -> NetworkFiles.read(f)).getMessage());
    }

    @Test
    void errorsNameFileLineAndExpectation() throws Exception {
        assertEquals("net.nnet:2: expected the header numLayers,inputSize,outputSize,maxLayerSize but found 3 value(s)",
                read(with(1, "2,2,1,")));
        assertEquals("net.nnet:3: expected 3 layer sizes but found 2 value(s)", read(with(2, "2,2,")));
        assertEquals("net.nnet:3: first layer size 3 differs from inputSize 2", read(with(2, "3,2,1,")));
        assertEquals("net.nnet:5: expected a number in 2 input minimums, found 'abc'", read(with(4, "-1,abc,")));
        assertEquals("net.nnet:8: range 1 is zero", read(with(7, "1,0,1,")));
        assertEquals("net.nnet:10: expected 2 weights of layer 1 row 1 but found 3 values", read(with(9, "0.5,0.5,0.5,")));
        assertEquals("net.nnet:2: numLayers must be a positive integer, found 1.5", read(with(1, "1.5,2,1,2,")));
        String[] truncated = java.util.Arrays.copyOf(VALID, VALID.length - 1);
        assertEquals("net.nnet: unexpected end of file, expected bias 0 of layer 2", read(truncated));
        String[] extra = java.util.Arrays.copyOf(VALID, VALID.length + 1);
        extra[VALID.length] = "7,";
        assertEquals("net.nnet:15: unexpected content after the last layer's biases", read(extra));
    }
}
