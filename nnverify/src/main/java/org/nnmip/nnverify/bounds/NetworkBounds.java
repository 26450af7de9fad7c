package org.nnmip.nnverify.bounds;

import java.util.Arrays;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * Lower and upper bounds on every layer output of a network over an input box: {@code lower(k)}/{@code upper(k)}
 * bound the output of layer {@code k} ({@code k = -1}: the input box). The pre-activation bounds of a ReLU layer
 * {@code k} are those of layer {@code k-1}'s output. Immutable.
 */
public final class NetworkBounds {
    private final Network network;
    private final double[][] lower; // index k + 1
    private final double[][] upper;

    NetworkBounds(Network network, double[][] lower, double[][] upper) {
        this.network = network;
        this.lower = lower;
        this.upper = upper;
    }

    /** The input box and no information on the layers (every other bound infinite). */
    public static NetworkBounds unbounded(Network network, Box input) {
        if (input.dimension() != network.inputSize()) {
            throw new IllegalArgumentException("input box has dimension " + input.dimension() + ", network input " + network.inputSize());
        }
        int n = network.layerCount();
        double[][] lo = new double[n + 1][];
        double[][] hi = new double[n + 1][];
        lo[0] = input.lower();
        hi[0] = input.upper();
        for (int k = 0; k < n; k++) {
            lo[k + 1] = new double[network.layer(k).outputSize()];
            hi[k + 1] = new double[network.layer(k).outputSize()];
            Arrays.fill(lo[k + 1], Double.NEGATIVE_INFINITY);
            Arrays.fill(hi[k + 1], Double.POSITIVE_INFINITY);
        }
        return new NetworkBounds(network, lo, hi);
    }

    public Network network() { return network; }
    public Box inputBox() { return new Box(lower[0], upper[0]); }
    public double[] lower(int k) { return lower[k + 1].clone(); }
    public double[] upper(int k) { return upper[k + 1].clone(); }
    public double lower(int k, int i) { return lower[k + 1][i]; }
    public double upper(int k, int i) { return upper[k + 1][i]; }
    public double[] outputLower() { return lower(network.layerCount() - 1); }
    public double[] outputUpper() { return upper(network.layerCount() - 1); }

    /** Pre-activation bounds of ReLU layer {@code k}: the bounds of its input. */
    public double[] preActivationLower(int k) { requireRelu(k); return lower(k - 1); }
    public double[] preActivationUpper(int k) { requireRelu(k); return upper(k - 1); }

    /** Phase of a ReLU neuron given its pre-activation bounds. */
    public enum ReluPhase {
        /** Pre-activation lower bound >= 0: the ReLU is the identity. */
        ACTIVE,
        /** Pre-activation upper bound <= 0: the ReLU outputs 0. */
        INACTIVE,
        /** Lower bound < 0 < upper bound: a MIP encoding needs a binary for it. */
        UNSTABLE
    }

    /** Phase of neuron {@code i} of ReLU layer {@code k}. */
    public ReluPhase reluPhase(int k, int i) {
        requireRelu(k);
        if (lower[k][i] >= 0) return ReluPhase.ACTIVE;
        if (upper[k][i] <= 0) return ReluPhase.INACTIVE;
        return ReluPhase.UNSTABLE;
    }

    private void requireRelu(int k) {
        if (!(network.layer(k) instanceof ReluLayer)) throw new IllegalArgumentException("layer " + k + " (" + network.layer(k).describe() + ") is not a ReLU layer");
    }

    double[][] lowerArrays() { return copy(lower); }
    double[][] upperArrays() { return copy(upper); }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    /**
     * A copy in which the bounds of neuron {@code i} of layer {@code k}'s output are intersected with
     * {@code [lo, hi]} (e.g. a ReLU phase fixed by branching); propagate with a {@code tighten} method afterwards.
     */
    public NetworkBounds restrict(int k, int i, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) throw new IllegalArgumentException("restrict: NaN bound for layer " + k + " neuron " + i);
        double[][] l = copy(lower);
        double[][] u = copy(upper);
        l[k + 1][i] = Math.max(l[k + 1][i], lo);
        u[k + 1][i] = Math.min(u[k + 1][i], hi);
        return new NetworkBounds(network, l, u);
    }

    /** A copy in which the bounds of every neuron of layer {@code k}'s output are intersected with {@code [lo[i], hi[i]]}. */
    public NetworkBounds restrictLayer(int k, double[] lo, double[] hi) {
        if (lo.length != lower[k + 1].length || hi.length != upper[k + 1].length) throw new IllegalArgumentException("restrictLayer: layer " + k + " has " + lower[k + 1].length + " neurons");
        double[][] l = copy(lower);
        double[][] u = copy(upper);
        for (int i = 0; i < lo.length; i++) {
            if (Double.isNaN(lo[i]) || Double.isNaN(hi[i])) throw new IllegalArgumentException("restrictLayer: NaN bound for layer " + k + " neuron " + i);
            l[k + 1][i] = Math.max(l[k + 1][i], lo[i]);
            u[k + 1][i] = Math.min(u[k + 1][i], hi[i]);
        }
        return new NetworkBounds(network, l, u);
    }

    /**
     * The bounds of {@code sub}, the layers {@code start..} of this network taken as a network of their own whose
     * input is the output of layer {@code start - 1}: that layer's bounds become the input box. Sound for {@code sub}
     * over that box only in the sense used by look-back tightening: every value the full network takes is covered.
     */
    public NetworkBounds suffix(int start, Network sub) {
        if (start < 0 || start > network.layerCount() || sub.inputSize() != lower[start].length) {
            throw new IllegalArgumentException("suffix: sub-network does not start at layer " + start);
        }
        int m = sub.layerCount();
        if (start + m > network.layerCount()) throw new IllegalArgumentException("suffix: sub-network longer than the network");
        double[][] l = new double[m + 1][];
        double[][] u = new double[m + 1][];
        for (int k = 0; k <= m; k++) {
            l[k] = lower[start + k].clone();
            u[k] = upper[start + k].clone();
        }
        return new NetworkBounds(sub, l, u);
    }

    /** Component-wise intersection with {@code other} (bounds of the same network and box). */
    public NetworkBounds intersect(NetworkBounds other) {
        if (other.network != network && !other.network.equals(network)) throw new IllegalArgumentException("bounds of different networks");
        double[][] lo = copy(lower);
        double[][] hi = copy(upper);
        for (int k = 0; k < lo.length; k++) {
            for (int i = 0; i < lo[k].length; i++) {
                lo[k][i] = Math.max(lo[k][i], other.lower[k][i]);
                hi[k][i] = Math.min(hi[k][i], other.upper[k][i]);
            }
        }
        return new NetworkBounds(network, lo, hi);
    }

    /** True when {@code this} is at least as tight as {@code other} everywhere. */
    public boolean isWithin(NetworkBounds other) {
        for (int k = 0; k < lower.length; k++) {
            for (int i = 0; i < lower[k].length; i++) {
                if (lower[k][i] < other.lower[k][i] || upper[k][i] > other.upper[k][i]) return false;
            }
        }
        return true;
    }

    /** True when some bound is crossed (lower > upper): no input of the box reaches that layer value. */
    public boolean isEmpty() {
        for (int k = 0; k < lower.length; k++) for (int i = 0; i < lower[k].length; i++) if (lower[k][i] > upper[k][i]) return true;
        return false;
    }
}
