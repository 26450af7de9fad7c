package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.onnx.OnnxProto.GraphProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ModelProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorProto;
import org.nnmip.nnverify.property.VnnlibFormatException;
import org.nnmip.nnverify.property.VnnlibParser;

/** One regression per reader bug the fuzzer found (see ReaderFuzzTest). */
class ReaderRegressionTest {
    @TempDir Path dir;

    private static final byte[] BAD_UTF8 = {'1', ',', (byte) 0xC3, (byte) 0x28, '\n'};

    @Test
    void invalidUtf8IsAFormatErrorNamingTheFile() throws Exception {
        // Was: java.nio.charset.MalformedInputException "Input length = 1", without the file name.
        Path nnet = Files.write(dir.resolve("bad.nnet"), BAD_UTF8);
        assertTrue(assertThrows(NetworkFormatException.class, () -> NnetReader.read(nnet)).getMessage().startsWith("bad.nnet: "));
        Path json = Files.write(dir.resolve("bad.json"), BAD_UTF8);
        assertTrue(assertThrows(NetworkFormatException.class, () -> JsonNetworkFormat.read(json)).getMessage().startsWith("bad.json: "));
        Path vnnlib = Files.write(dir.resolve("bad.vnnlib"), BAD_UTF8);
        assertTrue(assertThrows(VnnlibFormatException.class, () -> VnnlibParser.parse(vnnlib)).getMessage().startsWith("bad.vnnlib: "));
    }

    @Test
    void nnetHeaderClaimingHugeLayersFailsBeforeAllocating() throws Exception {
        // Was: new double[100000000][] per layer before the first weight row was read.
        String text = "3,1,1,100000000,\n1,100000000,100000000,1,\n0,\n0,\n1,\n0,0,\n1,1,\n1,\n";
        Path f = Files.writeString(dir.resolve("liar.nnet"), text);
        String msg = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(NetworkFormatException.class, () -> NnetReader.read(f))).getMessage();
        assertTrue(msg.startsWith("liar.nnet: unexpected end of file: layer 1 needs 100000000 weight rows"), msg);
    }

    private Path onnxWithInitializer(String name, TensorProto t) throws Exception {
        GraphProto g = GraphProto.newBuilder().addInput(OnnxSyntheticTest.value("x", 1, 2)).addInitializer(t)
                .addNode(OnnxSyntheticTest.node("Gemm", "fc", List.of("x", t.getName()), "y"))
                .addOutput(OnnxSyntheticTest.value("y")).build();
        return Files.write(dir.resolve(name), ModelProto.newBuilder().setIrVersion(7).setGraph(g).build().toByteArray());
    }

    @Test
    void onnxTensorClaimingHugeDimensionsFailsBeforeAllocating() throws Exception {
        // Was: new double[2 * 50000000] allocated before the data size was compared with the shape, and
        // ArithmeticException (integer overflow) for dimensions above 2^31.
        TensorProto big = OnnxSyntheticTest.floatTensor("W", new int[] {2, 1}, new double[] {1, 2}, true).toBuilder()
                .setDims(1, 50_000_000).build();
        Path f = onnxWithInitializer("big.onnx", big);
        String msg = assertThrows(NetworkFormatException.class, () -> OnnxReader.read(f)).getMessage();
        assertTrue(msg.startsWith("big.onnx: initializer W: tensor W data does not match its shape"), msg);
        TensorProto huge = big.toBuilder().setDims(1, 1L << 40).build();
        Path h = onnxWithInitializer("huge.onnx", huge);
        msg = assertThrows(NetworkFormatException.class, () -> OnnxReader.read(h)).getMessage();
        assertTrue(msg.startsWith("huge.onnx: initializer W: tensor W has dimension 1 = 1099511627776"), msg);
        TensorProto negative = big.toBuilder().setDims(1, -3).build();
        Path n = onnxWithInitializer("negative.onnx", negative);
        msg = assertThrows(NetworkFormatException.class, () -> OnnxReader.read(n)).getMessage();
        assertTrue(msg.startsWith("negative.onnx: initializer W: tensor W has dimension 1 = -3"), msg);
    }

    @Test
    void onnxInputWithAnOverflowingDimensionIsAFormatError() throws Exception {
        // Was: ArithmeticException from Math.toIntExact outside any handler.
        GraphProto g = GraphProto.newBuilder()
                .addInput(OnnxSyntheticTest.value("x", 1, 2).toBuilder().build())
                .addNode(OnnxSyntheticTest.node("Relu", "r", List.of("x"), "y")).addOutput(OnnxSyntheticTest.value("y")).build();
        GraphProto.Builder gb = g.toBuilder();
        gb.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1).setDimValue(1L << 33);
        Path f = Files.write(dir.resolve("wide.onnx"), ModelProto.newBuilder().setGraph(gb).build().toByteArray());
        String msg = assertThrows(NetworkFormatException.class, () -> OnnxReader.read(f)).getMessage();
        assertTrue(msg.startsWith("wide.onnx: input x dimension 1 is 8589934592"), msg);
    }

    @Test
    void vnnlibHugeVariableIndexAndOverflowingCoefficientsAreFormatErrors() {
        // Was: NumberFormatException for X_99999999999.
        String huge = "(declare-const X_99999999999 Real)\n(declare-const Y_0 Real)\n";
        String msg = assertThrows(VnnlibFormatException.class, () -> VnnlibParser.parse(huge, "p.vnnlib")).getMessage();
        assertTrue(msg.startsWith("p.vnnlib:1: variable index of X_99999999999 is too large"), msg);
        // Was: an IllegalArgumentException from OutputConstraint naming neither file nor line (and for input
        // variables an infinite coefficient turned silently into a bound of 0).
        String overflow = "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (<= X_0 1))\n(assert (>= X_0 0))\n"
                + "(assert (<= (* 1e300 1e300 Y_0) 1))\n";
        msg = assertThrows(VnnlibFormatException.class, () -> VnnlibParser.parse(overflow, "o.vnnlib")).getMessage();
        assertTrue(msg.startsWith("o.vnnlib:5: a coefficient or constant of this constraint overflows"), msg);
    }

    @Test
    void vnnlibDeepNestingIsAFormatErrorNotAStackOverflow() {
        // Was: StackOverflowError in the recursive formula reader for a few hundred thousand nested (and ...).
        String deep = "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert " + "(and ".repeat(300_000)
                + "(<= X_0 1)" + ")".repeat(300_001) + "\n";
        String msg = assertThrows(VnnlibFormatException.class, () -> VnnlibParser.parse(deep, "deep.vnnlib")).getMessage();
        assertTrue(msg.startsWith("deep.vnnlib:3: expressions nested more than"), msg);
    }

    @Test
    void fuzzMutationsThemselvesChangeTheInput() {
        // Guards the fuzzer: a mutation that silently did nothing would make the fuzz tests vacuous.
        java.util.Random rnd = new java.util.Random(1);
        int changed = 0;
        for (int i = 0; i < 100; i++) {
            String s = "1,2,3,\n4,5,6,\n";
            if (!Mutations.mutateText(s, rnd).equals(s)) changed++;
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (!java.util.Arrays.equals(Mutations.mutateBytes(b, rnd), b)) changed++;
        }
        assertTrue(changed > 150, "only " + changed + " of 200 mutations changed the input");
    }
}
