package org.nnmip.nnverify.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.io.MnistOnnxTestData;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibParser;

/** Bounds on the benchmark networks: soundness on samples and the ReLU stability report. */
class RealNetworkBoundsTest {

    @Test
    void acasProperty1OnNetwork1_1() throws Exception {
        Network net = NetworkFiles.read(TestData.acasOnnx("1_1"));
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_1.vnnlib"));
        Box box = p.inputBoxes().getFirst();
        NetworkBounds ibp = IntervalBounds.compute(net, box);
        NetworkBounds sym = SymbolicBounds.compute(net, box);
        assertTrue(sym.isWithin(ibp));
        BoundsReport ri = BoundsReport.of(ibp);
        BoundsReport rs = BoundsReport.of(sym);
        assertEquals(6, rs.layers().size());
        for (BoundsReport.LayerCount c : rs.layers()) assertEquals(50, c.total());
        assertEquals(300, rs.totalStableActive() + rs.totalStableInactive() + rs.totalUnstable());
        assertTrue(rs.totalUnstable() < ri.totalUnstable(), "symbolic " + rs.totalUnstable() + " vs IBP " + ri.totalUnstable());
        // Observed (DeepPoly, no splitting): 11 active, 42 inactive, 247 unstable; IBP (canonical): 256 unstable.
        assertTrue(rs.totalUnstable() <= 247, "regression: never looser than observed");
        assertEquals(256, ri.totalUnstable());
        // Every neuron found inactive stays at or below 0 on samples; active ones at or above.
        Random check = new Random(2);
        for (int s = 0; s < 500; s++) {
            org.nnmip.nnverify.net.Evaluation e = net.evaluate(BoundsPropertyTest.sample(check, box, s));
            for (BoundsReport.LayerCount c : rs.layers()) {
                double[] pre = e.preActivation(c.layer());
                for (int i = 0; i < pre.length; i++) {
                    switch (sym.reluPhase(c.layer(), i)) {
                        case ACTIVE -> assertTrue(pre[i] >= 0);
                        case INACTIVE -> assertTrue(pre[i] <= 0);
                        case UNSTABLE -> { }
                    }
                }
            }
        }
        Random rnd = new Random(8);
        for (int s = 0; s < 3000; s++) {
            double[] x = BoundsPropertyTest.sample(rnd, box, s);
            BoundsPropertyTest.assertContains(sym, net.evaluate(x), "ACAS 1_1 prop 1");
        }
    }

    @Test
    void mnistLinfBall() throws Exception {
        Network net = NetworkFiles.read(TestData.nn("mnistfc", "mnist-net_256x2.onnx"));
        double[] image = MnistOnnxTestData.image(1);
        Box box = Box.ball(image, 0.02, 0, 1);
        NetworkBounds ibp = IntervalBounds.compute(net, box);
        NetworkBounds sym = SymbolicBounds.compute(net, box);
        assertTrue(sym.isWithin(ibp));
        BoundsReport rs = BoundsReport.of(sym);
        assertEquals(2, rs.layers().size());
        assertEquals(512, rs.totalStableActive() + rs.totalStableInactive() + rs.totalUnstable());
        assertTrue(rs.totalUnstable() <= BoundsReport.of(ibp).totalUnstable());
        Random rnd = new Random(4);
        for (int s = 0; s < 300; s++) {
            BoundsPropertyTest.assertContains(sym, net.evaluate(BoundsPropertyTest.sample(rnd, box, s)), "MNIST eps 0.02");
        }
    }
}
