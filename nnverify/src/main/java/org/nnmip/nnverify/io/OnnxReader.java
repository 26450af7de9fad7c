package org.nnmip.nnverify.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nnmip.nnverify.io.onnx.OnnxProto.AttributeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.GraphProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ModelProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.NodeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.TensorShapeProto;
import org.nnmip.nnverify.io.onnx.OnnxProto.ValueInfoProto;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Converts an ONNX model (one input, one output, batch size 1) into a {@link Network}. Supported ops: Gemm,
 * MatMul, Add, Sub, Mul, Div, Relu, Atan, Flatten, Reshape, Identity, Constant, BatchNormalization (inference), Conv (2-D, group 1, dilation 1; unrolled
 * into a sparse affine layer) and MaxPool (2-D, into index groups). Affine ops on the running value are folded
 * into one affine layer until a non-linear op needs the value; an Add of two running values becomes a residual
 * add when one of them is an earlier layer output. Tensors are float or double, as raw little-endian data or the
 * typed fields. Errors read {@code FILE: node NAME (Op): ...}.
 */
public final class OnnxReader {

    /** A constant tensor (initializer or Constant node); values as doubles, row-major. */
    private record Const(int[] shape, double[] data) {
        int size() { return data.length; }
    }

    /**
     * A value depending on the network input: the output of layer {@code base} (-1 = input) followed by the
     * not-yet-materialised affine map {@code pending} (null = identity), with tensor shape {@code shape}.
     */
    private record Sym(int base, AffineLayer pending, int[] shape) {
        int size() { return product(shape); }
    }

    /** The largest tensor (and unrolled operator) accepted; larger claims are refused before anything is allocated. */
    static final int MAX_VALUES = 100_000_000;

    private final Path file;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Const> consts = new HashMap<>();
    private final Map<String, Sym> syms = new HashMap<>();
    private int inputSize;
    private String where = "";

    private OnnxReader(Path file) {
        this.file = file;
    }

