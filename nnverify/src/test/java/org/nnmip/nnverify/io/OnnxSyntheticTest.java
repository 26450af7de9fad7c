package org.nnmip.nnverify.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnmip.nnverify.io.onnx.OnnxProto.AttributeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.GraphProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ModelProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.NodeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorShapeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TypeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ValueInfoProto;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ResidualAddLayer;

/** ONNX models built here with the generated protobuf classes, checked against independent reference code. */
class OnnxSyntheticTest {
    @TempDir Path dir;
    final Random rnd = new Random(5);

    // ---- model building ----

    static TensorProto floatTensor(String name, int[] dims, double[] v, boolean raw) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
        for (int d : dims) t.addDims(d);
        if (raw) {
            ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double x : v) bb.putFloat((float) x);
            t.setRawData(ByteString.copyFrom(bb.array()));
        } else {
            for (double x : v) t.addFloatData((float) x);
        }
        return t.build();
    }

    static TensorProto doubleTensor(String name, int[] dims, double[] v, boolean raw) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(11);
        for (int d : dims) t.addDims(d);
        if (raw) {
            ByteBuffer bb = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double x : v) bb.putDouble(x);
            t.setRawData(ByteString.copyFrom(bb.array()));
        } else {
            for (double x : v) t.addDoubleData(x);
        }
        return t.build();
    }

    static AttributeProto ints(String name, int... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int x : v) a.addInts(x);
        return a.build();
    }

    static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto floatAttr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static NodeProto node(String op, String name, List<String> in, String out, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out);
        for (AttributeProto a : attrs) n.addAttribute(a);
        return n.build();
    }

    static ValueInfoProto value(String name, int... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch") : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    Path save(String file, ValueInfoProto in, List<NodeProto> nodes, List<TensorProto> inits, String out) throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("g").addInput(in).addAllNode(nodes).addAllInitializer(inits)
                .addOutput(value(out)).build();
        Path p = dir.resolve(file);
        Files.write(p, ModelProto.newBuilder().setIrVersion(7).setGraph(g).build().toByteArray());
        return p;
    }

    double[] randomFloats(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }

    // ---- independent reference computations ----

    static double[] conv(double[] x, int c, int h, int w, double[] wt, int m, int kh, int kw, double[] b, int[] st, int[] pads) {
        int oh = (h + pads[0] + pads[2] - kh) / st[0] + 1;
        int ow = (w + pads[1] + pads[3] - kw) / st[1] + 1;
        double[] y = new double[m * oh * ow];
        for (int o = 0; o < m; o++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = b[o];
                    for (int ci = 0; ci < c; ci++) {
                        for (int p = 0; p < kh; p++) {
                            for (int q = 0; q < kw; q++) {
                                int r = i * st[0] + p - pads[0];
                                int t = j * st[1] + q - pads[1];
                                double xv = r >= 0 && r < h && t >= 0 && t < w ? x[(ci * h + r) * w + t] : 0.0;
                                s += wt[((o * c + ci) * kh + p) * kw + q] * xv;
                            }
                        }
                    }
                    y[(o * oh + i) * ow + j] = s;
                }
            }
        }
        return y;
    }

    static double[] maxPool2x2(double[] x, int c, int h, int w) {
        double[] y = new double[c * (h / 2) * (w / 2)];
        for (int ci = 0; ci < c; ci++) {
            for (int i = 0; i < h / 2; i++) {
                for (int j = 0; j < w / 2; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int p = 0; p < 2; p++) for (int q = 0; q < 2; q++) m = Math.max(m, x[(ci * h + 2 * i + p) * w + 2 * j + q]);
                    y[(ci * (h / 2) + i) * (w / 2) + j] = m;
                }
            }
        }
        return y;
    }

    static double[] relu(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) y[i] = Math.max(0, y[i]);
        return y;
    }

    // ---- tests ----

    @Test
    void convReluMaxPoolFlattenGemm() throws Exception {
        int c = 2, h = 5, w = 5, m = 3;
        double[] wt = randomFloats(m * c * 9);
        double[] b = randomFloats(m);
        // Conv 3x3, stride 1, pads 1 -> 3x5x5 ... then a strided, asymmetrically padded second conv -> 3x?x?
        double[] wt2 = randomFloats(m * m * 4);
        double[] b2 = randomFloats(m);
        int[] st2 = {2, 1};
        int[] pads2 = {1, 0, 0, 1};
        int oh2 = (5 + 1 + 0 - 2) / 2 + 1; // 3
        int ow2 = (5 + 0 + 1 - 2) / 1 + 1; // 5
        // MaxPool 2x2 stride 2 on 3x3x5 -> 3x1x2, flatten -> 6, Gemm with transB, alpha, beta.
        double[] gB = randomFloats(4 * 6);
        double[] gC = randomFloats(4);
        List<NodeProto> nodes = List.of(
                node("Conv", "conv1", List.of("x", "W1", "B1"), "c1", ints("kernel_shape", 3, 3), ints("strides", 1, 1), ints("pads", 1, 1, 1, 1)),
                node("Relu", "relu1", List.of("c1"), "r1"),
                node("Conv", "conv2", List.of("r1", "W2", "B2"), "c2", ints("strides", st2), ints("pads", pads2)),
                node("MaxPool", "pool", List.of("c2"), "p", ints("kernel_shape", 2, 2), ints("strides", 2, 2)),
                node("Flatten", "flat", List.of("p"), "f"),
                node("Gemm", "fc", List.of("f", "G", "C"), "y", intAttr("transB", 1), floatAttr("alpha", 0.5f), floatAttr("beta", 2f)));
        List<TensorProto> inits = List.of(
                floatTensor("W1", new int[] {m, c, 3, 3}, wt, true), floatTensor("B1", new int[] {m}, b, false),
                floatTensor("W2", new int[] {m, m, 2, 2}, wt2, false), floatTensor("B2", new int[] {m}, b2, true),
                floatTensor("G", new int[] {4, 6}, gB, true), floatTensor("C", new int[] {4}, gC, true));
        Network net = OnnxReader.read(save("cnn.onnx", value("x", -1, c, h, w), nodes, inits, "y"));
        assertEquals(c * h * w, net.inputSize());
        assertEquals(4, net.outputSize());
        assertTrue(net.layers().stream().anyMatch(l -> l instanceof MaxPoolLayer));
        for (int s = 0; s < 20; s++) {
            double[] x = randomFloats(c * h * w);
            double[] a = relu(conv(x, c, h, w, wt, m, 3, 3, b, new int[] {1, 1}, new int[] {1, 1, 1, 1}));
            double[] a2 = conv(a, m, 5, 5, wt2, m, 2, 2, b2, st2, pads2);
            assertEquals(m * oh2 * ow2, a2.length);
            double[] p = maxPool2x2(a2, m, oh2, ow2);
            double[] y = new double[4];
            for (int i = 0; i < 4; i++) {
                double t = 0;
                for (int k = 0; k < 6; k++) t += gB[i * 6 + k] * p[k];
                y[i] = 0.5 * t + 2 * gC[i];
            }
            assertArrayEquals(y, net.apply(x), 1e-9);
        }
    }

    @Test
    void atanBecomesArctanLayer() throws Exception {
        double[] w1 = randomFloats(3 * 4);
        double[] w2 = randomFloats(4 * 2);
        List<NodeProto> nodes = List.of(
                node("MatMul", "l1", List.of("x", "W1"), "h"),
                node("Atan", "t", List.of("h"), "a"),
                node("MatMul", "l2", List.of("a", "W2"), "y"));
        List<TensorProto> inits = List.of(floatTensor("W1", new int[] {3, 4}, w1, true), floatTensor("W2", new int[] {4, 2}, w2, false));
        Network net = OnnxReader.read(save("atan.onnx", value("x", 1, 3), nodes, inits, "y"));
        assertTrue(net.layers().stream().anyMatch(l -> l instanceof org.nnmip.nnverify.net.ArctanLayer), net.toString());
        double[] x = {0.4, -1.3, 2.1};
        double[] a = new double[4];
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 3; i++) a[j] += x[i] * w1[i * 4 + j];
            a[j] = Math.atan(a[j]);
        }
        double[] y = new double[2];
        for (int j = 0; j < 2; j++) for (int i = 0; i < 4; i++) y[j] += a[i] * w2[i * 2 + j];
        assertArrayEquals(y, net.apply(x), 1e-12);
    }

    @Test
    void normalisationAndAffineOpsFoldIntoOneLayer() throws Exception {
        double[] mean = {0.5, -1, 2};
        double[] std = {2, 4, 0.5};
        double[] wm = randomFloats(3 * 2);
        double[] bias = randomFloats(2);
        List<NodeProto> nodes = List.of(
                node("Sub", "norm_sub", List.of("x", "mean"), "s"),
                node("Div", "norm_div", List.of("s", "std"), "d"),
                node("Identity", "id", List.of("d"), "d2"),
                node("MatMul", "mm", List.of("d2", "W"), "z"),
                node("Add", "bias", List.of("bias", "z"), "y"));
        List<TensorProto> inits = List.of(doubleTensor("mean", new int[] {1, 3}, mean, true), doubleTensor("std", new int[] {3}, std, false),
                floatTensor("W", new int[] {3, 2}, wm, false), floatTensor("bias", new int[] {2}, bias, true));
        Network net = OnnxReader.read(save("fold.onnx", value("x", 1, 3), nodes, inits, "y"));
        assertEquals(1, net.layerCount(), "Sub, Div, MatMul and Add fold into one affine layer: " + net);
        assertTrue(net.layer(0) instanceof AffineLayer);
        double[] x = {0.3, -0.7, 1.9};
        double[] expected = new double[2];
        for (int j = 0; j < 2; j++) {
            expected[j] = bias[j];
            for (int i = 0; i < 3; i++) expected[j] += (x[i] - mean[i]) / std[i] * wm[i * 2 + j];
        }
        assertArrayEquals(expected, net.apply(x), 1e-12);
    }

    @Test
    void residualAddBecomesSkipConnection() throws Exception {
        double[] w1 = randomFloats(4 * 3);
        double[] w2 = randomFloats(4 * 4);
        double[] b2 = randomFloats(4);
        // Constant node for the second bias and a Reshape whose target shape is an int64 Constant.
        TensorProto shape = TensorProto.newBuilder().setName("shp").setDataType(7).addDims(2).addInt64Data(1).addInt64Data(-1).build();
        List<NodeProto> nodes = List.of(
                node("MatMul", "l1", List.of("x", "W1"), "h"),
                node("Relu", "r1", List.of("h"), "a"),
                node("MatMul", "l2", List.of("a", "W2"), "g"),
                node("Constant", "cb", List.of(), "B2", AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(floatTensor("", new int[] {4}, b2, false)).build()),
                node("Add", "l2b", List.of("g", "B2"), "g2"),
                node("Add", "skip", List.of("a", "g2"), "s"),
                node("Constant", "shape", List.of(), "shp", AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(shape).build()),
                node("Reshape", "resh", List.of("s", "shp"), "s2"),
                node("Relu", "r2", List.of("s2"), "y"));
        List<TensorProto> inits = List.of(floatTensor("W1", new int[] {3, 4}, w1, true), floatTensor("W2", new int[] {4, 4}, w2, true));
        Network net = OnnxReader.read(save("res.onnx", value("x", 1, 3), nodes, inits, "y"));
        assertTrue(net.layers().stream().anyMatch(l -> l instanceof ResidualAddLayer), net.toString());
        double[] x = {0.2, -0.4, 1.1};
        double[] a = new double[4];
        for (int j = 0; j < 4; j++) { for (int i = 0; i < 3; i++) a[j] += x[i] * w1[i * 4 + j]; }
        a = relu(a);
        double[] s = new double[4];
        for (int j = 0; j < 4; j++) { s[j] = b2[j] + a[j]; for (int i = 0; i < 4; i++) s[j] += a[i] * w2[i * 4 + j]; }
        assertArrayEquals(relu(s), net.apply(x), 1e-12);
    }

    private String error(List<NodeProto> nodes, List<TensorProto> inits, ValueInfoProto in, String out) throws Exception {
        Path p = save("m.onnx", in, nodes, inits, out);
        return assertThrows(NetworkFormatException.class, () -> OnnxReader.read(p)).getMessage();
    }

    @Test
    void errorsNameFileNodeAndOp() throws Exception {
        List<TensorProto> w = List.of(floatTensor("W", new int[] {2, 2}, new double[] {1, 2, 3, 4}, true));
        assertEquals("m.onnx: node act (Sigmoid): unsupported operator (supported: Gemm, MatMul, Add, Sub, Mul, Div, Relu, Atan, "
                        + "Flatten, Reshape, Identity, Constant, Conv, MaxPool, BatchNormalization)",
                error(List.of(node("MatMul", "mm", List.of("x", "W"), "h"), node("Sigmoid", "act", List.of("h"), "y")), w, value("x", 1, 2), "y"));
        assertEquals("m.onnx: node mm (MatMul): input V is not defined before this node",
                error(List.of(node("MatMul", "mm", List.of("x", "V"), "y")), w, value("x", 1, 2), "y"));
        assertEquals("m.onnx: node sq (MatMul): a product of two input-dependent values is not linear",
                error(List.of(node("MatMul", "sq", List.of("x", "x"), "y")), w, value("x", 2, 2), "y"));
        assertTrue(error(List.of(node("MatMul", "mm", List.of("x", "W"), "y")), w, value("x", 1, 3), "y")
                .startsWith("m.onnx: node mm (MatMul): A has last dimension 3 but B has 2 rows"));
        List<TensorProto> cw = List.of(floatTensor("K", new int[] {2, 1, 1, 1}, new double[] {1, 2}, true));
        assertEquals("m.onnx: node cv (Conv): only group = 1 is supported",
                error(List.of(node("Conv", "cv", List.of("x", "K"), "y", intAttr("group", 2))), cw, value("x", 1, 2, 2, 2), "y"));
        List<TensorProto> bad = List.of(floatTensor("W", new int[] {2, 3}, new double[] {1, 2, 3, 4}, true));
        assertTrue(error(List.of(node("MatMul", "mm", List.of("x", "W"), "y")), bad, value("x", 1, 2), "y")
                .startsWith("m.onnx: initializer W: tensor W data does not match its shape"));
        // Unnamed nodes are named by their first output.
        assertTrue(error(List.of(node("Tanh", "", List.of("x"), "t0")), w, value("x", 1, 2), "t0").startsWith("m.onnx: node t0 (Tanh): unsupported operator"));
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02});
        assertTrue(assertThrows(NetworkFormatException.class, () -> OnnxReader.read(garbage)).getMessage().startsWith("garbage.onnx: not a valid ONNX protobuf"));
    }

    @Test
    void batchNormalisationIsAPerChannelAffineMap() throws Exception {
        double[] scale = {2, 0.5};
        double[] bias = {1, -1};
        double[] mean = {0.5, 3};
        double[] var = {4, 0.25};
        List<NodeProto> nodes = List.of(node("BatchNormalization", "bn", List.of("x", "s", "b", "m", "v"), "y", floatAttr("epsilon", 0f)));
        List<TensorProto> inits = List.of(floatTensor("s", new int[] {2}, scale, true), floatTensor("b", new int[] {2}, bias, true),
                floatTensor("m", new int[] {2}, mean, true), floatTensor("v", new int[] {2}, var, true));
        Network net = OnnxReader.read(save("bn.onnx", value("x", 1, 2, 1, 3), nodes, inits, "y"));
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = net.apply(x);
        for (int f = 0; f < 6; f++) {
            int c = f / 3;
            assertEquals(scale[c] * (x[f] - mean[c]) / Math.sqrt(var[c]) + bias[c], y[f], 1e-12);
        }
    }
}
