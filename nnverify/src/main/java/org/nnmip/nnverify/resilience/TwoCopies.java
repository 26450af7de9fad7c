package org.nnmip.nnverify.resilience;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * The unperturbed and the perturbed copy of a network side by side, {@code (a, b) -> (z(a), z(b))}, with
 * block-diagonal affine layers: encoding it once gives both copies, each with its own binaries, in one model (the
 * encoder always creates a fresh model). Both copies range over the same box, so their bounds are the single
 * network's bounds twice.
 */
final class TwoCopies {
    private TwoCopies() { }

    /** @param net a network of affine, ReLU, max-pool and arctan layers only ({@link ResilienceBounds#plain}) */
    static Network of(Network net) {
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : net.layers()) {
            layers.add(switch (layer) {
                case AffineLayer a -> doubled(a);
                case ReluLayer r -> new ReluLayer(2 * r.size());
                case ArctanLayer t -> new ArctanLayer(2 * t.size());
                case MaxPoolLayer p -> doubled(p);
                default -> throw new IllegalArgumentException("resilience: layer " + layer.describe() + " cannot be paired");
            });
        }
        return new Network(2 * net.inputSize(), layers);
    }

    /** The groups of both copies; the second copy's indices shifted past the first copy's inputs. */
    private static MaxPoolLayer doubled(MaxPoolLayer p) {
        int g = p.groupCount();
        int[][] groups = new int[2 * g][];
        for (int q = 0; q < g; q++) {
            groups[q] = p.group(q);
            groups[g + q] = p.group(q);
            for (int t = 0; t < groups[g + q].length; t++) groups[g + q][t] += p.inputSize();
        }
        return new MaxPoolLayer(2 * p.inputSize(), groups);
    }

    /** The single network's bounds for both copies. */
    static NetworkBounds bounds(Network paired, NetworkBounds single) {
        Box box = single.inputBox();
        int n = box.dimension();
        double[] lo = new double[2 * n];
        double[] hi = new double[2 * n];
        for (int i = 0; i < n; i++) {
            lo[i] = lo[n + i] = box.lower(i);
            hi[i] = hi[n + i] = box.upper(i);
        }
        int layers = paired.layerCount();
        double[][] l = new double[layers][];
        double[][] u = new double[layers][];
        for (int k = 0; k < layers; k++) {
            l[k] = twice(single.lower(k));
            u[k] = twice(single.upper(k));
        }
        return ResilienceBounds.withBounds(NetworkBounds.unbounded(paired, new Box(lo, hi)), l, u);
    }

    static double[] twice(double[] v) {
        double[] r = new double[2 * v.length];
        System.arraycopy(v, 0, r, 0, v.length);
        System.arraycopy(v, 0, r, v.length, v.length);
        return r;
    }

    private static AffineLayer doubled(AffineLayer a) {
        int rows = a.outputSize();
        int cols = a.inputSize();
        int nz = a.nonZeros();
        int[] start = new int[2 * rows + 1];
        int[] column = new int[2 * nz];
        double[] value = new double[2 * nz];
        double[] bias = new double[2 * rows];
        int p = 0;
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < rows; i++) {
                start[copy * rows + i] = p;
                for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                    column[p] = a.column(q) + copy * cols;
                    value[p++] = a.value(q);
                }
                bias[copy * rows + i] = a.bias(i);
            }
        }
        start[2 * rows] = p;
        return AffineLayer.sparse(2 * cols, start, column, value, bias);
    }
}
