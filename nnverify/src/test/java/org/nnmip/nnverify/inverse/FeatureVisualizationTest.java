package org.nnmip.nnverify.inverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.net.Network;

class FeatureVisualizationTest {
    private static double value(Network net, double[] x, int layer, int index) {
        return layer < 0 ? x[index] : net.evaluate(x).layerOutput(layer)[index];
    }

    @Test
    void noSampleBeatsTheOptimumOfAnyNeuron() {
        Random rnd = new Random(5);
        int checked = 0;
        for (int seed = 0; seed < 4; seed++) {
            RandomNets r = new RandomNets(100 + seed, new int[] {3, 6, 5, 2}, false);
            Network net = r.net;
            double[] lo = {-1, -0.5, -2};
            double[] hi = {1, 1.5, 0};
            // layers: 0 affine, 1 relu, 2 affine (pre-activation of layer 3), 3 relu, 4 affine (outputs)
            for (int layer : new int[] {0, 2, 4}) {
                for (boolean max : new boolean[] {true, false}) {
                    int index = seed % net.sizeAfter(layer);
                    InverseResult res = FeatureVisualization.neuron(net, lo, hi, layer, index, max, false, InverseModels.defaultParameters());
                    assertEquals("optimal", res.status(), "seed " + seed + " layer " + layer);
                    double[] x = res.input();
                    for (int i = 0; i < 3; i++) assertTrue(x[i] >= lo[i] - 1e-9 && x[i] <= hi[i] + 1e-9);
                    assertEquals(value(net, x, layer, index), res.objective(), 1e-12);
                    assertArrayEquals(net.apply(x), res.output(), 1e-12);
                    for (int s = 0; s < 3000; s++) {
                        double[] z = new double[3];
                        for (int i = 0; i < 3; i++) z[i] = lo[i] + rnd.nextDouble() * (hi[i] - lo[i]);
                        double v = value(net, z, layer, index);
                        assertTrue(max ? v <= res.objective() + 1e-6 : v >= res.objective() - 1e-6,
                                "sample " + v + " beats optimum " + res.objective());
                    }
                    checked++;
                }
            }
        }
        assertEquals(24, checked);
    }

    @Test
    void twoInputOptimumMatchesAFineGrid() {
        for (int seed = 0; seed < 3; seed++) {
            RandomNets r = new RandomNets(200 + seed, new int[] {2, 8, 6, 1}, false);
            double[] lo = {-1, -1};
            double[] hi = {1, 1};
            InverseResult res = FeatureVisualization.neuron(r.net, lo, hi, 4, 0, true, false, InverseModels.defaultParameters());
            assertEquals("optimal", res.status());
            int g = 200;
            double h = 2.0 / g;
            double gridMax = Double.NEGATIVE_INFINITY;
            for (int a = 0; a <= g; a++) {
                for (int c = 0; c <= g; c++) gridMax = Math.max(gridMax, r.net.apply(new double[] {-1 + a * h, -1 + c * h})[0]);
            }
            assertTrue(res.objective() >= gridMax - 1e-7, "grid " + gridMax + " beats MIP " + res.objective());
            // Any point is within h/2 (max norm) of a grid point.
            assertTrue(res.objective() - gridMax <= r.lipschitzInf() * h / 2 + 1e-9,
                    "MIP " + res.objective() + " too far above grid " + gridMax);
        }
    }

    @Test
    void integerInputsMatchEnumeration() {
        for (int seed = 0; seed < 3; seed++) {
            RandomNets r = new RandomNets(300 + seed, new int[] {3, 5, 2}, false);
            double[] lo = {-2.5, -1, 0.2};
            double[] hi = {2, 1.7, 3};
            InverseResult res = FeatureVisualization.linear(r.net, lo, hi, 2, new double[] {1, -0.5}, true, true,
                    InverseModels.defaultParameters());
            assertEquals("optimal", res.status());
            double best = Double.NEGATIVE_INFINITY;
            for (int a = -2; a <= 2; a++) {
                for (int c = -1; c <= 1; c++) {
                    for (int d = 1; d <= 3; d++) {
                        double[] y = r.net.apply(new double[] {a, c, d});
                        best = Math.max(best, y[0] - 0.5 * y[1]);
                    }
                }
            }
            assertEquals(best, res.objective(), 1e-7);
            for (double v : res.input()) assertEquals(Math.rint(v), v, 0.0);
        }
    }

    @Test
    void outputRangeEnclosesSamplesAndIsAttained() {
        RandomNets r = new RandomNets(400, new int[] {2, 6, 3}, true);
        double[] lo = {-1, -1};
        double[] hi = {1, 2};
        FeatureVisualization.OutputRange range = FeatureVisualization.outputRange(r.net, lo, hi, false, InverseModels.defaultParameters());
        assertTrue(range.exact());
        Random rnd = new Random(1);
        double[] seenMin = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] seenMax = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int s = 0; s < 20000; s++) {
            double[] y = r.net.apply(new double[] {-1 + 2 * rnd.nextDouble(), -1 + 3 * rnd.nextDouble()});
            for (int j = 0; j < 3; j++) {
                assertTrue(y[j] >= range.min()[j] - 1e-7 && y[j] <= range.max()[j] + 1e-7);
                seenMin[j] = Math.min(seenMin[j], y[j]);
                seenMax[j] = Math.max(seenMax[j], y[j]);
            }
        }
        // 20000 samples in 2-D come close to the optimum (Lipschitz * typical spacing).
        for (int j = 0; j < 3; j++) {
            assertTrue(seenMin[j] - range.min()[j] <= 0.1 && range.max()[j] - seenMax[j] <= 0.1, "output " + j);
        }
    }

    @Test
    void emptyIntegerBoxIsInfeasibleAndBadLayerIsRejected() {
        RandomNets r = new RandomNets(500, new int[] {2, 3, 1}, false);
        InverseResult res = FeatureVisualization.neuron(r.net, new double[] {0.2, 0}, new double[] {0.8, 1}, 2, 0, true, true,
                InverseModels.defaultParameters());
        assertTrue(res.isInfeasible());
        assertTrue(!res.hasPoint());
        assertThrows(IllegalArgumentException.class, () -> FeatureVisualization.neuron(r.net, new double[] {0, 0},
                new double[] {1, 1}, 3, 0, true, false, InverseModels.defaultParameters()));
        assertThrows(IllegalArgumentException.class, () -> FeatureVisualization.neuron(r.net, new double[] {0, 0},
                new double[] {1, 1}, 0, 7, true, false, InverseModels.defaultParameters()));
    }
}
