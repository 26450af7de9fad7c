package org.nnmip.nnverify.invertibility;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Two copies of a network side by side: {@code (x, y) -> (f(x), f(y))} with block-diagonal affine layers (a residual
 * add of the doubled vectors adds each copy to its own copy). Encoding
 * this one network with {@link org.nnmip.nnverify.encode.ReluMipEncoder} gives both copies, each with its own
 * binaries, in one model (the encoder always creates a fresh model, so it cannot be called twice on the same one).
 */
final class PairedNetwork {
    private PairedNetwork() { }

    static Network of(Network net) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            switch (layer) {
                case AffineLayer a -> layers.add(doubled(a));
                case ReluLayer r -> layers.add(new ReluLayer(2 * r.size()));
                // Layer indices are kept, so residual sources still point at the same (now doubled) layer.
                case ReshapeLayer r -> layers.add(ReshapeLayer.flatten(2 * r.size()));
                case ResidualAddLayer add -> layers.add(new ResidualAddLayer(2 * add.size(), add.source()));
                default -> throw new IllegalArgumentException("invertibility: layer " + k + " (" + layer.describe()
                        + ") is not supported; only affine, ReLU and residual add layers");
            }
        }
        return new Network(2 * net.inputSize(), layers);
    }

    private static AffineLayer doubled(AffineLayer a) {
        int rows = a.outputSize();
        int cols = a.inputSize();
        int nz = a.nonZeros();
        int[] start = new int[2 * rows + 1];
        int[] column = new int[2 * nz];
        double[] value = new double[2 * nz];
        double[] bias = new double[2 * rows];
        int p = 0;
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < rows; i++) {
                start[copy * rows + i] = p;
                for (int q = a.rowStart(i); q < a.rowEnd(i); q++) {
                    column[p] = a.column(q) + copy * cols;
                    value[p++] = a.value(q);
                }
                bias[copy * rows + i] = a.bias(i);
            }
        }
        start[2 * rows] = p;
        return AffineLayer.sparse(2 * cols, start, column, value, bias);
    }
}
