package org.nnmip.nnverify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * Numerically hostile variants of random networks: weights and biases spread over 1e-8..1e8, and biases chosen so
 * that ReLU pre-activations at a given point are the round-off of a large cancelling sum (the exact value is tiny
 * and of either sign, exactly where a bound that ignores rounding claims a wrong ReLU phase).
 */
public final class NastyNetworks {
    private NastyNetworks() { }

    /** Every weight and bias of {@code net}'s affine layers times {@code 10^e}, {@code e} uniform in [-8, 8] per row and entry. */
    public static Network scaled(Random rnd, Network net) {
        List<Layer> layers = new ArrayList<>(net.layers());
        for (int k = 0; k < layers.size(); k++) {
            if (!(layers.get(k) instanceof AffineLayer a)) continue;
            int m = a.outputSize();
            int[] rs = new int[m + 1];
            int nnz = a.rowEnd(m - 1);
            int[] col = new int[nnz];
            double[] val = new double[nnz];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                double rowScale = Math.pow(10, rnd.nextInt(9) - 4);
                rs[i + 1] = a.rowEnd(i);
                for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                    col[q] = a.column(q);
                    val[q] = a.value(q) * rowScale * Math.pow(10, rnd.nextInt(9) - 4);
                }
                b[i] = a.bias(i) * rowScale * Math.pow(10, rnd.nextInt(9) - 4);
            }
            layers.set(k, AffineLayer.sparse(a.inputSize(), rs, col, val, b));
        }
        return new Network(net.inputSize(), layers);
    }

    /**
     * Re-biases about half the neurons of every affine layer that feeds a ReLU so that the floating-point
     * pre-activation at {@code x} is exactly 0: the exact one is then the round-off, tiny and of either sign.
     */
    public static Network cancelling(Random rnd, Network net, double[] x) {
        Network cur = net;
        for (int k = 0; k + 1 < cur.layerCount(); k++) {
            if (!(cur.layer(k) instanceof AffineLayer a) || !(cur.layer(k + 1) instanceof ReluLayer)) continue;
            double[] z = cur.evaluate(x).layerOutput(k);
            int m = a.outputSize();
            int[] rs = new int[m + 1];
            int nnz = a.rowEnd(m - 1);
            int[] col = new int[nnz];
            double[] val = new double[nnz];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                rs[i + 1] = a.rowEnd(i);
                for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                    col[q] = a.column(q);
                    val[q] = a.value(q);
                }
                b[i] = a.bias(i);
                if (rnd.nextBoolean() && Double.isFinite(z[i])) {
                    // the rows are summed in their stored order from the bias: fl(b - z + sum) is near, not at, 0
                    b[i] = a.bias(i) - z[i];
                }
            }
            List<Layer> layers = new ArrayList<>(cur.layers());
            layers.set(k, AffineLayer.sparse(a.inputSize(), rs, col, val, b));
            cur = new Network(cur.inputSize(), layers);
        }
        return cur;
    }

    /** A random point of {@code box} (corners with probability 1/4 per coordinate). */
    public static double[] point(Random rnd, Box box) {
        double[] x = new double[box.dimension()];
        for (int i = 0; i < x.length; i++) {
            int c = rnd.nextInt(4);
            x[i] = c == 0 ? box.lower(i) : c == 1 ? box.upper(i) : box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
            x[i] = Math.min(Math.max(x[i], box.lower(i)), box.upper(i));
        }
        return x;
    }

    /** The box {@code x +- r |x|} (a point box when {@code r = 0}). */
    public static Box around(double[] x, double r) {
        double[] l = new double[x.length];
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double d = r * Math.abs(x[i]);
            l[i] = x[i] - d;
            u[i] = x[i] + d;
        }
        return new Box(l, u);
    }
}
