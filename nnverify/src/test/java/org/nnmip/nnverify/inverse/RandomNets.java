package org.nnmip.nnverify.inverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** Small random dense ReLU networks, kept also as plain arrays so test references need not read the Network. */
final class RandomNets {
    final double[][][] w;
    final double[][] b;
    final boolean finalRelu;
    final Network net;

    RandomNets(long seed, int[] sizes, boolean finalRelu) {
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
            if (k + 1 < layers || finalRelu) list.add(new ReluLayer(sizes[k + 1]));
        }
        this.finalRelu = finalRelu;
        net = new Network(sizes[0], list);
    }

    /** Crude Lipschitz constant in the max norm (product of induced infinity norms), for grid tolerances. */
    double lipschitzInf() {
        double l = 1;
        for (double[][] m : w) {
            double best = 0;
            for (double[] row : m) {
                double s = 0;
                for (double v : row) s += Math.abs(v);
                best = Math.max(best, s);
            }
            l *= best;
        }
        return l;
    }
}