    public static Network read(Path file) throws IOException, NetworkFormatException {
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw NetworkFormatException.inFile(file, "not a valid ONNX protobuf: " + e.getMessage());
        }
        OnnxReader reader = new OnnxReader(file);
        try {
            return reader.convert(model);
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // Shapes and attributes that contradict each other surface here; report them at the node being read.
            throw reader.error("inconsistent shapes or attributes (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private NetworkFormatException error(String what) {
        return NetworkFormatException.inFile(file, where + what);
    }

    private Network convert(ModelProto model) throws NetworkFormatException {
        if (!model.hasGraph()) throw error("model has no graph");
        GraphProto g = model.getGraph();
        for (TensorProto t : g.getInitializerList()) {
            where = "initializer " + t.getName() + ": ";
            consts.put(t.getName(), tensor(t));
        }
        where = "";
        List<ValueInfoProto> inputs = g.getInputList().stream().filter(v -> !consts.containsKey(v.getName())).toList();
        if (inputs.size() != 1) throw error("expected exactly one graph input (besides initializers), found " + inputs.size());
        ValueInfoProto in = inputs.getFirst();
        int[] inShape = shapeOf(in);
        inputSize = product(inShape);
        syms.put(in.getName(), new Sym(-1, null, inShape));
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto node = g.getNode(i);
            String name = !node.getName().isEmpty() ? node.getName() : node.getOutputCount() > 0 ? node.getOutput(0) : "#" + i;
            where = "node " + name + " (" + node.getOpType() + "): ";
            try {
                convertNode(node);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw error(e.getMessage());
            }
        }
        where = "";
        if (g.getOutputCount() != 1) throw error("expected exactly one graph output, found " + g.getOutputCount());
        String outName = g.getOutput(0).getName();
        Sym out = syms.get(outName);
        if (out == null) throw error("graph output " + outName + " is not computed from the input");
        where = "graph output " + outName + ": ";
        int head = materialize(out);
        if (head != layers.size() - 1 || layers.isEmpty()) {
            if (layers.isEmpty() && head == -1) {
                layers.add(org.nnmip.nnverify.net.ReshapeLayer.flatten(inputSize));
            } else {
                throw error("the output is not the last computed layer");
            }
        }
        try {
            return new Network(inputSize, layers);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private int[] shapeOf(ValueInfoProto v) throws NetworkFormatException {
        if (!v.hasType() || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            throw error("input " + v.getName() + " has no tensor shape");
        }
        TensorShapeProto s = v.getType().getTensorType().getShape();
        int[] shape = new int[s.getDimCount()];
        for (int i = 0; i < shape.length; i++) {
            TensorShapeProto.Dimension d = s.getDim(i);
            // A symbolic or unknown dimension is the batch dimension: we verify one input at a time.
            long dim = d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : 1;
            if (dim > MAX_VALUES) throw error("input " + v.getName() + " dimension " + i + " is " + dim + ", more than " + MAX_VALUES);
            shape[i] = (int) dim;
        }
        if (shape.length == 0) shape = new int[] {1};
        checkedSize(shape, "input " + v.getName());
        return shape;
    }

    private Const tensor(TensorProto t) throws NetworkFormatException {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) throw error("external tensor data is not supported");
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long dim = t.getDims(i);
            if (dim < 0 || dim > MAX_VALUES) throw error("tensor " + t.getName() + " has dimension " + i + " = " + dim);
            shape[i] = (int) dim;
        }
        int n = checkedSize(shape, "tensor " + t.getName());
        ByteString raw = t.getRawData();
        boolean hasRaw = !raw.isEmpty();
        // Check the stored data against the declared shape before allocating: a lying header must not cost memory.
        long stored = switch (t.getDataType()) {
            case 1 -> hasRaw ? raw.size() / 4 : t.getFloatDataCount();
            case 11 -> hasRaw ? raw.size() / 8 : t.getDoubleDataCount();
            case 7 -> hasRaw ? raw.size() / 8 : t.getInt64DataCount();
            case 6 -> hasRaw ? raw.size() / 4 : t.getInt32DataCount();
            default -> n;
        };
        if (stored != n) check(false, t, n);
        double[] d = new double[n];
        ByteBuffer bb = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (t.getDataType()) {
            case 1 -> { // FLOAT
                check(hasRaw ? raw.size() == 4L * n : t.getFloatDataCount() == n, t, n);
                for (int i = 0; i < n; i++) d[i] = hasRaw ? bb.getFloat() : t.getFloatData(i);
            }
            case 11 -> { // DOUBLE
                check(hasRaw ? raw.size() == 8L * n : t.getDoubleDataCount() == n, t, n);
                for (int i = 0; i < n; i++) d[i] = hasRaw ? bb.getDouble() : t.getDoubleData(i);
            }
            case 7 -> { // INT64
                check(hasRaw ? raw.size() == 8L * n : t.getInt64DataCount() == n, t, n);
                for (int i = 0; i < n; i++) d[i] = hasRaw ? bb.getLong() : t.getInt64Data(i);
            }
            case 6 -> { // INT32
                check(hasRaw ? raw.size() == 4L * n : t.getInt32DataCount() == n, t, n);
                for (int i = 0; i < n; i++) d[i] = hasRaw ? bb.getInt() : t.getInt32Data(i);
            }
            default -> throw error("tensor " + t.getName() + " has unsupported data type " + t.getDataType()
                    + " (expected float, double, int32 or int64)");
        }
        return new Const(shape, d);
    }

    private void check(boolean ok, TensorProto t, int n) throws NetworkFormatException {
        if (!ok) throw error("tensor " + t.getName() + " data does not match its shape " + Arrays.toString(t.getDimsList().toArray()) + " (" + n + " values)");
    }

