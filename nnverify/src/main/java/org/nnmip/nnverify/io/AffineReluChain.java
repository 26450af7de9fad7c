package org.nnmip.nnverify.io;

import java.util.ArrayList;
import java.util.List;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** The affine layers of an affine, ReLU, affine, ..., affine network: the only shape .nnet (and our ONNX writer) store. */
final class AffineReluChain {
    private AffineReluChain() { }

    static List<AffineLayer> of(Network net, String format) {
        List<Layer> layers = net.layers();
        List<AffineLayer> affine = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (i % 2 == 0 && l instanceof AffineLayer a) {
                affine.add(a);
            } else if (i % 2 != 0 && l instanceof ReluLayer) {
                continue;
            } else {
                throw new IllegalArgumentException("cannot write " + format + ": layer " + i + " (" + l.describe()
                        + ") breaks the affine, ReLU, affine, ..., affine pattern this format stores");
            }
        }
        if (layers.size() % 2 == 0) {
            throw new IllegalArgumentException("cannot write " + format + ": the network ends with a ReLU, the format needs a final affine layer");
        }
        return affine;
    }
}
