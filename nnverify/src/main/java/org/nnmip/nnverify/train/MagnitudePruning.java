package org.nnmip.nnverify.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;

/**
 * Unstructured magnitude pruning (as {@code torch.nn.utils.prune.l1_unstructured} / {@code global_unstructured}): the
 * given fraction of weights with the smallest absolute values are set to zero; biases are kept. Fine-tune afterwards
 * with {@link TrainingConfig#withKeepZeroWeights(boolean)} so pruned connections stay pruned.
 */
public final class MagnitudePruning {
    /** Whether the fraction applies to each affine layer separately or to all weights of the network together. */
    public enum Scope { PER_LAYER, GLOBAL }

    private MagnitudePruning() {
    }

    /** The network with {@code round(sparsity * count)} smallest-magnitude weights zeroed (ties broken by position). */
    public static Network prune(Network net, double sparsity, Scope scope) {
        if (!(sparsity >= 0 && sparsity <= 1)) throw new IllegalArgumentException("sparsity must be in [0, 1], got " + sparsity);
        List<double[][]> weights = new ArrayList<>();
        for (Layer l : net.layers()) if (l instanceof AffineLayer a) weights.add(a.weights());
        if (scope == Scope.GLOBAL) {
            zeroSmallest(weights, sparsity);
        } else {
            for (double[][] w : weights) zeroSmallest(List.<double[][]>of(w), sparsity);
        }
        List<Layer> layers = new ArrayList<>();
        int k = 0;
        for (Layer l : net.layers()) {
            layers.add(l instanceof AffineLayer a ? AffineLayer.dense(weights.get(k++), a.bias()) : l);
        }
        return new Network(net.inputSize(), layers);
    }

    /** Fraction of affine weights that are exactly zero. */
    public static double sparsity(Network net) {
        long zeros = 0;
        long total = 0;
        for (Layer l : net.layers()) {
            if (l instanceof AffineLayer a) {
                for (double[] row : a.weights()) {
                    for (double v : row) {
                        total++;
                        if (v == 0) zeros++;
                    }
                }
            }
        }
        return total == 0 ? 0 : zeros / (double) total;
    }

    private static void zeroSmallest(List<double[][]> weights, double sparsity) {
        int total = 0;
        for (double[][] w : weights) for (double[] row : w) total += row.length;
        int count = (int) Math.round(sparsity * total);
        if (count == 0) return;
        // Sort positions by |w|, then by position, so the choice among equal magnitudes is deterministic.
        double[] mags = new double[total];
        int p = 0;
        for (double[][] w : weights) for (double[] row : w) for (double v : row) mags[p++] = Math.abs(v);
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> mags[a] != mags[b] ? Double.compare(mags[a], mags[b]) : Integer.compare(a, b));
        boolean[] zero = new boolean[total];
        for (int i = 0; i < count; i++) zero[order[i]] = true;
        p = 0;
        for (double[][] w : weights) {
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) if (zero[p++]) row[j] = 0;
            }
        }
    }
}
