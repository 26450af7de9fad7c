package org.nnmip.nnverify.inverse;

import static org.nnmip.nnverify.net.Evaluation.argmax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.inverse.AdversarialProblem.Condition;

/** Solve time and node count of inverse results, and the MIP start of {@link MinimalAdversarial}. */
class InverseResultMetaTest {


    /** The sampled box point closest (L1) to the original that meets the condition, or null. */
    private static double[] nearestSample(RandomNets r, AdversarialProblem p, Random rnd) {
        double[] best = null;
        double bestD = Double.POSITIVE_INFINITY;
        double[] lo = p.lower();
        double[] hi = p.upper();
        for (int s = 0; s < 3000; s++) {
            double[] x = new double[lo.length];
            for (int i = 0; i < x.length; i++) x[i] = lo[i] + (hi[i] - lo[i]) * rnd.nextDouble();
            if (p.slack(r.net.apply(x)) >= 0 && p.distance(x) < bestD) {
                bestD = p.distance(x);
                best = x;
            }
        }
        return best;
    }

    @Test
    void aStartOfTheTargetClassIsUsedAndKeepsTheOptimum() {
        Random rnd = new Random(3);
        int withStart = 0;
        for (int c = 0; c < 4; c++) {
            RandomNets r = new RandomNets(900 + c, new int[] {4, 6, 5, 3}, false);
            double[] xt = new double[4];
            for (int i = 0; i < 4; i++) xt[i] = rnd.nextDouble() - 0.5;
            int src = argmax(r.net.apply(xt));
            int tgt = (src + 1) % 3;
            AdversarialProblem p = AdversarialProblem.of(xt, src, tgt, new double[] {-2, -2, -2, -2}, new double[] {2, 2, 2, 2})
                    .withCondition(Condition.MARGIN, 0.1);
            double[] x0 = nearestSample(r, p, rnd);
            if (x0 == null) continue;
            withStart++;
            InverseResult plain = MinimalAdversarial.solve(r.net, p, InverseModels.defaultParameters());
            InverseResult started = MinimalAdversarial.solve(r.net, p, InverseModels.defaultParameters(), x0);
            assertEquals("optimal", plain.status(), "case " + c);
            assertEquals("optimal", started.status(), "case " + c);
            assertEquals(plain.objective(), started.objective(), 1e-6 * (1 + plain.objective()), "case " + c);
            assertTrue(started.objective() <= p.distance(x0) + 1e-9, "case " + c);
            assertTrue(started.timeSeconds() > 0 && plain.timeSeconds() > 0);
            assertTrue(started.nodes() >= 0 && plain.nodes() >= 0);
            // Stopped at once, the search still returns the start (or better): it entered as the incumbent.
            InverseResult stopped = MinimalAdversarial.solve(r.net, p, InverseModels.defaultParameters().withTimeLimitSeconds(1e-6), x0);
            assertTrue(stopped.hasPoint(), "case " + c + ": " + stopped.status());
            assertTrue(stopped.objective() <= p.distance(x0) + 1e-9, "case " + c);
            assertTrue(p.slack(stopped.output()) >= -1e-6, "case " + c);
            assertTrue(!stopped.status().equals("unverified"), "case " + c);
        }
        assertTrue(withStart >= 3, "sampling should find target points on most nets, got " + withStart);
    }

    @Test
    void aStartMissingTheConditionIsIgnored() {
        RandomNets r = new RandomNets(950, new int[] {3, 5, 3}, false);
        double[] xt = {0.1, -0.2, 0.3};
        int src = argmax(r.net.apply(xt));
        AdversarialProblem p = AdversarialProblem.of(xt, src, (src + 1) % 3, new double[] {-1, -1, -1}, new double[] {1, 1, 1})
                .withCondition(Condition.MARGIN, 0.05);
        assertTrue(p.slack(r.net.apply(xt)) < 0, "the original itself misses the condition");
        InverseResult plain = MinimalAdversarial.solve(r.net, p, InverseModels.defaultParameters());
        InverseResult started = MinimalAdversarial.solve(r.net, p, InverseModels.defaultParameters(), xt);
        assertEquals(plain.status(), started.status());
        if (plain.hasPoint()) assertEquals(plain.objective(), started.objective(), 1e-6 * (1 + plain.objective()));
        assertThrows(IllegalArgumentException.class,
                () -> MinimalAdversarial.solve(r.net, p, InverseModels.defaultParameters(), new double[] {0, 0}));
    }

    @Test
    void visualisationReportsTimeAndNodes() {
        RandomNets r = new RandomNets(960, new int[] {3, 5, 2}, false);
        double[] lo = {-1, -1, -1};
        double[] hi = {1, 1, 1};
        InverseResult res = FeatureVisualization.neuron(r.net, lo, hi, 2, 0, true, false, InverseModels.defaultParameters());
        assertEquals("optimal", res.status());
        assertTrue(res.timeSeconds() > 0);
        assertTrue(res.nodes() >= 0);
        // Sampling never beats the proven maximum.
        Random rnd = new Random(1);
        for (int s = 0; s < 500; s++) {
            double[] x = {2 * rnd.nextDouble() - 1, 2 * rnd.nextDouble() - 1, 2 * rnd.nextDouble() - 1};
            assertTrue(r.net.apply(x)[0] <= res.objective() + 1e-7);
        }
        // An empty integer box is answered without a search: no nodes.
        InverseResult empty = FeatureVisualization.neuron(r.net, new double[] {0.2, 0, 0}, new double[] {0.8, 0, 0}, 2, 0, true,
                true, InverseModels.defaultParameters());
        assertEquals("infeasible", empty.status());
        assertEquals(0, empty.nodes());
        assertTrue(empty.timeSeconds() >= 0);
    }
}
