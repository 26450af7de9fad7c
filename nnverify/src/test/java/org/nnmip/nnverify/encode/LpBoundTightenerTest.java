package org.nnmip.nnverify.encode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.bounds.BoundsReport;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Network;

class LpBoundTightenerTest {

    /** LP bounds are never looser, still contain every sampled value, and are strictly tighter somewhere. */
    @Test
    void tighterAndSound() {
        int tighter = 0;
        int stabilised = 0;
        for (int seed = 0; seed < 5; seed++) {
            Random rnd = new Random(seed);
            Network net = RandomNetworks.dense(rnd, 3, 10, 10, 10, 2);
            double[] lo = new double[3];
            double[] hi = new double[3];
            for (int i = 0; i < 3; i++) {
                lo[i] = -0.5 - rnd.nextDouble();
                hi[i] = 0.5 + rnd.nextDouble();
            }
            Box box = new Box(lo, hi);
            NetworkBounds start = IntervalBounds.compute(net, box).intersect(SymbolicBounds.compute(net, box));
            LpBoundTightener.Result r = LpBoundTightener.tighten(start, Long.MAX_VALUE);
            NetworkBounds b = r.bounds();
            assertTrue(b.isWithin(start), "seed " + seed + ": LP bounds looser than the start");
            stabilised += r.stabilised();
            assertTrue(BoundsReport.of(b).totalUnstable() <= BoundsReport.of(start).totalUnstable());
            for (int k = 0; k < net.layerCount(); k++) {
                for (int i = 0; i < net.sizeAfter(k); i++) if (b.upper(k, i) < start.upper(k, i) - 1e-9 || b.lower(k, i) > start.lower(k, i) + 1e-9) tighter++;
            }
            for (int s = 0; s < 2000; s++) {
                double[] x = new double[3];
                for (int i = 0; i < 3; i++) x[i] = lo[i] + rnd.nextDouble() * (hi[i] - lo[i]);
                Evaluation e = net.evaluate(x);
                for (int k = 0; k < net.layerCount(); k++) {
                    double[] v = e.layerOutput(k);
                    for (int i = 0; i < v.length; i++) {
                        assertTrue(v[i] >= b.lower(k, i) && v[i] <= b.upper(k, i), "seed " + seed + " layer " + k + " neuron " + i + " value " + v[i]
                                + " outside [" + b.lower(k, i) + ", " + b.upper(k, i) + "]");
                    }
                }
            }
        }
        assertTrue(tighter > 5, "LP tightening should improve some bounds, improved " + tighter);
        assertTrue(stabilised > 0, "LP tightening should stabilise some ReLU");
    }
}
