package org.nnmip.nnverify.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.LocalRobustnessProperty;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibParser;

/**
 * {@link Verifier#interrupt()} from another thread and the memory limit stop a verification with result unknown and a
 * margin bound that is still an upper bound: no sampled input of the property's boxes exceeds it.
 */
class VerifierInterruptTest {

    /** The largest margin over random samples of every (box, conjunct) pair: a lower bound on the true maximum. */
    private static double sampledMargin(Network net, Property p) {
        Random rnd = new Random(3);
        double best = Double.NEGATIVE_INFINITY;
        for (Box box : p.inputBoxes()) {
            for (List<OutputConstraint> conj : p.outputCondition().disjuncts()) {
                SlackFunction slack = new SlackFunction(net, conj);
                for (int s = 0; s < 2000; s++) {
                    double[] x = new double[box.dimension()];
                    for (int i = 0; i < x.length; i++) x[i] = box.lower(i) + rnd.nextDouble() * (box.upper(i) - box.lower(i));
                    best = Math.max(best, slack.margin(net.apply(x)));
                }
            }
        }
        return best;
    }

    private static void assertUnknownWithValidBound(VerificationResult r, String reason, double sampled) {
        assertEquals(Verdict.UNKNOWN, r.verdict(), r.toString());
        assertEquals(reason, r.reason(), r.toString());
        assertTrue(r.counterexample().isEmpty());
        assertTrue(r.bound() >= sampled, "bound " + r.bound() + " below a sampled margin " + sampled);
        assertTrue(Double.isFinite(r.bound()), "the symbolic bounds of the undecided parts are finite: " + r);
    }

    /** ACAS Xu 3_3 property 3 (holds) as one MIP: several seconds of branch-and-bound, interrupted after 0.5 s. */
    @Test
    void interruptFromAnotherThreadStopsTheMip() throws Exception {
        Network net = NetworkFiles.read(TestData.acasNnet("3_3"));
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib"));
        Verifier v = new Verifier(net, VerificationOptions.defaults().withStrategy(Strategy.MIP).withFalsifierSeconds(0.2));
        CompletableFuture<VerificationResult> f = CompletableFuture.supplyAsync(() -> v.verify(p));
        Thread.sleep(500);
        long t0 = System.nanoTime();
        v.interrupt();
        VerificationResult r = f.get(20, TimeUnit.SECONDS);
        double stopSeconds = (System.nanoTime() - t0) * 1e-9;
        org.junit.jupiter.api.Assumptions.assumeTrue(r.verdict() != Verdict.UNSAT, "decided before the interrupt");
        assertUnknownWithValidBound(r, "interrupted", sampledMargin(net, p));
        assertTrue(stopSeconds < 10, "took " + stopSeconds + " s to stop");
    }

    /** MNIST 256x2 (784 inputs) forced to input splitting: slow, interrupted while boxes are being split. */
    @Test
    void interruptStopsTheSplittingLoop() throws Exception {
        Network net = NetworkFiles.read(TestData.nn("mnistfc", "mnist-net_256x2.onnx"));
        Property p = VnnlibParser.parse(TestData.nn("mnistfc", "vnnlib", "prop_0_0.03.vnnlib"));
        Verifier v = new Verifier(net, VerificationOptions.defaults().withStrategy(Strategy.SPLIT).withFalsifierSeconds(0.1));
        CompletableFuture<VerificationResult> f = CompletableFuture.supplyAsync(() -> v.verify(p));
        Thread.sleep(500);
        v.interrupt();
        VerificationResult r = f.get(20, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assumptions.assumeTrue(r.verdict() != Verdict.UNSAT, "decided before the interrupt");
        assertUnknownWithValidBound(r, "interrupted", sampledMargin(net, p));
    }

    @Test
    void interruptBeforeTheStartStopsAtOnceWithTheSymbolicBound() throws Exception {
        Network net = NetworkFiles.read(TestData.acasNnet("1_6"));
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib"));
        Verifier v = new Verifier(net, VerificationOptions.defaults());
        v.interrupt();
        VerificationResult r = v.verify(p);
        assertUnknownWithValidBound(r, "interrupted", sampledMargin(net, p));
        assertEquals(0, r.statistics().mipSolves());
    }

    /** 1 MiB is below any JVM's live heap: the first check stops the verification, in both strategies. */
    @Test
    void memoryLimitStopsWithThatReason() throws Exception {
        Network net = NetworkFiles.read(TestData.acasNnet("3_3"));
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib"));
        double sampled = sampledMargin(net, p);
        for (Strategy s : new Strategy[] {Strategy.SPLIT, Strategy.MIP}) {
            VerificationResult r = new Verifier(net, VerificationOptions.defaults().withStrategy(s).withFalsifierSeconds(0)
                    .withMemoryLimitMb(1)).verify(p);
            assertUnknownWithValidBound(r, "memory_limit", sampled);
        }
    }

    /** An L1 ball goes to the robustness MIP; an interrupt before the start stops it with the symbolic bound. */
    @Test
    void robustnessVerifierInterrupts() throws Exception {
        Network net = NetworkFiles.read(TestData.acasNnet("1_1"));
        double[] x0 = {0.1, 0.0, 0.0, 0.2, -0.2};
        double[] y0 = net.apply(x0);
        int label = 0;
        for (int j = 1; j < y0.length; j++) if (y0[j] > y0[label]) label = j;
        LocalRobustnessProperty rp = new LocalRobustnessProperty(x0, 0.05, LocalRobustnessProperty.Norm.L1, label, 1, y0.length, null);
        RobustnessVerifier v = new RobustnessVerifier(net, VerificationOptions.defaults().withFalsifierSeconds(0));
        v.interrupt();
        VerificationResult r = v.verify(rp);
        assertEquals(Verdict.UNKNOWN, r.verdict(), r.toString());
        assertEquals("interrupted", r.reason());
        // the same property as a box property (L-infinity) goes through Verifier, which sees the interrupt too
        LocalRobustnessProperty box = new LocalRobustnessProperty(x0, 0.05, LocalRobustnessProperty.Norm.LINF, label, 1, y0.length, null);
        RobustnessVerifier w = new RobustnessVerifier(net, VerificationOptions.defaults().withFalsifierSeconds(0));
        w.interrupt();
        VerificationResult rb = w.verify(box);
        assertEquals(Verdict.UNKNOWN, rb.verdict(), rb.toString());
        assertEquals("interrupted", rb.reason());
    }
}
