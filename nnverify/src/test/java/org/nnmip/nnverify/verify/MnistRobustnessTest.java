package org.nnmip.nnverify.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.io.MnistOnnxTestData;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.LocalRobustnessProperty;
import org.nnmip.nnverify.property.LocalRobustnessProperty.Norm;

/**
 * Local robustness of the VNN-COMP MNIST 256x2 network around test image 1 (a 7), pixels in [0, 1]: a small ball is
 * robust, a large one is not (the counterexample is re-checked by a forward pass and lies in the ball).
 */
class MnistRobustnessTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Norm.LINF, 0.005, 1, Verdict.UNSAT),
                Arguments.of(Norm.LINF, 0.1, 1, Verdict.SAT),
                Arguments.of(Norm.LINF, 0.01, 2, Verdict.UNSAT),
                Arguments.of(Norm.L1, 0.2, 1, Verdict.UNSAT),
                Arguments.of(Norm.LINF, 0.15, 2, Verdict.SAT),
                Arguments.of(Norm.L1, 20.0, 1, Verdict.SAT));
    }

    @ParameterizedTest(name = "{0} eps {1} top-{2}")
    @MethodSource("cases")
    void verdict(Norm norm, double eps, int topK, Verdict expected) throws Exception {
        Network net = NetworkFiles.read(TestData.nn("mnistfc", "mnist-net_256x2.onnx"));
        double[] x = MnistOnnxTestData.image(1);
        int label = MnistOnnxTestData.labels()[0];
        double[] zeros = new double[x.length];
        double[] ones = new double[x.length];
        Arrays.fill(ones, 1.0);
        LocalRobustnessProperty p = new LocalRobustnessProperty(x, eps, norm, label, topK, net.outputSize(), new Box(zeros, ones));
        VerificationResult r = new RobustnessVerifier(net, VerificationOptions.defaults().withTimeLimitSeconds(30).withFalsifierSeconds(0.5)).verify(p);
        assertEquals(expected, r.verdict(), p + ": " + r.reason() + " " + r.statistics());
        if (expected == Verdict.SAT) {
            double[] c = r.counterexample().orElseThrow().input();
            assertTrue(p.inRegion(c, 0.0), "counterexample outside the ball");
            double[] y = net.apply(c);
            assertTrue(p.isViolatedBy(c, y, 0.0), "counterexample keeps the label on top");
            assertTrue(p.distance(c) <= eps, "counterexample farther than epsilon");
        }
    }
}
