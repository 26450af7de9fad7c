package org.nnmip.nnverify.io;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.nnmip.nnverify.io.onnx.OnnxProto.AttributeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.GraphProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ModelProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.NodeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.OperatorSetIdProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorShapeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TypeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ValueInfoProto;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;

/**
 * Writes affine/ReLU networks as ONNX (IR version 8, opset 13): input {@code input} of shape {@code [1, n]}, one
 * {@code Gemm} (transB = 1, weights {@code [out, in]} as stored) per affine layer and a {@code Relu} between them,
 * output {@code output}. Tensors are doubles in raw little-endian data, so {@link OnnxReader} reads back the same
 * network bit for bit. The bytes depend only on the network.
 */
public final class OnnxWriter {
    static final long IR_VERSION = 8;
    static final long OPSET = 13;
    private static final int DOUBLE = TensorProto.DataType.DOUBLE.getNumber();

    private OnnxWriter() { }

    /** Writes {@code net} atomically: the file is either complete or untouched. */
    public static void write(Network net, Path file) throws IOException {
        AtomicFile.write(file, toModel(net).toByteArray());
    }

    public static ModelProto toModel(Network net) {
        List<AffineLayer> layers = AffineReluChain.of(net, "ONNX");
        GraphProto.Builder g = GraphProto.newBuilder().setName("nnmip");
        g.addInput(valueInfo("input", net.inputSize()));
        String current = "input";
        for (int k = 0; k < layers.size(); k++) {
            AffineLayer a = layers.get(k);
            boolean last = k + 1 == layers.size();
            String w = "W" + k;
            String b = "B" + k;
            g.addInitializer(tensor(w, flatten(a.weights()), a.outputSize(), a.inputSize()));
            g.addInitializer(tensor(b, a.bias(), a.outputSize()));
            String gemmOut = last ? "output" : "gemm" + k;
            g.addNode(NodeProto.newBuilder().setName("gemm" + k).setOpType("Gemm")
                    .addInput(current).addInput(w).addInput(b).addOutput(gemmOut)
                    .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)));
            current = gemmOut;
            if (!last) {
                String reluOut = "relu" + k;
                g.addNode(NodeProto.newBuilder().setName(reluOut).setOpType("Relu").addInput(current).addOutput(reluOut));
                current = reluOut;
            }
        }
        g.addOutput(valueInfo("output", net.outputSize()));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("nnmip")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g).build();
    }

    private static ValueInfoProto valueInfo(String name, int size) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size)).build();
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(DOUBLE).setShape(shape))).build();
    }

    private static TensorProto tensor(String name, double[] data, long... dims) {
        ByteBuffer bb = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) bb.putDouble(v);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DOUBLE).setRawData(ByteString.copyFrom(bb.array()));
        for (long d : dims) t.addDims(d);
        return t.build();
    }

    private static double[] flatten(double[][] rows) {
        int m = rows.length;
        int n = rows[0].length;
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) System.arraycopy(rows[i], 0, d, i * n, n);
        return d;
    }
}
