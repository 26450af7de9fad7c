package org.nnmip.nnverify.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.property.OutputCondition;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibCounterexample;

class ExactEvaluationTest {
    /** h1 = h2 = 1e16 x; y = 1 + h1 - h2: exactly 1, but 0 in double (1 + 1e16 rounds to 1e16). */
    private static final Network CANCELLING = new Network(1, List.of(
            AffineLayer.dense(new double[][] {{1e16}, {1e16}}, new double[] {0, 0}), new ReluLayer(2),
            AffineLayer.dense(new double[][] {{1, -1}}, new double[] {1})));

    @Test
    void exactOutputAgreesWithDoubleOnAcasXu() throws Exception {
        Path file = Path.of(System.getProperty("nnmip.testdata", "../testdata"), "nn", "acasxu", "ACASXU_run2a_1_1_batch_2000.onnx");
        Network net = NetworkFiles.read(file);
        Random rnd = new Random(3);
        for (int t = 0; t < 20; t++) {
            double[] x = new double[net.inputSize()];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() - 0.5;
            double[] y = net.apply(x);
            BigDecimal[] e = ExactEvaluation.apply(net, x);
            for (int j = 0; j < y.length; j++) assertEquals(y[j], e[j].doubleValue(), 1e-9 * (1 + Math.abs(y[j])));
        }
    }

    @Test
    void exactArithmeticSeesWhatRoundingHides() {
        assertEquals(0.0, CANCELLING.apply(new double[] {1})[0]);
        assertEquals(0, BigDecimal.ONE.compareTo(ExactEvaluation.apply(CANCELLING, new double[] {1})[0]));
    }

    @Test
    void aCounterexampleOnlyRoundingMakesIsRejected() {
        // Violation set: Y_0 <= 0.5 over x in [1, 1]. Double says 0 <= 0.5; the real network gives 1.
        OutputCondition cond = new OutputCondition(1, List.of(List.of(new OutputConstraint(new double[] {1}, 0.5))));
        Property p = new Property(1, 1, List.of(new Box(new double[] {1}, new double[] {1})), cond);
        VnnlibCounterexample.Check c = VnnlibCounterexample.of(CANCELLING, new double[] {1}).check(p, CANCELLING, 0.0);
        assertTrue(c.inputInBox() && c.outputViolates(), "double arithmetic accepts it");
        assertEquals(Optional.of(false), c.exactOutputViolates());
        assertEquals(0, new BigDecimal("-0.5").compareTo(c.exactMargin().orElseThrow()));
        assertEquals(0.5, c.margin());
        assertFalse(c.isValid());
    }

    @Test
    void residualMaxPoolAndArctan() {
        Network net = new Network(2, List.of(AffineLayer.dense(new double[][] {{0.1, 0.2}, {0.3, -0.7}}, new double[] {0.1, 0}),
                new ReluLayer(2), new ResidualAddLayer(2, -1), new MaxPoolLayer(2, new int[][] {{0, 1}})));
        double[] x = {0.3, -0.2};
        BigDecimal[] e = ExactEvaluation.apply(net, x);
        // relu(0.1*0.3 + 0.2*(-0.2) + 0.1) = 0.09, relu(0.3*0.3 + 0.7*0.2) = 0.23; + x = (0.39, 0.03); max = 0.39.
        assertEquals(0.39, e[0].doubleValue(), 1e-15);
        assertEquals(net.apply(x)[0], e[0].doubleValue(), 1e-15);
        Network withAtan = new Network(1, List.of(new ArctanLayer(1)));
        assertFalse(ExactEvaluation.supports(withAtan));
        assertThrows(IllegalArgumentException.class, () -> ExactEvaluation.apply(withAtan, new double[] {0}));
    }
}
