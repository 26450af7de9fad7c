package org.nnmip.nnverify.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibCounterexample;
import org.nnmip.nnverify.property.VnnlibParser;

/**
 * VNN-COMP sanity instances, ACAS Xu and MNIST 256x2 instances that run in about a second, against the published answers
 * (testdata/nn/README and GROUND_TRUTH.md of the shared data: "holds" = unsat, "violated" = sat). Every sat
 * counterexample is re-checked on a fresh forward pass without tolerance.
 */
class AcasXuVerificationTest {

    static Stream<Arguments> instances() {
        Path t = TestData.nn("vnncomp_test");
        return Stream.of(
                Arguments.of(t.resolve("test_nano.onnx"), t.resolve("test_nano.vnnlib"), Strategy.AUTO, Verdict.UNSAT),
                Arguments.of(t.resolve("test_tiny.onnx"), t.resolve("test_tiny.vnnlib"), Strategy.AUTO, Verdict.UNSAT),
                Arguments.of(t.resolve("test_small.onnx"), t.resolve("test_small.vnnlib"), Strategy.AUTO, Verdict.UNSAT),
                Arguments.of(t.resolve("test_sat.onnx"), t.resolve("test_prop.vnnlib"), Strategy.AUTO, Verdict.SAT),
                Arguments.of(t.resolve("test_unsat.onnx"), t.resolve("test_prop.vnnlib"), Strategy.AUTO, Verdict.UNSAT),
                Arguments.of(t.resolve("test_unsat.onnx"), t.resolve("test_prop.vnnlib"), Strategy.MIP, Verdict.UNSAT),
                acas("1_9", 3, Strategy.MIP, Verdict.SAT),
                acas("1_9", 4, Strategy.AUTO, Verdict.SAT),
                acas("2_1", 2, Strategy.AUTO, Verdict.SAT),
                acas("5_9", 2, Strategy.AUTO, Verdict.SAT),
                acas("1_6", 3, Strategy.MIP, Verdict.UNSAT),
                acas("1_6", 4, Strategy.SPLIT, Verdict.UNSAT),
                acas("3_3", 3, Strategy.SPLIT, Verdict.UNSAT),
                acas("3_3", 4, Strategy.SPLIT, Verdict.UNSAT),
                acas("2_1", 4, Strategy.SPLIT, Verdict.UNSAT),
                acas("5_9", 3, Strategy.AUTO, Verdict.UNSAT),
                acas("1_1", 1, Strategy.SPLIT, Verdict.UNSAT),
                acas("2_1", 3, Strategy.SPLIT, Verdict.UNSAT),
                mnist("prop_4_0.03", Verdict.UNSAT),
                mnist("prop_1_0.05", Verdict.SAT),
                mnist("prop_3_0.05", Verdict.SAT));
    }

    private static Arguments acas(String net, int prop, Strategy s, Verdict expected) {
        return Arguments.of(TestData.acasNnet(net), TestData.nn("acasxu", "vnnlib", "prop_" + prop + ".vnnlib"), s, expected);
    }

    private static Arguments mnist(String prop, Verdict expected) {
        return Arguments.of(TestData.nn("mnistfc", "mnist-net_256x2.onnx"), TestData.nn("mnistfc", "vnnlib", prop + ".vnnlib"), Strategy.AUTO, expected);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("instances")
    void verdictMatchesGroundTruth(Path netFile, Path propFile, Strategy strategy, Verdict expected) throws Exception {
        Network net = NetworkFiles.read(netFile);
        Property p = VnnlibParser.parse(propFile);
        VerificationResult r = new Verifier(net, VerificationOptions.defaults().withStrategy(strategy).withTimeLimitSeconds(30)).verify(p);
        assertEquals(expected, r.verdict(), netFile.getFileName() + " " + propFile.getFileName() + ": " + r.reason() + " " + r.statistics());
        if (expected == Verdict.SAT) {
            VnnlibCounterexample c = r.counterexample().orElseThrow();
            assertTrue(c.check(p, net, 0.0).isValid(), "counterexample must violate the property");
            assertEquals(0.0, c.check(p, net, 0.0).maxOutputDifference(), 0.0);
        }
    }
}
