package org.nnmip.nnverify.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

class MagnitudePruningTest {
    private static final Network NET = new Network(2, List.of(
            AffineLayer.dense(new double[][] {{0.1, -4}, {3, -0.2}}, new double[] {1, 2}), new ReluLayer(2),
            AffineLayer.dense(new double[][] {{0.5, 0.05}}, new double[] {3})));

    @Test
    void perLayerZeroesTheSmallestFractionOfEachLayer() {
        Network p = MagnitudePruning.prune(NET, 0.5, MagnitudePruning.Scope.PER_LAYER);
        assertArrayEquals(new double[][] {{0, -4}, {3, 0}}, ((AffineLayer) p.layer(0)).weights());
        // round(0.5 * 2) = 1 of the last layer's two weights.
        assertArrayEquals(new double[][] {{0.5, 0}}, ((AffineLayer) p.layer(2)).weights());
        assertArrayEquals(new double[] {1, 2}, ((AffineLayer) p.layer(0)).bias());
        assertEquals(0.5, MagnitudePruning.sparsity(p));
    }

    @Test
    void globalZeroesTheSmallestFractionOverall() {
        Network p = MagnitudePruning.prune(NET, 0.5, MagnitudePruning.Scope.GLOBAL);
        // |w| sorted: 0.05, 0.1, 0.2 are the three smallest of six.
        assertArrayEquals(new double[][] {{0, -4}, {3, 0}}, ((AffineLayer) p.layer(0)).weights());
        assertArrayEquals(new double[][] {{0.5, 0}}, ((AffineLayer) p.layer(2)).weights());
        Network all = MagnitudePruning.prune(NET, 1, MagnitudePruning.Scope.GLOBAL);
        assertEquals(1.0, MagnitudePruning.sparsity(all));
        assertEquals(NET, MagnitudePruning.prune(NET, 0, MagnitudePruning.Scope.GLOBAL));
        assertThrows(IllegalArgumentException.class, () -> MagnitudePruning.prune(NET, 1.5, MagnitudePruning.Scope.GLOBAL));
    }
}
