package org.nnmip.nnverify.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two networks run side by side as one network, {@code (x1, x2) -> (f1(x1), f2(x2))}, or on a shared input,
 * {@code x -> (f1(x), f2(x))}, exactly (only re-layouts are added, no arithmetic). Encoding the result once gives both
 * networks, each with its own binaries, in one model (a MIP encoder creates a fresh model per network).
 *
 * <p><b>Layer-aligned pairs</b> ({@link #layerAligned}: same layer count and the same kind of layer at every index,
 * residual adds from the same source; e.g. a network and itself) are composed layer by layer: layer k of the result
 * holds layer k of f1 followed by layer k of f2 (block-diagonal affine layers, combined ReLU/arctan/max-pool/reshape/
 * residual add), so per-layer quantities such as bounds of the two networks concatenate. For {@link #fanOut} this
 * also needs both first layers affine (their rows are stacked on the shared input) and no residual add from the input.
 *
 * <p><b>Other pairs</b> need the same number of ReLU layers and only affine, ReLU, reshape and residual add layers:
 * the ReLU layers run in lock step (one combined ReLU layer), and between two of them each network's other layers
 * run in turn while the other block is carried by identity rows (an arctan layer cannot carry the other block;
 * max-pool could, with singleton groups, but no caller needs it, so both are refused). Every combined vector is {@code (block1, block2, Z)}, Z a block of zeros (width W,
 * 0 without residual adds; a ReLU keeps it 0). A combined residual add adds the whole source vector
 * {@code (u1, u2, 0)}, so that it adds only to its own block it is wrapped in two affine re-layouts: before, the
 * current vector is laid out over the source's slots with its own block on the source's own block, zeros on the
 * other source block and its other block on Z (W is the widest such block); after, the sum is laid back to
 * {@code (block1, block2, 0)}. Affine layers and residual adds are linear, so the MIP encoder carries them as affine
 * forms and they add no variables, only a few layers to the bound propagation.
 */
public final class ParallelComposition {
    private ParallelComposition() { }

    /** {@code (x1, x2) -> (f1(x1), f2(x2))}. */
    public static Network sideBySide(Network f1, Network f2) {
        if (layerAligned(f1, f2)) return aligned(f1, f2, false);
        return new Builder(f1, f2, false).build();
    }

    /** {@code x -> (f1(x), f2(x))}; both networks take the same input size. */
    public static Network fanOut(Network f1, Network f2) {
        if (f1.inputSize() != f2.inputSize()) {
            throw new IllegalArgumentException("parallel composition: the two networks take " + f1.inputSize() + " and "
                    + f2.inputSize() + " inputs");
        }
        if (layerAligned(f1, f2) && f1.layer(0) instanceof AffineLayer && !addsInput(f1) && !addsInput(f2)) return aligned(f1, f2, true);
        return new Builder(f1, f2, true).build();
    }

    /**
     * Whether {@code f1} and {@code f2} have the same layer count and, at every index, the same kind of layer
     * (residual adds from the same source); then {@link #sideBySide} keeps layer indices.
     */
    public static boolean layerAligned(Network f1, Network f2) {
        if (f1.layerCount() != f2.layerCount()) return false;
        for (int k = 0; k < f1.layerCount(); k++) {
            Layer a = f1.layer(k);
            Layer b = f2.layer(k);
            if (a.getClass() != b.getClass()) return false;
            if (a instanceof ResidualAddLayer ra && ra.source() != ((ResidualAddLayer) b).source()) return false;
        }
        return true;
    }

    public static int reluCount(Network net) {
        int k = 0;
        for (Layer l : net.layers()) if (l instanceof ReluLayer) k++;
        return k;
    }

    private static boolean addsInput(Network net) {
        for (Layer l : net.layers()) if (l instanceof ResidualAddLayer add && add.source() < 0) return true;
        return false;
    }

    /** Layer k of the result: layer k of f1 on block 1, layer k of f2 on block 2 (layer 0 stacked when shared). */
    private static Network aligned(Network f1, Network f2, boolean shared) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < f1.layerCount(); k++) {
            Layer b = f2.layer(k);
            layers.add(switch (f1.layer(k)) {
                case AffineLayer a -> blockDiagonal(a, (AffineLayer) b, shared && k == 0);
                case ReluLayer r -> new ReluLayer(r.size() + ((ReluLayer) b).size());
                case ArctanLayer t -> new ArctanLayer(t.size() + ((ArctanLayer) b).size());
                case MaxPoolLayer p -> blockDiagonal(p, (MaxPoolLayer) b);
                case ReshapeLayer r -> ReshapeLayer.flatten(r.size() + ((ReshapeLayer) b).size());
                // the source layer holds both sources side by side, so each block adds its own
                case ResidualAddLayer add -> new ResidualAddLayer(add.size() + ((ResidualAddLayer) b).size(), add.source());
                default -> throw new IllegalArgumentException("parallel composition: layer " + k + " ("
                        + f1.layer(k).describe() + ") is not supported");
            });
        }
        return new Network(shared ? f1.inputSize() : f1.inputSize() + f2.inputSize(), layers);
    }

    /** Rows of {@code a} then rows of {@code b}; b's columns shifted past a's unless both read the same input. */
    private static AffineLayer blockDiagonal(AffineLayer a, AffineLayer b, boolean sameInput) {
        int shift = sameInput ? 0 : a.inputSize();
        int rows = a.outputSize() + b.outputSize();
        int[] start = new int[rows + 1];
        int[] column = new int[a.nonZeros() + b.nonZeros()];
        double[] value = new double[column.length];
        double[] bias = new double[rows];
        int p = 0;
        int row = 0;
        for (int side = 0; side < 2; side++) {
            AffineLayer l = side == 0 ? a : b; // a and b may be the same layer (a network beside itself)
            int off = side == 0 ? 0 : shift;
            for (int i = 0; i < l.outputSize(); i++, row++) {
                start[row] = p;
                for (int q = l.rowStart(i); q < l.rowEnd(i); q++) {
                    column[p] = l.column(q) + off;
                    value[p++] = l.value(q);
                }
                bias[row] = l.bias(i);
            }
        }
        start[rows] = p;
        return AffineLayer.sparse(sameInput ? a.inputSize() : a.inputSize() + b.inputSize(), start, column, value, bias);
    }

    /** The groups of both; b's indices shifted past a's inputs. */
    private static MaxPoolLayer blockDiagonal(MaxPoolLayer a, MaxPoolLayer b) {
        int[][] groups = new int[a.groupCount() + b.groupCount()][];
        for (int q = 0; q < a.groupCount(); q++) groups[q] = a.group(q);
        for (int q = 0; q < b.groupCount(); q++) {
            int[] g = b.group(q);
            for (int t = 0; t < g.length; t++) g[t] += a.inputSize();
            groups[a.groupCount() + q] = g;
        }
        return new MaxPoolLayer(a.inputSize() + b.inputSize(), groups);
    }

    /** One step of the schedule: layer {@code layer} of network {@code net} (0 or 1), or a lock-step ReLU ({@code net = -1}). */
    private record Step(int net, int layer) { }

    private static final class Builder {
        final Network[] f;
        final boolean shared;
        final List<Step> schedule = new ArrayList<>();
        final List<Layer> out = new ArrayList<>();
        /** {@code at[j][k + 1]}: combined layer whose output holds layer k of network j (k = -1: its input). */
        final int[][] at = new int[2][];
        /** Source block sizes at each combined layer (the Z block has width {@code w} everywhere). */
        final List<int[]> sizes = new ArrayList<>();
        int w;

        Builder(Network f1, Network f2, boolean shared) {
            this.f = new Network[] {f1, f2};
            this.shared = shared;
            if (reluCount(f1) != reluCount(f2)) {
                throw new IllegalArgumentException("parallel composition: networks that are not layer-aligned need equal ReLU layer counts, got "
                        + reluCount(f1) + " and " + reluCount(f2));
            }
            for (int j = 0; j < 2; j++) {
                at[j] = new int[f[j].layerCount() + 1];
                for (int k = 0; k < f[j].layerCount(); k++) {
                    Layer layer = f[j].layer(k);
                    if (!(layer instanceof AffineLayer || layer instanceof ReluLayer || layer instanceof ReshapeLayer
                            || layer instanceof ResidualAddLayer)) {
                        throw new IllegalArgumentException("parallel composition: network " + (j + 1) + " layer " + k + " (" + layer.describe()
                                + ") is not supported when the networks are not layer-aligned; only affine, ReLU, reshape and residual add layers");
                    }
                }
            }
            // Segments between ReLUs: network 1's, then network 2's, then the shared ReLU.
            int[] pos = {0, 0};
            while (true) {
                for (int j = 0; j < 2; j++) {
                    while (pos[j] < f[j].layerCount() && !(f[j].layer(pos[j]) instanceof ReluLayer)) schedule.add(new Step(j, pos[j]++));
                }
                if (pos[0] == f[0].layerCount()) break;
                schedule.add(new Step(-1, -1));
                pos[0]++;
                pos[1]++;
            }
            w = zeroWidth();
        }

        /** The widest other block at a residual add of either network. */
        private int zeroWidth() {
            int[] s = {f[0].inputSize(), f[1].inputSize()};
            int width = 0;
            for (Step st : schedule) {
                if (st.net() < 0) continue;
                int j = st.net();
                if (f[j].layer(st.layer()) instanceof ResidualAddLayer) width = Math.max(width, s[1 - j]);
                s[j] = f[j].layer(st.layer()).outputSize();
            }
            return width;
        }

        Network build() {
            int n1 = f[0].inputSize();
            int n2 = f[1].inputSize();
            int[] s = {n1, n2};
            // Layer 0: the input (duplicated when shared) followed by the zero block.
            Rows first = new Rows(shared ? n1 : n1 + n2);
            for (int i = 0; i < n1; i++) first.row(i, 1.0);
            for (int i = 0; i < n2; i++) first.row(shared ? i : n1 + i, 1.0);
            for (int i = 0; i < w; i++) first.zero();
            emit(first.layer(), s);
            at[0][0] = 0;
            at[1][0] = 0;
            for (Step st : schedule) {
                if (st.net() < 0) {
                    // lock-step ReLU: the ReLU layers of both networks (the zero block stays zero)
                    advance(0);
                    advance(1);
                    out.add(new ReluLayer(s[0] + s[1] + w));
                    sizes.add(s.clone());
                    at[0][nextRelu[0]] = out.size() - 1;
                    at[1][nextRelu[1]] = out.size() - 1;
                    continue;
                }
                int j = st.net();
                Layer layer = f[j].layer(st.layer());
                switch (layer) {
                    case AffineLayer a -> emit(affine(j, a, s), withSize(s, j, a.outputSize()));
                    case ReshapeLayer r -> { } // values unchanged: the previous combined layer holds this layer too
                    case ResidualAddLayer add -> residual(j, add, s);
                    default -> throw new IllegalStateException("unreachable: " + layer.describe());
                }
                s[j] = layer.outputSize();
                at[j][st.layer() + 1] = out.size() - 1;
            }
            // Drop the zero block.
            Rows last = new Rows(s[0] + s[1] + w);
            for (int i = 0; i < s[0] + s[1]; i++) last.row(i, 1.0);
            out.add(last.layer());
            return new Network(shared ? n1 : n1 + n2, out);
        }

        /** Index (+1) in network j of its next ReLU layer; advanced by the lock-step ReLU. */
        final int[] nextRelu = {0, 0};

        private void advance(int j) {
            int k = nextRelu[j];
            while (!(f[j].layer(k) instanceof ReluLayer)) k++;
            nextRelu[j] = k + 1;
        }

        private void emit(Layer layer, int[] blockSizes) {
            out.add(layer);
            sizes.add(blockSizes.clone());
        }

        private static int[] withSize(int[] s, int j, int size) {
            int[] r = s.clone();
            r[j] = size;
            return r;
        }

        /** Layer {@code a} on block j, identity on the other block, zero block kept. */
        private AffineLayer affine(int j, AffineLayer a, int[] s) {
            Rows rows = new Rows(s[0] + s[1] + w);
            int off = j == 0 ? 0 : s[0];
            int otherOff = j == 0 ? s[0] : 0;
            if (j == 1) for (int i = 0; i < s[0]; i++) rows.row(i, 1.0);
            for (int i = 0; i < a.outputSize(); i++) {
                int[] cols = new int[a.rowEnd(i) - a.rowStart(i)];
                double[] vals = new double[cols.length];
                for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                    cols[q - a.rowStart(i)] = a.column(q) + off;
                    vals[q - a.rowStart(i)] = a.value(q);
                }
                rows.row(cols, vals, a.bias(i));
            }
            if (j == 0) for (int i = 0; i < s[1]; i++) rows.row(otherOff + i, 1.0);
            for (int i = 0; i < w; i++) rows.zero();
            return rows.layer();
        }

        /** Re-layout, combined add of the source layer, layout back (see the class comment). */
        private void residual(int j, ResidualAddLayer add, int[] s) {
            int src = at[j][add.source() + 1];
            int[] p = sizes.get(src);
            int own = j == 0 ? 0 : p[0]; // own block's offset in the source
            int spare = p[0] + p[1]; // the source's zero block: the other block goes there
            int total = p[0] + p[1] + w;
            int other = 1 - j;
            // before: own -> [own, own + s[j]), other -> [spare, spare + s[other]), zeros elsewhere
            int[] from = new int[total];
            Arrays.fill(from, -1);
            int ownCur = j == 0 ? 0 : s[0];
            int otherCur = j == 0 ? s[0] : 0;
            for (int i = 0; i < s[j]; i++) from[own + i] = ownCur + i;
            for (int i = 0; i < s[other]; i++) from[spare + i] = otherCur + i;
            Rows before = new Rows(s[0] + s[1] + w);
            for (int t = 0; t < total; t++) {
                if (from[t] < 0) before.zero();
                else before.row(from[t], 1.0);
            }
            emit(before.layer(), p);
            out.add(new ResidualAddLayer(total, src));
            sizes.add(p.clone());
            // after: block1 and block2 back in place, zero block cleared
            Rows after = new Rows(total);
            int b1 = j == 0 ? own : spare;
            int b2 = j == 0 ? spare : own;
            for (int i = 0; i < s[0]; i++) after.row(b1 + i, 1.0);
            for (int i = 0; i < s[1]; i++) after.row(b2 + i, 1.0);
            for (int i = 0; i < w; i++) after.zero();
            emit(after.layer(), s);
        }
    }

    /** CSR rows of an affine layer built one at a time. */
    private static final class Rows {
        final int inputs;
        final List<int[]> cols = new ArrayList<>();
        final List<double[]> vals = new ArrayList<>();
        final List<Double> bias = new ArrayList<>();

        Rows(int inputs) { this.inputs = inputs; }

        void row(int column, double value) { row(new int[] {column}, new double[] {value}, 0.0); }

        void zero() { row(new int[0], new double[0], 0.0); }

        void row(int[] c, double[] v, double b) {
            cols.add(c);
            vals.add(v);
            bias.add(b);
        }

        AffineLayer layer() {
            int m = bias.size();
            int[] start = new int[m + 1];
            for (int i = 0; i < m; i++) start[i + 1] = start[i] + cols.get(i).length;
            int[] column = new int[start[m]];
            double[] value = new double[start[m]];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(cols.get(i), 0, column, start[i], cols.get(i).length);
                System.arraycopy(vals.get(i), 0, value, start[i], vals.get(i).length);
                b[i] = bias.get(i);
            }
            return AffineLayer.sparse(inputs, start, column, value, b);
        }
    }
}