    private void convertNode(NodeProto node) throws NetworkFormatException {
        String op = node.getOpType();
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) throw error("unsupported operator domain " + node.getDomain());
        if (node.getOutputCount() < 1) throw error("node has no output");
        String out = node.getOutput(0);
        switch (op) {
            case "Constant" -> consts.put(out, constantNode(node));
            case "Identity" -> alias(node, out, input(node, 0, "data"));
            case "Flatten" -> {
                Object x = input(node, 0, "input");
                int[] s = shapeOf(x);
                int axis = (int) intAttr(node, "axis", 1);
                if (axis < 0) axis += s.length;
                if (axis < 0 || axis > s.length) throw error("axis " + axis + " out of range for shape " + Arrays.toString(s));
                int a = product(Arrays.copyOfRange(s, 0, axis));
                reshaped(out, x, new int[] {a, product(s) / a});
            }
            case "Reshape" -> {
                Object x = input(node, 0, "data");
                Const shapeConst = constInput(node, 1, "shape");
                reshaped(out, x, reshapeTarget(shapeOf(x), shapeConst.data()));
            }
            case "Relu" -> {
                Sym x = symInput(node, 0, "X");
                materialize(x);
                layers.add(new ReluLayer(x.size()));
                syms.put(out, new Sym(layers.size() - 1, null, x.shape()));
            }
            case "Atan" -> {
                Sym x = symInput(node, 0, "input");
                materialize(x);
                layers.add(new ArctanLayer(x.size()));
                syms.put(out, new Sym(layers.size() - 1, null, x.shape()));
            }
            case "Gemm" -> gemm(node, out);
            case "MatMul" -> matMul(node, out);
            case "Add", "Sub", "Mul", "Div" -> elementwise(node, op, out);
            case "Conv" -> conv(node, out);
            case "MaxPool" -> maxPool(node, out);
            case "BatchNormalization" -> batchNorm(node, out);
            default -> throw error("unsupported operator (supported: Gemm, MatMul, Add, Sub, Mul, Div, Relu, Atan, Flatten, "
                    + "Reshape, Identity, Constant, Conv, MaxPool, BatchNormalization)");
        }
    }

    // ---- inputs ----

    private Object input(NodeProto node, int i, String what) throws NetworkFormatException {
        if (node.getInputCount() <= i || node.getInput(i).isEmpty()) throw error("missing input " + i + " (" + what + ")");
        String name = node.getInput(i);
        Sym s = syms.get(name);
        if (s != null) return s;
        Const c = consts.get(name);
        if (c != null) return c;
        throw error("input " + name + " is not defined before this node");
    }

    private Sym symInput(NodeProto node, int i, String what) throws NetworkFormatException {
        if (input(node, i, what) instanceof Sym s) return s;
        throw error("input " + i + " (" + what + ") must depend on the network input; constant folding of this op is not supported");
    }

    private Const constInput(NodeProto node, int i, String what) throws NetworkFormatException {
        if (input(node, i, what) instanceof Const c) return c;
        throw error("input " + i + " (" + what + ") must be a constant (initializer or Constant node)");
    }

    private static int[] shapeOf(Object v) {
        return v instanceof Sym s ? s.shape() : ((Const) v).shape();
    }

    private void alias(NodeProto node, String out, Object x) {
        if (x instanceof Sym s) syms.put(out, s);
        else consts.put(out, (Const) x);
    }

    private void reshaped(String out, Object x, int[] shape) {
        if (x instanceof Sym s) syms.put(out, new Sym(s.base(), s.pending(), shape));
        else consts.put(out, new Const(shape, ((Const) x).data()));
    }

    private int[] reshapeTarget(int[] from, double[] spec) throws NetworkFormatException {
        int[] shape = new int[spec.length];
        int infer = -1;
        int known = 1;
        for (int i = 0; i < spec.length; i++) {
            long v = (long) spec[i];
            if (v == 0) {
                if (i >= from.length) throw error("shape entry 0 at position " + i + " has no source dimension");
                shape[i] = from[i];
            } else if (v == -1) {
                if (infer >= 0) throw error("more than one -1 in the target shape");
                infer = i;
                continue;
            } else if (v < 0) {
                throw error("invalid target shape entry " + v);
            } else {
                shape[i] = Math.toIntExact(v);
            }
            known *= shape[i];
        }
        int total = product(from);
        if (infer >= 0) {
            if (known == 0 || total % known != 0) throw error("cannot infer -1 in target shape " + Arrays.toString(spec));
            shape[infer] = total / known;
        }
        if (product(shape) != total) {
            throw error("cannot reshape " + Arrays.toString(from) + " (" + total + " values) to " + Arrays.toString(shape));
        }
        return shape;
    }

    // ---- attributes ----

    private static AttributeProto attr(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(name)) return a;
        return null;
    }

    private static long intAttr(NodeProto node, String name, long dflt) {
        AttributeProto a = attr(node, name);
        return a == null ? dflt : a.getI();
    }

    private static double floatAttr(NodeProto node, String name, double dflt) {
        AttributeProto a = attr(node, name);
        return a == null ? dflt : a.getF();
    }

    private static int[] intsAttr(NodeProto node, String name, int[] dflt) {
        AttributeProto a = attr(node, name);
        if (a == null) return dflt;
        return a.getIntsList().stream().mapToInt(Math::toIntExact).toArray();
    }

    private Const constantNode(NodeProto node) throws NetworkFormatException {
        AttributeProto a;
        if ((a = attr(node, "value")) != null) return tensor(a.getT());
        if ((a = attr(node, "value_float")) != null) return new Const(new int[0], new double[] {a.getF()});
        if ((a = attr(node, "value_int")) != null) return new Const(new int[0], new double[] {a.getI()});
        if ((a = attr(node, "value_floats")) != null) {
            return new Const(new int[] {a.getFloatsCount()}, a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray());
        }
        if ((a = attr(node, "value_ints")) != null) {
            return new Const(new int[] {a.getIntsCount()}, a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray());
        }
        throw error("expected a value, value_float(s) or value_int(s) attribute");
    }

    // ---- network building ----

    /** Appends {@code s}'s pending map (if any) to the chain; returns the layer index holding {@code s}'s value. */
    private int materialize(Sym s) throws NetworkFormatException {
        if (s.pending() == null) return s.base();
        int head = layers.size() - 1;
        if (s.base() != head) {
            throw error("the graph branches: this value is computed from the output of layer " + s.base()
                    + " but the most recent layer is " + head + " (only chains and residual adds are supported)");
        }
        layers.add(s.pending());
        return layers.size() - 1;
    }

    /** The value {@code map(s)}, folding {@code map} into {@code s}'s pending map when that stays cheap. */
    private Sym applyAffine(Sym s, AffineLayer map, int[] shape) throws NetworkFormatException {
        if (s.pending() == null) return new Sym(s.base(), map, shape);
        AffineLayer p = s.pending();
        boolean diagonal = p.nonZeros() <= p.outputSize() || map.nonZeros() <= map.outputSize();
        if (diagonal || (p.isDense() && map.isDense())) return new Sym(s.base(), map.after(p), shape);
        int at = materialize(s);
        return new Sym(at, map, shape);
    }

    private void gemm(NodeProto node, String out) throws NetworkFormatException {
        Sym a = symInput(node, 0, "A");
        Const b = constInput(node, 1, "B");
        double alpha = floatAttr(node, "alpha", 1.0);
        double beta = floatAttr(node, "beta", 1.0);
        boolean transA = intAttr(node, "transA", 0) != 0;
        boolean transB = intAttr(node, "transB", 0) != 0;
        if (b.shape().length != 2) throw error("B must be a matrix, shape " + Arrays.toString(b.shape()));
        int[] as = a.shape();
        if (as.length != 2) throw error("A must be a matrix, shape " + Arrays.toString(as));
        int rows = transA ? as[1] : as[0];
        int k = transA ? as[0] : as[1];
        if (transA && rows != 1 && k != 1) throw error("transA is supported only for a vector A");
        int bk = transB ? b.shape()[1] : b.shape()[0];
        int m = transB ? b.shape()[0] : b.shape()[1];
        if (bk != k) throw error("A has inner dimension " + k + " but B has " + bk);
        // Gemm computes A' B' with A' = A (rows x k); output (rows x m): out[r, j] = alpha sum_t A'[r,t] B'[t,j] + beta C.
        double[][] w = new double[m][k];
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < m; j++) w[j][t] = alpha * (transB ? b.data()[j * k + t] : b.data()[t * m + j]);
        }
        double[] c = new double[rows * m];
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            Const cc = constInput(node, 2, "C");
            double[] bc = broadcast(cc, new int[] {rows, m});
            for (int i = 0; i < c.length; i++) c[i] = beta * bc[i];
        }
        syms.put(out, applyAffine(a, rowBlockMatMul(w, rows, k, c), new int[] {rows, m}));
    }

    /**
     * The affine map {@code x (rows x k, row-major) -> x W^T + c} where {@code w} is {@code m x k}; for a vector
     * A the row-major order of A and A^T coincide, so transA needs no permutation.
     */
    private static AffineLayer rowBlockMatMul(double[][] w, int rows, int k, double[] c) {
        int m = w.length;
        if (rows == 1) return AffineLayer.dense(w, c);
        if ((long) rows * m * k > MAX_VALUES) throw new IllegalArgumentException("the unrolled product has more than " + MAX_VALUES + " weights");
        int[] rs = new int[rows * m + 1];
        int[] col = new int[rows * m * k];
        double[] val = new double[rows * m * k];
        int nnz = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < m; j++) {
                for (int t = 0; t < k; t++) {
                    col[nnz] = r * k + t;
                    val[nnz++] = w[j][t];
                }
                rs[r * m + j + 1] = nnz;
            }
        }
        return AffineLayer.sparse(rows * k, rs, col, val, c);
    }

    private void matMul(NodeProto node, String out) throws NetworkFormatException {
        Object x = input(node, 0, "A");
        Object y = input(node, 1, "B");
        if (x instanceof Sym s && y instanceof Const w) {
            int[] ws = w.shape();
            if (ws.length != 2 && ws.length != 1) throw error("B must be a matrix or vector, shape " + Arrays.toString(ws));
            int k = ws[0];
            int m = ws.length == 2 ? ws[1] : 1;
            int[] ss = s.shape();
            if (ss[ss.length - 1] != k) throw error("A has last dimension " + ss[ss.length - 1] + " but B has " + k + " rows");
            int rows = s.size() / k;
            double[][] wt = new double[m][k];
            for (int t = 0; t < k; t++) for (int j = 0; j < m; j++) wt[j][t] = w.data()[t * m + j];
            int[] shape = Arrays.copyOf(ss, ws.length == 2 ? ss.length : ss.length - 1);
            if (ws.length == 2) shape[ss.length - 1] = m;
            if (shape.length == 0) shape = new int[] {1};
            syms.put(out, applyAffine(s, rowBlockMatMul(wt, rows, k, new double[rows * m]), shape));
        } else if (x instanceof Const w && y instanceof Sym s) {
            int[] ws = w.shape();
            int[] ss = s.shape();
            if (ws.length != 2 || ss.length > 2) throw error("constant x value MatMul needs a matrix times a vector or matrix");
            int m = ws[0];
            int k = ws[1];
            if (ss[0] != k) throw error("A has " + k + " columns but B has first dimension " + ss[0]);
            int cols = ss.length == 2 ? ss[1] : 1;
            if ((long) m * cols * k > MAX_VALUES) throw error("the unrolled product has more than " + MAX_VALUES + " weights");
            // out[i, j] = sum_t W[i, t] x[t, j]
            int[] rs = new int[m * cols + 1];
            int[] col = new int[m * cols * k];
            double[] val = new double[m * cols * k];
            int nnz = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < cols; j++) {
                    for (int t = 0; t < k; t++) {
                        col[nnz] = t * cols + j;
                        val[nnz++] = w.data()[i * k + t];
                    }
                    rs[i * cols + j + 1] = nnz;
                }
            }
            AffineLayer map = cols == 1 ? AffineLayer.dense(toRows(w.data(), m, k), new double[m])
                    : AffineLayer.sparse(k * cols, rs, col, val, new double[m * cols]);
            syms.put(out, applyAffine(s, map, ss.length == 2 ? new int[] {m, cols} : new int[] {m}));
        } else if (x instanceof Const && y instanceof Const) {
            throw error("constant folding of MatMul is not supported");
        } else {
            throw error("a product of two input-dependent values is not linear");
        }
    }

    private static double[][] toRows(double[] d, int m, int k) {
        double[][] r = new double[m][];
        for (int i = 0; i < m; i++) r[i] = Arrays.copyOfRange(d, i * k, (i + 1) * k);
        return r;
    }

    private void elementwise(NodeProto node, String op, String out) throws NetworkFormatException {
        Object a = input(node, 0, "A");
        Object b = input(node, 1, "B");
        if (a instanceof Const ca && b instanceof Const cb) {
            int[] shape = broadcastShape(ca.shape(), cb.shape());
            double[] x = broadcast(ca, shape);
            double[] y = broadcast(cb, shape);
            double[] z = new double[x.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = switch (op) {
                    case "Add" -> x[i] + y[i];
                    case "Sub" -> x[i] - y[i];
                    case "Mul" -> x[i] * y[i];
                    default -> x[i] / y[i];
                };
            }
            consts.put(out, new Const(shape, z));
            return;
        }
        if (a instanceof Sym sa && b instanceof Sym sb) {
            if (!op.equals("Add") && !op.equals("Sub")) throw error("a product or quotient of two input-dependent values is not linear");
            if (op.equals("Sub")) throw error("the difference of two input-dependent values is not supported (only residual Add)");
            residualAdd(sa, sb, out);
            return;
        }
        boolean symFirst = a instanceof Sym;
        Sym s = symFirst ? (Sym) a : (Sym) b;
        Const c = symFirst ? (Const) b : (Const) a;
        int[] shape = broadcastShape(s.shape(), c.shape());
        if (product(shape) != s.size()) {
            throw error("broadcasting the running value " + Arrays.toString(s.shape()) + " to " + Arrays.toString(shape) + " is not supported");
        }
        double[] cv = broadcast(c, shape);
        int n = s.size();
        double[] scale = new double[n];
        double[] shift = new double[n];
        for (int i = 0; i < n; i++) {
            switch (op) {
                case "Add" -> { scale[i] = 1; shift[i] = cv[i]; }
                case "Sub" -> { scale[i] = symFirst ? 1 : -1; shift[i] = symFirst ? -cv[i] : cv[i]; }
                case "Mul" -> scale[i] = cv[i];
                default -> {
                    if (!symFirst) throw error("dividing by an input-dependent value is not linear");
                    if (cv[i] == 0) throw error("division by zero");
                    scale[i] = 1.0 / cv[i];
                }
            }
        }
        syms.put(out, applyAffine(s, AffineLayer.diagonal(scale, shift), shape));
    }

    private void residualAdd(Sym a, Sym b, String out) throws NetworkFormatException {
        if (a.size() != b.size()) throw error("operands have sizes " + a.size() + " and " + b.size());
        // The chain continues from the operand that still has a pending map (or the later one); the other
        // must already be a layer output that a skip connection can reference.
        Sym cont = a;
        Sym skip = b;
        if (a.pending() == null && (b.pending() != null || b.base() > a.base())) {
            cont = b;
            skip = a;
        }
        if (skip.pending() != null) throw error("both operands of the add carry affine maps; only residual adds of a layer output are supported");
        int at = materialize(cont);
        if (at != layers.size() - 1) throw error("the add does not continue the most recent layer");
        layers.add(new ResidualAddLayer(cont.size(), skip.base()));
        syms.put(out, new Sym(layers.size() - 1, null, broadcastShape(a.shape(), b.shape())));
    }

    private void conv(NodeProto node, String out) throws NetworkFormatException {
        Sym x = symInput(node, 0, "X");
        Const w = constInput(node, 1, "W");
        Const bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty() ? constInput(node, 2, "B") : null;
        int[] xs = x.shape();
        boolean batch = xs.length == 4;
        if (!(xs.length == 4 && xs[0] == 1) && xs.length != 3) throw error("expected input shape [1,C,H,W] or [C,H,W], got " + Arrays.toString(xs));
        int c = xs[xs.length - 3];
        int h = xs[xs.length - 2];
        int wd = xs[xs.length - 1];
        int[] ws = w.shape();
        if (ws.length != 4) throw error("expected a 4-D weight [M,C,kH,kW], got " + Arrays.toString(ws));
        if (intAttr(node, "group", 1) != 1) throw error("only group = 1 is supported");
        for (int d : intsAttr(node, "dilations", new int[] {1, 1})) if (d != 1) throw error("only dilations = 1 are supported");
        AttributeProto autoPad = attr(node, "auto_pad");
        String ap = autoPad == null ? "NOTSET" : autoPad.getS().toStringUtf8();
        if (!ap.equals("NOTSET") && !ap.equals("VALID")) throw error("auto_pad " + ap + " is not supported");
        int m = ws[0];
        if (ws[1] != c) throw error("weight has " + ws[1] + " input channels, input has " + c);
        int kh = ws[2];
        int kw = ws[3];
        int[] strides = intsAttr(node, "strides", new int[] {1, 1});
        int[] pads = intsAttr(node, "pads", new int[] {0, 0, 0, 0});
        if (strides.length != 2 || pads.length != 4) throw error("expected 2 strides and 4 pads");
        int oh = (h + pads[0] + pads[2] - kh) / strides[0] + 1;
        int ow = (wd + pads[1] + pads[3] - kw) / strides[1] + 1;
        if (oh <= 0 || ow <= 0) throw error("kernel larger than the padded input");
        if (bias != null && bias.size() != m) throw error("bias has " + bias.size() + " entries, expected " + m);
        long rowsL = (long) m * oh * ow;
        long capL = rowsL * c * kh * kw;
        if (rowsL > MAX_VALUES || capL > MAX_VALUES) throw error("the unrolled convolution has " + capL + " weights, more than " + MAX_VALUES);
        int rows = (int) rowsL;
        int[] rs = new int[rows + 1];
        int cap = (int) capL;
        int[] col = new int[cap];
        double[] val = new double[cap];
        double[] b = new double[rows];
        int nnz = 0;
        int row = 0;
        for (int o = 0; o < m; o++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    // Column order c, ih, iw is increasing in the flat index, as CSR rows require.
                    for (int ci = 0; ci < c; ci++) {
                        for (int i = 0; i < kh; i++) {
                            int ih = y * strides[0] - pads[0] + i;
                            if (ih < 0 || ih >= h) continue;
                            for (int j = 0; j < kw; j++) {
                                int iw = z * strides[1] - pads[1] + j;
                                if (iw < 0 || iw >= wd) continue;
                                col[nnz] = (ci * h + ih) * wd + iw;
                                val[nnz++] = w.data()[((o * c + ci) * kh + i) * kw + j];
                            }
                        }
                    }
                    b[row] = bias == null ? 0 : bias.data()[o];
                    rs[++row] = nnz;
                }
            }
        }
        AffineLayer map = AffineLayer.sparse(c * h * wd, rs, Arrays.copyOf(col, nnz), Arrays.copyOf(val, nnz), b);
        syms.put(out, applyAffine(x, map, batch ? new int[] {1, m, oh, ow} : new int[] {m, oh, ow}));
    }

    /** Inference-mode batch normalisation: per channel (dimension 1) {@code scale (x - mean) / sqrt(var + eps) + B}. */
    private void batchNorm(NodeProto node, String out) throws NetworkFormatException {
        Sym x = symInput(node, 0, "X");
        if (intAttr(node, "training_mode", 0) != 0) throw error("training_mode = 1 is not supported");
        if (node.getOutputCount() > 1 && node.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            throw error("the running mean/var outputs are not supported");
        }
        double eps = floatAttr(node, "epsilon", 1e-5);
        int[] xs = x.shape();
        int channels = xs.length >= 2 ? xs[1] : xs[0];
        int inner = xs.length >= 2 ? x.size() / (xs[0] * channels) : 1;
        double[][] p = new double[4][];
        String[] names = {"scale", "B", "input_mean", "input_var"};
        for (int i = 0; i < 4; i++) {
            p[i] = constInput(node, i + 1, names[i]).data();
            if (p[i].length != channels) throw error(names[i] + " has " + p[i].length + " entries, expected " + channels + " channels");
        }
        int n = x.size();
        double[] scale = new double[n];
        double[] shift = new double[n];
        for (int f = 0; f < n; f++) {
            int c = (f / inner) % channels;
            double g = p[0][c] / Math.sqrt(p[3][c] + eps);
            scale[f] = g;
            shift[f] = p[1][c] - g * p[2][c];
        }
        syms.put(out, applyAffine(x, AffineLayer.diagonal(scale, shift), xs));
    }

    private void maxPool(NodeProto node, String out) throws NetworkFormatException {
        Sym x = symInput(node, 0, "X");
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) throw error("the Indices output is not supported");
        int[] xs = x.shape();
        boolean batch = xs.length == 4;
        if (!(xs.length == 4 && xs[0] == 1) && xs.length != 3) throw error("expected input shape [1,C,H,W] or [C,H,W], got " + Arrays.toString(xs));
        int c = xs[xs.length - 3];
        int h = xs[xs.length - 2];
        int wd = xs[xs.length - 1];
        int[] k = intsAttr(node, "kernel_shape", null);
        if (k == null || k.length != 2) throw error("expected a 2-D kernel_shape");
        int[] strides = intsAttr(node, "strides", new int[] {1, 1});
        int[] pads = intsAttr(node, "pads", new int[] {0, 0, 0, 0});
        if (intAttr(node, "ceil_mode", 0) != 0) throw error("ceil_mode = 1 is not supported");
        for (int d : intsAttr(node, "dilations", new int[] {1, 1})) if (d != 1) throw error("only dilations = 1 are supported");
        int oh = (h + pads[0] + pads[2] - k[0]) / strides[0] + 1;
        int ow = (wd + pads[1] + pads[3] - k[1]) / strides[1] + 1;
        if (oh <= 0 || ow <= 0) throw error("kernel larger than the padded input");
        int[][] groups = new int[c * oh * ow][];
        int g = 0;
        for (int ci = 0; ci < c; ci++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    // Padding counts as -infinity, so padded positions are simply left out of the group.
                    List<Integer> idx = new ArrayList<>();
                    for (int i = 0; i < k[0]; i++) {
                        int ih = y * strides[0] - pads[0] + i;
                        if (ih < 0 || ih >= h) continue;
                        for (int j = 0; j < k[1]; j++) {
                            int iw = z * strides[1] - pads[1] + j;
                            if (iw >= 0 && iw < wd) idx.add((ci * h + ih) * wd + iw);
                        }
                    }
                    if (idx.isEmpty()) throw error("a pooling window covers only padding");
                    groups[g++] = idx.stream().mapToInt(Integer::intValue).toArray();
                }
            }
        }
        materialize(x);
        layers.add(new MaxPoolLayer(x.size(), groups));
        syms.put(out, new Sym(layers.size() - 1, null, batch ? new int[] {1, c, oh, ow} : new int[] {c, oh, ow}));
    }

    // ---- broadcasting (numpy rules) ----

    private int[] broadcastShape(int[] a, int[] b) throws NetworkFormatException {
        int r = Math.max(a.length, b.length);
        int[] s = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (da != db && da != 1 && db != 1) throw error("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            s[i] = Math.max(da, db);
        }
        return s;
    }

    /** The values of {@code c} broadcast to {@code shape}, row-major. */
    private double[] broadcast(Const c, int[] shape) throws NetworkFormatException {
        int[] cs = c.shape();
        int r = shape.length;
        if (cs.length > r) throw error("cannot broadcast " + Arrays.toString(cs) + " to " + Arrays.toString(shape));
        int n = checkedSize(shape, "the broadcast result");
        double[] out = new double[n];
        int[] strides = new int[r];
        int st = 1;
        for (int i = r - 1; i >= 0; i--) {
            int ci = i - (r - cs.length);
            int d = ci >= 0 ? cs[ci] : 1;
            if (d != 1 && d != shape[i]) throw error("cannot broadcast " + Arrays.toString(cs) + " to " + Arrays.toString(shape));
            strides[i] = d == 1 ? 0 : st;
            st *= d;
        }
        int[] idx = new int[r];
        for (int f = 0; f < n; f++) {
            int src = 0;
            for (int i = 0; i < r; i++) src += idx[i] * strides[i];
            out[f] = c.data()[src];
            for (int i = r - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) break;
                idx[i] = 0;
            }
        }
        return out;
    }

    /** The number of values of {@code shape}, refused when above {@link #MAX_VALUES}. */
    private int checkedSize(int[] shape, String what) throws NetworkFormatException {
        long p = 1;
        for (int d : shape) {
            p *= d;
            if (p > MAX_VALUES) throw error(what + " has shape " + Arrays.toString(shape) + ", more than " + MAX_VALUES + " values");
        }
        return (int) p;
    }

    private static int product(int[] shape) {
        int p = 1;
        for (int d : shape) p = Math.multiplyExact(p, d);
        return p;
    }
}
