package org.nnmip.nnverify.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipStatus;
import org.nnmip.mip.MipSolver;
import org.nnmip.model.LinearExpr;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.SolutionChecker;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.bounds.BoundsReport;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

class ReluMipEncoderTest {

    private static NetworkBounds bounds(Network net, Box box) {
        return IntervalBounds.compute(net, box).intersect(SymbolicBounds.compute(net, box));
    }

    private static Box randomBox(Random rnd, int n) {
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            double c = rnd.nextDouble() * 2 - 1;
            double r = 0.1 + rnd.nextDouble() * 0.5;
            lo[i] = c - r;
            hi[i] = c + r;
        }
        return new Box(lo, hi);
    }

    /** Every forward pass completes to a feasible model point whose output forms equal the network outputs. */
    @Test
    void completedEvaluationsAreFeasibleAndReproduceOutputs() {
        SolutionChecker checker = new SolutionChecker(1e-9, 0.0);
        for (int seed = 0; seed < 30; seed++) {
            Random rnd = new Random(seed);
            Network net = seed % 3 == 0 ? RandomNetworks.dense(rnd, 4, 10, 10, 3) : RandomNetworks.mixed(rnd, 4, 3, 8);
            Box box = randomBox(rnd, 4);
            ReluMipEncoding enc = ReluMipEncoder.encode(bounds(net, box));
            for (int s = 0; s < 40; s++) {
                double[] x = new double[4];
                for (int i = 0; i < 4; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
                if (s == 0) x = box.lower();
                if (s == 1) x = box.upper();
                double[] p = enc.complete(x);
                SolutionChecker.Report rep = checker.check(enc.model(), p);
                assertTrue(rep.feasible(), "seed " + seed + " sample " + s + ": " + rep);
                double[] y = net.apply(x);
                AffineForm[] out = enc.outputs();
                for (int j = 0; j < y.length; j++) assertEquals(y[j], out[j].evaluate(p), 1e-9 * (1 + Math.abs(y[j])));
            }
        }
    }

    /** Binaries exactly for unstable ReLUs, earlier layers branched first. */
    @Test
    void binariesForUnstableNeuronsWithLayerPriorities() {
        Random rnd = new Random(7);
        Network net = RandomNetworks.dense(rnd, 3, 12, 12, 12, 2);
        NetworkBounds b = bounds(net, randomBox(rnd, 3));
        ReluMipEncoding enc = ReluMipEncoder.encode(b);
        assertEquals(BoundsReport.of(b).totalUnstable(), enc.binaryCount());
        assertEquals(enc.binaryCount(), enc.model().numBinaryVariables());
        int lastLayer = -1;
        int lastPriority = Integer.MAX_VALUE;
        for (Variable v : enc.model().variables()) {
            if (enc.role(v.index()) != ReluMipEncoding.Role.RELU_PHASE) continue;
            int k = enc.roleLayer(v.index());
            assertTrue(k >= lastLayer);
            if (k > lastLayer) assertTrue(v.branchPriority() < lastPriority, "priority must drop with depth");
            lastLayer = k;
            lastPriority = v.branchPriority();
        }
        assertTrue(enc.binaryCount() > 0, "test wants some unstable neurons");
    }

    /** Maximising an output over the encoding gives the true maximum: at least every sample, attained by its input. */
    @Test
    void maximisingAnOutputMatchesTheNetwork() {
        for (int seed = 0; seed < 8; seed++) {
            Random rnd = new Random(100 + seed);
            Network net = seed % 2 == 0 ? RandomNetworks.dense(rnd, 2, 8, 8, 1) : RandomNetworks.mixed(rnd, 2, 2, 6);
            Box box = randomBox(rnd, 2);
            ReluMipEncoding enc = ReluMipEncoder.encode(bounds(net, box));
            Model m = enc.model();
            AffineForm y = enc.outputs()[0];
            LinearExpr.Builder obj = LinearExpr.builder();
            for (int k = 0; k < y.size(); k++) obj.add(y.coefficients()[k], m.variable(y.variables()[k]));
            m.setObjective(obj.build(), ObjectiveSense.MAXIMIZE);
            MipResult r = new MipSolver().solve(m, MipParameters.defaults().withThreads(1));
            assertEquals(MipStatus.OPTIMAL, r.status(), "seed " + seed);
            double best = r.objective() + y.constant();
            double[] xStar = enc.inputOf(r.incumbent().orElseThrow());
            assertTrue(box.contains(xStar, 1e-7));
            assertEquals(best, net.apply(xStar)[0], 1e-5, "seed " + seed + ": MIP optimum must be the network value at its input");
            // dense grid: nothing beats the MIP optimum
            for (int a = 0; a <= 60; a++) {
                for (int c = 0; c <= 60; c++) {
                    double[] x = {box.lower(0) + a / 60.0 * (box.upper(0) - box.lower(0)), box.lower(1) + c / 60.0 * (box.upper(1) - box.lower(1))};
                    assertTrue(net.apply(x)[0] <= best + 1e-6, "seed " + seed + ": grid point beats the MIP optimum");
                }
            }
        }
    }

    @Test
    void unboundedPreActivationIsRejected() {
        Network net = new Network(1, List.of(AffineLayer.dense(new double[][] {{1}}, new double[] {0}), new ReluLayer(1)));
        NetworkBounds b = NetworkBounds.unbounded(net, new Box(new double[] {Double.NEGATIVE_INFINITY}, new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReluMipEncoder.encode(IntervalBounds.tighten(b)));
        assertTrue(e.getMessage().contains("ReLU layer 1 neuron 0"), e.getMessage());
    }
}
