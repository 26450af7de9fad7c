package org.nnmip.nnverify.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Network;

/**
 * The tightening pipeline: every step only tightens, the stable/unstable counts never get worse, every value of
 * thousands of random inputs (and the box corners) lies within the final bounds, the parallel LP step gives the same
 * bounds as the sequential one (up to LP round-off), and MIP look-back is strictly tighter than LP somewhere.
 */
class BoundTighteningTest {

    private static Box randomBox(Random rnd, int n) {
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = -0.5 - rnd.nextDouble();
            hi[i] = 0.5 + rnd.nextDouble();
        }
        return new Box(lo, hi);
    }

    @Test
    void stepsOnlyTightenAndContainEverySampledValue() {
        int mipTighter = 0;
        for (int seed = 0; seed < 4; seed++) {
            Random rnd = new Random(70 + seed);
            Network net = seed % 2 == 0 ? RandomNetworks.dense(rnd, 3, 8, 8, 8, 2) : RandomNetworks.mixed(rnd, 3, 3, 7);
            Box box = randomBox(rnd, 3);
            BoundTightening.Options mip = new BoundTightening.Options(TighteningStep.MIP, 2, 5.0, 300);
            BoundTightening.Result r = BoundTightening.run(net, box, mip, 2, Long.MAX_VALUE);
            List<BoundTightening.StepReport> steps = r.steps();
            assertEquals(List.of(TighteningStep.values()), steps.stream().map(BoundTightening.StepReport::step).toList());
            for (int q = 1; q < steps.size(); q++) {
                assertTrue(steps.get(q).report().totalUnstable() <= steps.get(q - 1).report().totalUnstable(), "seed " + seed + ": " + steps);
            }
            NetworkBounds previous = null;
            for (BoundTightening.StepReport step : steps) {
                NetworkBounds b = step.bounds();
                if (previous != null) assertTrue(b.isWithin(previous), "seed " + seed + ": " + step.step() + " looser than the step before");
                if (step.step() == TighteningStep.MIP) mipTighter += strictlyTighter(b, previous);
                assertContainsSamples(net, box, b, new Random(seed), "seed " + seed + " " + step.step());
                previous = b;
            }
            assertTrue(r.bounds() == previous);
            // one thread and two threads tighten by LP to the same bounds (up to LP round-off)
            NetworkBounds one = BoundTightening.run(net, box, BoundTightening.Options.upTo(TighteningStep.LP), 1, Long.MAX_VALUE).bounds();
            NetworkBounds two = steps.get(2).bounds();
            for (int k = 0; k < net.layerCount(); k++) {
                for (int i = 0; i < net.sizeAfter(k); i++) {
                    assertEquals(one.lower(k, i), two.lower(k, i), 1e-5 * (1 + Math.abs(one.lower(k, i))), "seed " + seed + " layer " + k);
                    assertEquals(one.upper(k, i), two.upper(k, i), 1e-5 * (1 + Math.abs(one.upper(k, i))), "seed " + seed + " layer " + k);
                }
            }
        }
        assertTrue(mipTighter > 0, "MIP look-back should tighten some bound beyond LP");
    }

    @Test
    void lookBackOfOneLayerIsSoundToo() {
        Random rnd = new Random(5);
        Network net = RandomNetworks.dense(rnd, 4, 8, 8, 8, 8, 3);
        Box box = randomBox(rnd, 4);
        NetworkBounds b = BoundTightening.run(net, box, new BoundTightening.Options(TighteningStep.MIP, 1, 5.0, 300), 1, Long.MAX_VALUE).bounds();
        assertContainsSamples(net, box, b, rnd, "look-back 1");
    }

    private static int strictlyTighter(NetworkBounds b, NetworkBounds than) {
        int n = 0;
        Network net = b.network();
        for (int k = 0; k < net.layerCount(); k++) {
            for (int i = 0; i < net.sizeAfter(k); i++) {
                if (b.lower(k, i) > than.lower(k, i) + 1e-6 || b.upper(k, i) < than.upper(k, i) - 1e-6) n++;
            }
        }
        return n;
    }

    private static void assertContainsSamples(Network net, Box box, NetworkBounds b, Random rnd, String what) {
        int n = box.dimension();
        for (int s = 0; s < 3000; s++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                // corners and faces too: that is where extreme values sit
                double u = s < 1 << n ? ((s >> i) & 1) : s % 3 == 0 ? (rnd.nextBoolean() ? 0 : 1) : rnd.nextDouble();
                x[i] = box.lower(i) + u * (box.upper(i) - box.lower(i));
            }
            Evaluation e = net.evaluate(x);
            for (int k = 0; k < net.layerCount(); k++) {
                double[] v = e.layerOutput(k);
                for (int i = 0; i < v.length; i++) {
                    assertTrue(v[i] >= b.lower(k, i) && v[i] <= b.upper(k, i), what + ": layer " + k + " neuron " + i + " value " + v[i]
                            + " outside [" + b.lower(k, i) + ", " + b.upper(k, i) + "]");
                }
            }
        }
    }
}
