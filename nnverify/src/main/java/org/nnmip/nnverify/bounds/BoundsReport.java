package org.nnmip.nnverify.bounds;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * ReLU stability per ReLU layer: stable-active (pre-activation lower bound >= 0), stable-inactive (upper bound
 * <= 0) and unstable neurons. Unstable ReLUs are the ones a MIP encoding needs binaries for.
 */
public record BoundsReport(List<LayerCount> layers) {

    /** Counts for the ReLU layer with index {@code layer} in the network. */
    public record LayerCount(int layer, int stableActive, int stableInactive, int unstable) {
        public int total() { return stableActive + stableInactive + unstable; }
    }

    public BoundsReport {
        layers = List.copyOf(layers);
    }

    public static BoundsReport of(NetworkBounds bounds) {
        Network net = bounds.network();
        List<LayerCount> out = new ArrayList<>();
        for (int k = 0; k < net.layerCount(); k++) {
            if (!(net.layer(k) instanceof ReluLayer)) continue;
            int active = 0;
            int inactive = 0;
            int unstable = 0;
            for (int i = 0; i < net.layer(k).inputSize(); i++) {
                switch (bounds.reluPhase(k, i)) {
                    case ACTIVE -> active++;
                    case INACTIVE -> inactive++;
                    case UNSTABLE -> unstable++;
                }
            }
            out.add(new LayerCount(k, active, inactive, unstable));
        }
        return new BoundsReport(out);
    }

    public int totalUnstable() { return layers.stream().mapToInt(LayerCount::unstable).sum(); }
    public int totalStableActive() { return layers.stream().mapToInt(LayerCount::stableActive).sum(); }
    public int totalStableInactive() { return layers.stream().mapToInt(LayerCount::stableInactive).sum(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (LayerCount c : layers) {
            sb.append(String.format("layer %d: %d active, %d inactive, %d unstable%n", c.layer(), c.stableActive(), c.stableInactive(), c.unstable()));
        }
        return sb.append(String.format("total: %d active, %d inactive, %d unstable", totalStableActive(), totalStableInactive(), totalUnstable())).toString();
    }
}
