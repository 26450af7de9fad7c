package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.io.onnx.OnnxProto.GraphProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ModelProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorShapeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ValueInfoProto;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.VnnlibFormatException;
import org.nnmip.nnverify.property.VnnlibParser;

/**
 * Property-based fuzzing of every network and property reader: mutated valid files either read into a valid object
 * or fail with the reader's own exception, one line starting with the file name (and a line or node where one
 * applies). Never another exception, never a hang, never an out-of-memory from a header that lies about sizes.
 */
class ReaderFuzzTest {
    static final Path NN = Path.of(System.getProperty("nnmip.testdata", "testdata"), "nn");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nnmip-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reader returns a non-null object or throws {@code expected} with a one-line message naming the file. */
    static void cleanOutcome(String label, Path file, Class<? extends Exception> expected, Callable<?> read) {
        String name = file.getFileName().toString();
        Pattern form = Pattern.compile("^" + Pattern.quote(name) + "(:\\d+)?: \\S.*");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                assertNotNull(read.call(), label);
            } catch (Exception e) {
                if (!expected.isInstance(e)) throw new AssertionError(label + ": unexpected " + e, e);
                String msg = e.getMessage();
                assertTrue(msg != null && !msg.contains("\n") && form.matcher(msg).matches(),
                        label + ": message does not name the file on one line: " + msg);
            }
        }, label + ": reader hung");
    }

    static Path write(String name, byte[] data) throws IOException {
        Path p = DIR.resolve(name);
        Files.write(p, data);
        return p;
    }

    // ---- .nnet ----

    /** A small network in .nnet text, written independently of any reader code. */
    static String nnetText(Random rnd) {
        int in = 1 + rnd.nextInt(3);
        int hidden = 1 + rnd.nextInt(3);
        int out = 1 + rnd.nextInt(2);
        Network net = RandomNetworks.dense(rnd, in, hidden, out);
        StringBuilder sb = new StringBuilder("// fuzz seed\n");
        sb.append("2,").append(in).append(',').append(out).append(',').append(Math.max(in, Math.max(hidden, out))).append(",\n");
        sb.append(in).append(',').append(hidden).append(',').append(out).append(",\n0,\n");
        for (int i = 0; i < in; i++) sb.append("-1.0,");
        sb.append('\n');
        for (int i = 0; i < in; i++) sb.append("1.0,");
        sb.append('\n');
        for (int i = 0; i <= in; i++) sb.append("0.0,");
        sb.append('\n');
        for (int i = 0; i <= in; i++) sb.append("1.0,");
        sb.append('\n');
        for (Layer l : net.layers()) {
            if (!(l instanceof AffineLayer a)) continue;
            for (double[] row : a.weights()) {
                for (double w : row) sb.append(w).append(',');
                sb.append('\n');
            }
            for (double b : a.bias()) sb.append(b).append(",\n");
        }
        return sb.toString();
    }

    @Property(tries = 300, seed = "5001")
    void nnetReaderFailsCleanly(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        String text = rnd.nextInt(20) == 0
                ? Files.readString(NN.resolve("acasxu/ACASXU_run2a_1_1_batch_2000.nnet")) : nnetText(rnd);
        Path f = write("fuzz.nnet", Mutations.mutateText(text, rnd).getBytes(StandardCharsets.UTF_8));
        cleanOutcome("nnet seed " + seed, f, NetworkFormatException.class, () -> NnetReader.read(f));
    }

    @Property(tries = 100, seed = "5002")
    void nnetReaderSurvivesByteMutations(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        Path f = write("bytes.nnet", Mutations.mutateBytes(nnetText(rnd).getBytes(StandardCharsets.UTF_8), rnd));
        cleanOutcome("nnet bytes seed " + seed, f, NetworkFormatException.class, () -> NnetReader.read(f));
    }

    // ---- JSON ----

    @Property(tries = 300, seed = "5003")
    void jsonReaderFailsCleanly(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        Network net = rnd.nextBoolean() ? RandomNetworks.dense(rnd, 2, 3, 2) : RandomNetworks.mixed(rnd, 2, 2, 3);
        String text = JsonNetworkFormat.toJson(net);
        byte[] data = rnd.nextInt(4) == 0 ? Mutations.mutateBytes(text.getBytes(StandardCharsets.UTF_8), rnd)
                : Mutations.mutateText(text, rnd).getBytes(StandardCharsets.UTF_8);
        Path f = write("fuzz.json", data);
        cleanOutcome("json seed " + seed, f, NetworkFormatException.class, () -> JsonNetworkFormat.read(f));
    }

    // ---- VNN-LIB ----

    private static final List<String> VNNLIB = List.of("acasxu/vnnlib/prop_1.vnnlib", "acasxu/vnnlib/prop_2.vnnlib",
            "vnncomp_test/test_prop.vnnlib", "vnncomp_test/test_tiny.vnnlib", "vnnlib_parser_tests/test_add_var.vnnlib",
            "vnnlib_parser_tests/test_mul_var_const.vnnlib", "vnnlib_parser_tests/test_exp_notation.vnnlib");

    @Property(tries = 300, seed = "5004")
    void vnnlibParserFailsCleanly(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        String text = Files.readString(NN.resolve(VNNLIB.get(rnd.nextInt(VNNLIB.size()))));
        byte[] data = rnd.nextInt(4) == 0 ? Mutations.mutateBytes(text.getBytes(StandardCharsets.UTF_8), rnd)
                : Mutations.mutateText(text, rnd).getBytes(StandardCharsets.UTF_8);
        Path f = write("fuzz.vnnlib", data);
        cleanOutcome("vnnlib seed " + seed, f, VnnlibFormatException.class, () -> VnnlibParser.parse(f));
    }

    // ---- ONNX ----

    private static final List<String> ONNX = List.of("vnncomp_test/test_tiny.onnx", "vnncomp_test/test_small.onnx",
            "vnncomp_test/test_nano.onnx", "acasxu/ACASXU_run2a_1_9_batch_2000.onnx");

    @Property(tries = 200, seed = "5005")
    void onnxReaderSurvivesByteMutations(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        byte[] data = Files.readAllBytes(NN.resolve(ONNX.get(rnd.nextInt(ONNX.size()))));
        Path f = write("fuzz.onnx", Mutations.mutateBytes(data, rnd));
        cleanOutcome("onnx bytes seed " + seed, f, NetworkFormatException.class, () -> OnnxReader.read(f));
    }

    /** Structural mutations byte flips rarely reach: lying tensor dimensions, data counts, input shapes, attributes. */
    @Property(tries = 200, seed = "5006")
    void onnxReaderSurvivesStructuralMutations(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(NN.resolve(ONNX.get(rnd.nextInt(ONNX.size())))));
        ModelProto.Builder mb = model.toBuilder();
        GraphProto.Builder g = mb.getGraphBuilder();
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) mutateGraph(g, rnd);
        Path f = write("structure.onnx", mb.build().toByteArray());
        cleanOutcome("onnx structure seed " + seed, f, NetworkFormatException.class, () -> OnnxReader.read(f));
    }

    private static final long[] HOSTILE_DIMS = {0, -1, -7, 1_000_000_000L, 1L << 31, 1L << 40, Long.MAX_VALUE, 3, 65536};

    static void mutateGraph(GraphProto.Builder g, Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0 -> { // a tensor claiming other (often huge) dimensions
                if (g.getInitializerCount() == 0) return;
                TensorProto.Builder t = g.getInitializerBuilder(rnd.nextInt(g.getInitializerCount()));
                if (t.getDimsCount() > 0 && rnd.nextBoolean()) t.setDims(rnd.nextInt(t.getDimsCount()), HOSTILE_DIMS[rnd.nextInt(HOSTILE_DIMS.length)]);
                else t.addDims(HOSTILE_DIMS[rnd.nextInt(HOSTILE_DIMS.length)]);
            }
            case 1 -> { // a tensor whose data does not match (dropped raw bytes or another data type)
                if (g.getInitializerCount() == 0) return;
                TensorProto.Builder t = g.getInitializerBuilder(rnd.nextInt(g.getInitializerCount()));
                if (rnd.nextBoolean() && !t.getRawData().isEmpty()) t.setRawData(t.getRawData().substring(0, rnd.nextInt(t.getRawData().size())));
                else t.setDataType(new int[] {0, 1, 6, 7, 10, 11, 16, 99}[rnd.nextInt(8)]);
            }
            case 2 -> { // the input's shape
                if (g.getInputCount() == 0) return;
                ValueInfoProto.Builder v = g.getInputBuilder(0);
                TensorShapeProto.Builder s = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
                long d = HOSTILE_DIMS[rnd.nextInt(HOSTILE_DIMS.length)];
                if (s.getDimCount() > 0 && rnd.nextBoolean()) s.getDimBuilder(rnd.nextInt(s.getDimCount())).setDimValue(d);
                else s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            case 3 -> { // a node dropped or duplicated
                if (g.getNodeCount() == 0) return;
                int k = rnd.nextInt(g.getNodeCount());
                if (rnd.nextBoolean()) g.removeNode(k);
                else g.addNode(k, g.getNode(k));
            }
            case 4 -> { // a node input renamed or dropped
                if (g.getNodeCount() == 0) return;
                var node = g.getNodeBuilder(rnd.nextInt(g.getNodeCount()));
                if (node.getInputCount() == 0) return;
                int k = rnd.nextInt(node.getInputCount());
                if (rnd.nextBoolean()) node.setInput(k, rnd.nextBoolean() ? "" : "nowhere");
                else node.setInput(k, node.getInput(rnd.nextInt(node.getInputCount())));
            }
            default -> { // an attribute with a hostile integer value
                if (g.getNodeCount() == 0) return;
                var node = g.getNodeBuilder(rnd.nextInt(g.getNodeCount()));
                String[] names = {"transA", "transB", "axis", "alpha", "beta"};
                var a = org.nnmip.nnverify.io.onnx.OnnxProto.AttributeProto.newBuilder()
                        .setName(names[rnd.nextInt(names.length)])
                        .setI(HOSTILE_DIMS[rnd.nextInt(HOSTILE_DIMS.length)]).setF((float) (rnd.nextBoolean() ? Double.NaN : 1e38));
                node.addAttribute(a);
            }
        }
    }
}
