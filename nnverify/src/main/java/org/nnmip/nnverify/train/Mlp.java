package org.nnmip.nnverify.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * The mutable parameters of a fully connected ReLU network (affine, ReLU, ..., affine) while it trains:
 * {@code weights[k]} maps layer k (size {@code sizes[k]}) to layer k+1.
 */
final class Mlp {
    final int[] sizes;
    final double[][][] weights;
    final double[][] biases;

    private Mlp(int[] sizes) {
        this.sizes = sizes.clone();
        int depth = sizes.length - 1;
        weights = new double[depth][][];
        biases = new double[depth][];
        for (int k = 0; k < depth; k++) {
            weights[k] = new double[sizes[k + 1]][sizes[k]];
            biases[k] = new double[sizes[k + 1]];
        }
    }

    /** He (Kaiming) normal initialisation: {@code w ~ N(0, 2 / fan_in)}, zero biases. */
    static Mlp heInitialized(int[] sizes, Random rnd) {
        validate(sizes);
        Mlp m = new Mlp(sizes);
        for (int k = 0; k < m.weights.length; k++) {
            double std = Math.sqrt(2.0 / sizes[k]);
            for (double[] row : m.weights[k]) {
                for (int j = 0; j < row.length; j++) row[j] = rnd.nextGaussian() * std;
            }
        }
        return m;
    }

    /** The parameters of a network made of affine layers with a ReLU between consecutive ones. */
    static Mlp of(Network net) {
        List<Layer> layers = net.layers();
        List<AffineLayer> affine = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            boolean expectAffine = i % 2 == 0;
            if (expectAffine && l instanceof AffineLayer a) {
                affine.add(a);
            } else if (!expectAffine && l instanceof ReluLayer) {
                continue;
            } else {
                throw new IllegalArgumentException("layer " + i + " (" + l.describe() + "): only affine/ReLU alternating networks"
                        + " ending in an affine layer can be trained");
            }
        }
        if (layers.size() % 2 == 0) throw new IllegalArgumentException("the network must end with an affine layer to be trained");
        int[] sizes = new int[affine.size() + 1];
        sizes[0] = net.inputSize();
        for (int k = 0; k < affine.size(); k++) sizes[k + 1] = affine.get(k).outputSize();
        Mlp m = new Mlp(sizes);
        for (int k = 0; k < affine.size(); k++) {
            m.weights[k] = affine.get(k).weights();
            m.biases[k] = affine.get(k).bias();
        }
        return m;
    }

    Network toNetwork() {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            if (k > 0) layers.add(new ReluLayer(sizes[k]));
            double[][] w = new double[weights[k].length][];
            for (int i = 0; i < w.length; i++) w[i] = weights[k][i].clone();
            layers.add(AffineLayer.dense(w, biases[k].clone()));
        }
        return new Network(sizes[0], layers);
    }

    int depth() {
        return weights.length;
    }

    /** Forward pass keeping every layer's activation: {@code acts[0] = x}, {@code acts[depth]} = output (no ReLU). */
    double[][] forward(double[] x) {
        double[][] acts = new double[depth() + 1][];
        acts[0] = x;
        for (int k = 0; k < depth(); k++) {
            double[] in = acts[k];
            double[] out = new double[sizes[k + 1]];
            for (int i = 0; i < out.length; i++) {
                double[] row = weights[k][i];
                double s = biases[k][i];
                for (int j = 0; j < in.length; j++) s += row[j] * in[j];
                out[i] = k + 1 < depth() ? Math.max(s, 0) : s;
            }
            acts[k + 1] = out;
        }
        return acts;
    }

    /**
     * Back-propagates {@code outGrad} (dLoss/dOutput) through the activations of {@link #forward}, adding
     * {@code scale} times the parameter gradients into {@code gw}/{@code gb} (if not null), and returns dLoss/dInput.
     */
    double[] backward(double[][] acts, double[] outGrad, double scale, double[][][] gw, double[][] gb) {
        double[] delta = outGrad;
        for (int k = depth() - 1; k >= 0; k--) {
            double[] in = acts[k];
            if (gw != null) {
                for (int i = 0; i < delta.length; i++) {
                    double d = scale * delta[i];
                    if (d == 0) continue;
                    double[] g = gw[k][i];
                    for (int j = 0; j < in.length; j++) g[j] += d * in[j];
                    gb[k][i] += d;
                }
            }
            double[] prev = new double[in.length];
            for (int i = 0; i < delta.length; i++) {
                double d = delta[i];
                if (d == 0) continue;
                double[] row = weights[k][i];
                for (int j = 0; j < prev.length; j++) prev[j] += row[j] * d;
            }
            if (k > 0) {
                for (int j = 0; j < prev.length; j++) if (in[j] <= 0) prev[j] = 0;
            }
            delta = prev;
        }
        return delta;
    }

    static void validate(int[] sizes) {
        if (sizes.length < 2) throw new IllegalArgumentException("layer sizes need at least an input and an output size");
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1) throw new IllegalArgumentException("layer " + i + " has size " + sizes[i] + ", expected at least 1");
        }
    }
}
