package org.nnmip.nnverify.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.property.OutputCondition;
import org.nnmip.nnverify.property.OutputConstraint;
import org.nnmip.nnverify.property.Property;

class VerifierTest {
    /** y = relu(x0 - x1) - relu(x1 - x0) = x0 - x1 on [0,1]^2. */
    private static final Network DIFF = new Network(2, List.of(
            AffineLayer.dense(new double[][] {{1, -1}, {-1, 1}}, new double[] {0, 0}), new ReluLayer(2),
            AffineLayer.dense(new double[][] {{1, -1}}, new double[] {0})));
    private static final Box UNIT = new Box(new double[] {0, 0}, new double[] {1, 1});

    private static Property yAtLeast(double v) { // violation set: -y <= -v, i.e. y >= v
        return new Property(2, 1, List.of(UNIT), new OutputCondition(1, List.of(List.of(new OutputConstraint(new double[] {-1}, -v)))));
    }

    @Test
    void exactBoundaryAndBothSides() {
        for (Strategy s : Strategy.values()) {
            VerificationOptions o = VerificationOptions.defaults().withStrategy(s).withTimeLimitSeconds(10);
            assertEquals(Verdict.SAT, new Verifier(DIFF, o).verify(yAtLeast(0.999)).verdict(), s.toString());
            // the maximum is exactly 1 at (1, 0): y >= 1 is attained
            VerificationResult at = new Verifier(DIFF, o).verify(yAtLeast(1.0));
            assertEquals(Verdict.SAT, at.verdict(), s.toString());
            assertEquals(1.0, DIFF.apply(at.counterexample().orElseThrow().input())[0], 0.0);
            assertEquals(Verdict.UNSAT, new Verifier(DIFF, o).verify(yAtLeast(1.001)).verdict(), s.toString());
        }
    }

    @Test
    void trivialConditions() {
        VerificationOptions o = VerificationOptions.defaults();
        Property none = new Property(2, 1, List.of(UNIT), new OutputCondition(1, List.of()));
        assertEquals(Verdict.UNSAT, new Verifier(DIFF, o).verify(none).verdict());
        Property always = new Property(2, 1, List.of(UNIT), new OutputCondition(1, List.of(List.of())));
        VerificationResult r = new Verifier(DIFF, o).verify(always);
        assertEquals(Verdict.SAT, r.verdict());
        assertTrue(UNIT.contains(r.counterexample().orElseThrow().input(), 0.0));
    }

    @Test
    void badInputIsRejected() {
        VerificationOptions o = VerificationOptions.defaults();
        Property wrongSize = new Property(3, 1, List.of(new Box(new double[3], new double[] {1, 1, 1})),
                new OutputCondition(1, List.of(List.of(new OutputConstraint(new double[] {1}, 0)))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Verifier(DIFF, o).verify(wrongSize)).getMessage().contains("3 inputs"));
        Property unbounded = new Property(2, 1, List.of(new Box(new double[] {0, Double.NEGATIVE_INFINITY}, new double[] {1, 1})),
                new OutputCondition(1, List.of(List.of(new OutputConstraint(new double[] {1}, 0)))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Verifier(DIFF, o).verify(unbounded)).getMessage().contains("box 0"));
        assertThrows(IllegalArgumentException.class, () -> VerificationOptions.defaults().withTimeLimitSeconds(0));
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("bnb"));
    }

    /** A limit too short to decide gives unknown with a sound bound (or a checked answer), never a wrong one. */
    @Test
    void timeLimitGivesUnknownWithBound() {
        Random rnd = new Random(5);
        Network net = RandomNetworks.dense(rnd, 4, 30, 30, 30, 2);
        Box box = new Box(new double[] {-1, -1, -1, -1}, new double[] {1, 1, 1, 1});
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < 5000; s++) {
            double[] y = net.apply(Falsifier.sample(box, rnd));
            max = Math.max(max, y[0] - y[1]);
        }
        // violation: y0 - y1 >= sampled max + 1e-3, so the true maximal margin is at least -1e-3
        Property p = new Property(4, 2, List.of(box), new OutputCondition(2, List.of(List.of(new OutputConstraint(new double[] {-1, 1}, -(max + 1e-3))))));
        VerificationResult r = new Verifier(net, VerificationOptions.defaults().withStrategy(Strategy.MIP).withFalsifierSeconds(0)
                .withTimeLimitSeconds(0.001)).verify(p);
        switch (r.verdict()) {
            case SAT -> assertTrue(r.counterexample().orElseThrow().check(p, net, 0.0).isValid());
            case UNKNOWN -> {
                assertTrue(!r.reason().isEmpty());
                assertTrue(r.bound() >= -1e-3 - 1e-9, "the bound must not be below the true maximal margin: " + r.bound());
            }
            case UNSAT -> assertTrue(r.counterexample().isEmpty());
        }
        assertTrue(r.timeSeconds() < 5, "the limit must stop the search: " + r.timeSeconds());
    }
}
