package org.nnmip.perf.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** 150 random verification instances: zero disagreements with SCIP on an independent encoding and with sampling. */
class WrongAnswerHuntTest {
    @Test
    void noWrongAnswersOnRandomSmallInstances() {
        WrongAnswerHunt.Tally t = WrongAnswerHunt.run(1, 150, 2000);
        assertEquals(List.of(), t.disagreements().subList(0, Math.min(10, t.disagreements().size())), t.toString());
        // Every instance decided, except on the boundary, where a point may violate the property in double but not
        // in exact arithmetic (the disagreement list already holds any unknown off the boundary).
        assertEquals(150, t.sat() + t.unsat() + t.unknown(), t.toString());
        assertTrue(t.unknown() <= t.ambiguous(), t.toString());
        assertTrue(t.sat() >= 30 && t.unsat() >= 30, "want both verdicts: " + t);
    }

    @Test
    void theReferenceEncodingIsExactOnAHandCheckedNetwork() {
        // y = relu(x0 - x1) - relu(x1 - x0) = x0 - x1 on [0,1]^2: max of (0.5 - y) is 0.5 + 1 = 1.5 at x = (0, 1).
        var net = new org.nnmip.nnverify.net.Network(2, List.of(
                org.nnmip.nnverify.net.AffineLayer.dense(new double[][] {{1, -1}, {-1, 1}}, new double[] {0, 0}),
                new org.nnmip.nnverify.net.ReluLayer(2),
                org.nnmip.nnverify.net.AffineLayer.dense(new double[][] {{1, -1}}, new double[] {0})));
        var box = new org.nnmip.nnverify.bounds.Box(new double[] {0, 0}, new double[] {1, 1});
        org.nnmip.perf.OrToolsNatives.load();
        double m = WrongAnswerHunt.maxMargin(net, box, List.of(new org.nnmip.nnverify.property.OutputConstraint(new double[] {1}, 0.5)), 1e7)[0];
        assertEquals(1.5, m, 1e-6);
    }
}
