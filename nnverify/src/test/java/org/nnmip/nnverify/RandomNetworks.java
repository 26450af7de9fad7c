package org.nnmip.nnverify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/** Seeded random networks for property tests. */
public final class RandomNetworks {
    private RandomNetworks() { }

    /** A dense ReLU network with the given widths (widths[0] = input size), linear last layer. */
    public static Network dense(Random rnd, int... widths) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            layers.add(denseLayer(rnd, widths[k - 1], widths[k]));
            if (k + 1 < widths.length) layers.add(new ReluLayer(widths[k]));
        }
        return new Network(widths[0], layers);
    }

    public static AffineLayer denseLayer(Random rnd, int in, int out) {
        double[][] w = new double[out][in];
        double[] b = new double[out];
        double scale = 1.0 / Math.sqrt(in);
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) w[i][j] = rnd.nextGaussian() * scale * 1.5;
            b[i] = rnd.nextGaussian() * 0.3;
        }
        return AffineLayer.dense(w, b);
    }

    /** A sparse random layer: each row keeps each column with probability 0.5 (at least one). */
    public static AffineLayer sparseLayer(Random rnd, int in, int out) {
        int[] rs = new int[out + 1];
        List<Integer> cols = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        double[] b = new double[out];
        for (int i = 0; i < out; i++) {
            int first = cols.size();
            for (int j = 0; j < in; j++) {
                if (rnd.nextBoolean()) { cols.add(j); vals.add(rnd.nextGaussian()); }
            }
            if (cols.size() == first) { cols.add(rnd.nextInt(in)); vals.add(rnd.nextGaussian()); }
            rs[i + 1] = cols.size();
            b[i] = rnd.nextGaussian() * 0.3;
        }
        return AffineLayer.sparse(in, rs, cols.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray(), b);
    }

    /**
     * A random network mixing every layer kind: normalisation, dense and sparse affine layers, ReLUs, reshapes,
     * max-pooling over random groups and residual adds.
     */
    public static Network mixed(Random rnd, int inputSize, int depth, int maxWidth) {
        List<Layer> layers = new ArrayList<>();
        int size = inputSize;
        double[] scale = new double[size];
        double[] shift = new double[size];
        for (int i = 0; i < size; i++) { scale[i] = 0.5 + rnd.nextDouble(); shift[i] = rnd.nextGaussian() * 0.1; }
        layers.add(AffineLayer.diagonal(scale, shift));
        for (int d = 0; d < depth; d++) {
            int width = 1 + rnd.nextInt(maxWidth);
            layers.add(rnd.nextInt(3) == 0 ? sparseLayer(rnd, size, width) : denseLayer(rnd, size, width));
            size = width;
            layers.add(new ReluLayer(size));
            int residualSource = layers.size() - 1;
            switch (rnd.nextInt(4)) {
                case 0 -> layers.add(ReshapeLayer.flatten(size));
                case 1 -> {
                    int groups = 1 + rnd.nextInt(size);
                    int[][] g = new int[groups][];
                    for (int q = 0; q < groups; q++) {
                        g[q] = new int[1 + rnd.nextInt(Math.min(3, size))];
                        for (int t = 0; t < g[q].length; t++) g[q][t] = rnd.nextInt(size);
                    }
                    layers.add(new MaxPoolLayer(size, g));
                    size = groups;
                }
                case 2 -> {
                    layers.add(denseLayer(rnd, size, size));
                    layers.add(new ResidualAddLayer(size, residualSource));
                }
                default -> { }
            }
        }
        layers.add(denseLayer(rnd, size, 1 + rnd.nextInt(4)));
        return new Network(inputSize, layers);
    }
}
