package org.nnmip.nnverify.verify;

import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Gradient of {@code w . y(x)} with respect to the input for the activation pattern of one evaluation (reverse
 * mode through the layers; a ReLU at exactly 0 and the non-maximal pool members pass no gradient).
 */
final class NetworkGradient {
    private NetworkGradient() { }

    static double[] of(Network net, Evaluation e, double[] outputWeights) {
        int layers = net.layerCount();
        double[][] grad = new double[layers + 1][]; // index k + 1: gradient w.r.t. layer k's output
        grad[layers] = outputWeights.clone();
        for (int k = layers - 1; k >= 0; k--) {
            double[] g = grad[k + 1];
            Layer layer = net.layer(k);
            double[] in = accumulator(grad, k, net);
            switch (layer) {
                case AffineLayer a -> {
                    for (int i = 0; i < g.length; i++) {
                        double gi = g[i];
                        if (gi == 0) continue;
                        for (int q = a.rowStart(i); q < a.rowEnd(i); q++) in[a.column(q)] += gi * a.value(q);
                    }
                }
                case ReluLayer r -> {
                    double[] z = e.layerInput(k);
                    for (int i = 0; i < g.length; i++) if (z[i] > 0) in[i] += g[i];
                }
                case ReshapeLayer r -> {
                    for (int i = 0; i < g.length; i++) in[i] += g[i];
                }
                case ArctanLayer t -> {
                    double[] z = e.layerInput(k);
                    for (int i = 0; i < g.length; i++) in[i] += g[i] / (1 + z[i] * z[i]);
                }
                case MaxPoolLayer p -> {
                    double[] z = e.layerInput(k);
                    for (int grp = 0; grp < g.length; grp++) {
                        int best = -1;
                        for (int j : p.group(grp)) if (best < 0 || z[j] > z[best]) best = j;
                        in[best] += g[grp];
                    }
                }
                case ResidualAddLayer add -> {
                    for (int i = 0; i < g.length; i++) in[i] += g[i];
                    double[] src = accumulator(grad, add.source() + 1, net);
                    for (int i = 0; i < g.length; i++) src[i] += g[i];
                }
            }
        }
        return grad[0];
    }

    /** The gradient array of layer {@code k - 1}'s output (created on first use). */
    private static double[] accumulator(double[][] grad, int k, Network net) {
        if (grad[k] == null) grad[k] = new double[net.sizeAfter(k - 1)];
        return grad[k];
    }
}
