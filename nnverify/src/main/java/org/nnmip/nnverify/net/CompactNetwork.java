package org.nnmip.nnverify.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The form a MIP encoder wants: stages {@code z_k = W_k a_{k-1} + b_k, a_k = act_k(z_k)} with {@code a_{-1}} the
 * input. Consecutive affine layers are multiplied together, reshapes vanish, a ReLU or max-pool becomes the
 * activation of the stage before it (a stage whose activation comes with no affine map gets the identity map).
 * Residual adds do not fit this chain form and are rejected.
 */
public record CompactNetwork(int inputSize, List<Stage> stages) {

    public enum Activation { IDENTITY, RELU, MAXPOOL }

    /**
     * One stage: the affine map and the activation applied to its output (pooling groups when MAXPOOL).
     * {@code preActivationLayer} is the index of the original network layer whose output equals the affine
     * map's output {@code z}, so bounds computed on the network ({@code NetworkBounds.lower(preActivationLayer)})
     * bound {@code z}; -1 when {@code z} is the network input itself.
     */
    public record Stage(AffineLayer affine, Activation activation, MaxPoolLayer pooling, int preActivationLayer) {
        public Stage {
            if ((activation == Activation.MAXPOOL) != (pooling != null)) {
                throw new IllegalArgumentException("stage: pooling groups must be given exactly for MAXPOOL");
            }
        }
        public int outputSize() { return pooling != null ? pooling.outputSize() : affine.outputSize(); }
    }

    public CompactNetwork {
        stages = List.copyOf(stages);
    }

    public static CompactNetwork of(Network net) {
        List<Stage> stages = new ArrayList<>();
        AffineLayer pending = null;
        int size = net.inputSize();
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            switch (layer) {
                case AffineLayer a -> pending = pending == null ? a : a.after(pending);
                case ReshapeLayer r -> { }
                case ReluLayer r -> {
                    stages.add(new Stage(pending != null ? pending : identity(size), Activation.RELU, null, k - 1));
                    pending = null;
                }
                case MaxPoolLayer m -> {
                    stages.add(new Stage(pending != null ? pending : identity(size), Activation.MAXPOOL, m, k - 1));
                    pending = null;
                }
                case ResidualAddLayer add -> throw new IllegalArgumentException(
                        "layer " + k + " (" + layer.describe() + "): residual adds have no compact chain form");
                case ArctanLayer t -> throw new IllegalArgumentException(
                        "layer " + k + " (" + layer.describe() + "): arctan has no compact (ReLU/max-pool) chain form");
            }
            size = layer.outputSize();
        }
        if (pending != null) stages.add(new Stage(pending, Activation.IDENTITY, null, net.layerCount() - 1));
        return new CompactNetwork(net.inputSize(), stages);
    }

    static AffineLayer identity(int n) {
        double[] one = new double[n];
        java.util.Arrays.fill(one, 1.0);
        return AffineLayer.diagonal(one, new double[n]);
    }

    /** Forward evaluation of the compact form (equal to the network's up to rounding of the folded products). */
    public double[] apply(double[] x) {
        double[] a = x.clone();
        for (Stage s : stages) {
            double[] z = s.affine().apply(a);
            a = switch (s.activation()) {
                case IDENTITY -> z;
                case RELU -> {
                    for (int i = 0; i < z.length; i++) z[i] = Math.max(0.0, z[i]);
                    yield z;
                }
                case MAXPOOL -> s.pooling().apply(z);
            };
        }
        return a;
    }
}
