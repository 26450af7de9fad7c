package org.nnmip.nnverify.lipschitz;

import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.net.Network;

/**
 * Pre-activation bounds {@code l <= z_k <= u} of every stage over a box (DeepPoly/CROWN back-substitution, intersected
 * with IBP) and the ReLU phases they imply. A neuron is stable only when strictly so ({@code l > 0} or
 * {@code u < 0}): one that can reach {@code z = 0} keeps both derivative values 0 and 1 (the set-valued relu'(0),
 * Jordan & Dimakis 2020, Sec. 5), so {@code l = 0} counts as unstable.
 */
public final class ActivationBounds {
    public enum Phase { ACTIVE, INACTIVE, UNSTABLE }

    private final double[][] lower;
    private final double[][] upper;

    private ActivationBounds(double[][] lower, double[][] upper) {
        this.lower = lower;
        this.upper = upper;
    }

    public static ActivationBounds compute(Network net, ReluChain chain, Box box) {
        NetworkBounds nb = SymbolicBounds.compute(net, box);
        int n = chain.stageCount();
        double[][] lo = new double[n][];
        double[][] hi = new double[n][];
        for (int k = 0; k < n; k++) {
            lo[k] = nb.lower(chain.preActivationLayer(k));
            hi[k] = nb.upper(chain.preActivationLayer(k));
            if (lo[k].length != chain.width(k)) throw new IllegalStateException("bounds of stage " + k + " have the wrong size");
        }
        return new ActivationBounds(lo, hi);
    }

    public double lower(int k, int i) { return lower[k][i]; }
    public double upper(int k, int i) { return upper[k][i]; }

    public Phase phase(int k, int i) {
        if (lower[k][i] > 0) return Phase.ACTIVE;
        if (upper[k][i] < 0) return Phase.INACTIVE;
        return Phase.UNSTABLE;
    }

    /** Number of unstable ReLU neurons (each needs a binary in LipMIP). */
    public int unstableCount(ReluChain chain) {
        int c = 0;
        for (int k = 0; k < chain.stageCount(); k++) {
            if (!chain.isRelu(k)) continue;
            for (int i = 0; i < chain.width(k); i++) if (phase(k, i) == Phase.UNSTABLE) c++;
        }
        return c;
    }
}
