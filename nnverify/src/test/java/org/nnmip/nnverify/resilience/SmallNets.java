package org.nnmip.nnverify.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** Small random dense ReLU classifiers (linear logit layer), also kept as plain arrays for the test references. */
final class SmallNets {
    final double[][][] w;
    final double[][] b;
    final Network net;

    SmallNets(long seed, int[] sizes) {
        Random rnd = new Random(seed);
        int layers = sizes.length - 1;
        w = new double[layers][][];
        b = new double[layers][];
        List<Layer> list = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            w[k] = new double[sizes[k + 1]][sizes[k]];
            b[k] = new double[sizes[k + 1]];
            for (int i = 0; i < sizes[k + 1]; i++) {
                for (int j = 0; j < sizes[k]; j++) w[k][i][j] = Math.round(rnd.nextGaussian() * 100) / 100.0;
                b[k][i] = Math.round(rnd.nextGaussian() * 50) / 100.0;
            }
            list.add(AffineLayer.dense(w[k], b[k]));
            if (k + 1 < layers) list.add(new ReluLayer(sizes[k + 1]));
        }
        net = new Network(sizes[0], list);
    }

    /** Sizes for seed {@code s}: 2-4 inputs, one hidden layer of 3-8 or two of 3-5, 3 classes. */
    static SmallNets random(long seed) {
        Random r = new Random(seed * 7919 + 1);
        int n = 2 + r.nextInt(3);
        int hidden = 1 + r.nextInt(2);
        int[] sizes = new int[hidden + 2];
        sizes[0] = n;
        for (int h = 1; h <= hidden; h++) sizes[h] = hidden == 1 ? 3 + r.nextInt(6) : 3 + r.nextInt(3);
        sizes[hidden + 1] = 3;
        return new SmallNets(seed, sizes);
    }

    /** Plain forward pass over the arrays. */
    double[] apply(double[] x) {
        double[] cur = x;
        for (int k = 0; k < w.length; k++) {
            double[] z = new double[b[k].length];
            for (int i = 0; i < z.length; i++) {
                z[i] = b[k][i];
                for (int j = 0; j < cur.length; j++) z[i] += w[k][i][j] * cur[j];
                if (k + 1 < w.length) z[i] = Math.max(z[i], 0);
            }
            cur = z;
        }
        return cur;
    }
}
