package org.nnmip.nnverify.invertibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ParallelComposition;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Two networks on the same input side by side: {@code x -> (f1(x), f2(x))}. With a residual connection in either
 * network this is {@link ParallelComposition#fanOut} after padding the one with fewer ReLU layers at its input (as below).
 * Otherwise each network is first brought to the
 * form affine, ReLU, affine, ..., affine (consecutive affine layers merged); the shallower one is padded at its input
 * with ReLU layers that are the identity on the box: {@code x = relu(x - lo) + lo} for {@code x >= lo}, which the
 * encoder sees as stably active (no binaries). The equal-length stage networks are then layer-aligned, so
 * {@link ParallelComposition#fanOut} stacks the first affine stages and makes the later ones block-diagonal.
 */
final class StackedNetwork {
    private StackedNetwork() { }

    /** {@code x -> (f1(x), f2(x))}, exact for every input with {@code x >= lower} component-wise. */
    static Network of(Network f1, Network f2, double[] lower) {
        if (f1.inputSize() != f2.inputSize()) {
            throw new IllegalArgumentException("invertibility: the two networks take " + f1.inputSize() + " and " + f2.inputSize() + " inputs");
        }
        if (hasResidual(f1) || hasResidual(f2)) {
            int k1 = ParallelComposition.reluCount(f1);
            int k2 = ParallelComposition.reluCount(f2);
            return ParallelComposition.fanOut(withLeadingIdentityRelus(f1, Math.max(0, k2 - k1), lower),
                    withLeadingIdentityRelus(f2, Math.max(0, k1 - k2), lower));
        }
        List<double[][]> w1 = new ArrayList<>();
        List<double[]> b1 = new ArrayList<>();
        List<double[][]> w2 = new ArrayList<>();
        List<double[]> b2 = new ArrayList<>();
        stages(f1, w1, b1);
        stages(f2, w2, b2);
        while (w1.size() < w2.size()) pad(w1, b1, lower);
        while (w2.size() < w1.size()) pad(w2, b2, lower);
        // Same stage count: layer-aligned, so the first stages are stacked and the later ones block-diagonal.
        return ParallelComposition.fanOut(network(w1, b1), network(w2, b2));
    }

    /** Affine stages with a ReLU between consecutive ones. */
    private static Network network(List<double[][]> ws, List<double[]> bs) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < ws.size(); k++) {
            if (k > 0) layers.add(new ReluLayer(ws.get(k)[0].length));
            layers.add(AffineLayer.dense(ws.get(k), bs.get(k)));
        }
        return new Network(ws.getFirst()[0].length, layers);
    }

    /**
     * {@code net} behind {@code count} ReLU layers that are the identity on {@code x >= lower}:
     * {@code x = relu(x - lower) + lower} (stably active over such a box, so no binaries). Input residual sources
     * still see the input x.
     */
    static Network withLeadingIdentityRelus(Network net, int count, double[] lower) {
        int n = net.inputSize();
        if (lower.length != n) throw new IllegalArgumentException("invertibility: lower bound has " + lower.length + " components, expected " + n);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double[] minus = new double[n];
        for (int i = 0; i < n; i++) minus[i] = -lower[i];
        List<Layer> pad = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            pad.add(AffineLayer.diagonal(ones, minus));
            pad.add(new ReluLayer(n));
            pad.add(AffineLayer.diagonal(ones, lower.clone()));
        }
        return net.prependedBy(pad);
    }

    static boolean hasResidual(Network net) {
        for (Layer l : net.layers()) if (l instanceof ResidualAddLayer) return true;
        return false;
    }

    /** The affine stages of {@code net}, with an implicit ReLU between consecutive stages. */
    private static void stages(Network net, List<double[][]> ws, List<double[]> bs) {
        double[][] w = identity(net.inputSize());
        double[] b = new double[net.inputSize()];
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            switch (layer) {
                case AffineLayer a -> {
                    double[][] aw = a.weights();
                    double[][] nw = new double[aw.length][w[0].length];
                    double[] nb = new double[aw.length];
                    for (int i = 0; i < aw.length; i++) {
                        nb[i] = a.bias(i);
                        for (int q = 0; q < aw[i].length; q++) {
                            if (aw[i][q] == 0) continue;
                            nb[i] += aw[i][q] * b[q];
                            for (int c = 0; c < w[q].length; c++) nw[i][c] += aw[i][q] * w[q][c];
                        }
                    }
                    w = nw;
                    b = nb;
                }
                case ReluLayer r -> {
                    ws.add(w);
                    bs.add(b);
                    w = identity(r.size());
                    b = new double[r.size()];
                }
                case ReshapeLayer r -> { } // a reshape does not change values
                default -> throw new IllegalArgumentException("invertibility: layer " + k + " (" + layer.describe()
                        + ") is not supported; only affine and ReLU layers");
            }
        }
        ws.add(w);
        bs.add(b);
    }

    /** Prepends the stage {@code x - lower} and shifts the old first stage by {@code +lower}. */
    private static void pad(List<double[][]> ws, List<double[]> bs, double[] lower) {
        double[][] w0 = ws.getFirst();
        double[] b0 = bs.getFirst().clone();
        for (int i = 0; i < w0.length; i++) for (int c = 0; c < lower.length; c++) b0[i] += w0[i][c] * lower[c];
        bs.set(0, b0);
        double[] shift = new double[lower.length];
        for (int c = 0; c < lower.length; c++) shift[c] = -lower[c];
        ws.addFirst(identity(lower.length));
        bs.addFirst(shift);
    }

    private static double[][] identity(int n) {
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) w[i][i] = 1;
        return w;
    }
}
