package org.nnmip.nnverify.lipschitz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** The ordering of the bounds and the behaviour of the heuristics. */
class EstimatorsTest {

    /** RandomLB <= LipMIP <= LipLP <= FastLip <= NaiveUB on every network, both norms, boxes and l1 balls. */
    @Test
    void boundsAreOrdered() {
        Random rnd = new Random(21);
        int checked = 0;
        int solvedBoth = 0;
        for (int t = 0; t < 10; t++) {
            int in = 1 + rnd.nextInt(3);
            int outs = 1 + rnd.nextInt(3);
            Network net = RandomNetworks.dense(rnd, in, 3 + rnd.nextInt(4), 3 + rnd.nextInt(4), outs);
            double[] center = new double[in];
            for (int i = 0; i < in; i++) center[i] = rnd.nextGaussian() * 0.5;
            OutputFunctional f = outs == 1 ? OutputFunctional.index(0, 1) : OutputFunctional.logitDifference(outs - 1, 0, outs);
            InputNorm norm = InputNorm.values()[t % 2];
            InputDomain dom = t % 3 == 0 ? InputDomain.l1Ball(center, 0.6) : InputDomain.linfBall(center, 0.3 + rnd.nextDouble());
            LipschitzProblem p = new LipschitzProblem(net, f, dom, norm);
            double rlb = RandomLowerBound.compute(p, 500, t).value();
            LipschitzResult mip = LipMip.solve(p);
            LipschitzResult lpr = LipLp.solve(p);
            double lp = lpr.upper();
            double fast = FastLip.compute(p).value();
            double naive = NaiveBound.compute(p).value();
            String what = "net " + t + ": randomlb " + rlb + " lipmip [" + mip.lower() + ", " + mip.upper() + "] liplp " + lp
                    + " (" + lpr.status() + ") fastlip " + fast + " naive " + naive + " mip status " + mip.status();
            double tol = 1e-7 * Math.max(1, naive);
            assertTrue(rlb <= mip.upper() + tol, what);
            if (!Double.isNaN(mip.lower())) assertTrue(mip.lower() <= mip.upper() + tol, what);
            if (mip.status().equals("optimal") && lpr.status().equals("optimal")) solvedBoth++;
            assertTrue(mip.upper() <= lp + tol, what);
            assertTrue(lp <= fast + tol, what);
            assertTrue(fast <= naive + tol, what);
            checked++;
        }
        assertEquals(10, checked);
        assertTrue(solvedBoth >= 7, "LipMIP and LipLP solved on only " + solvedBoth + " of 10 networks");
    }

    /** On a single ReLU y = relu(w x + b) every method knows the answer |w| (x range crossing the kink). */
    @Test
    void singleNeuronHasSlopeW() {
        Network net = new Network(1, java.util.List.of(AffineLayer.dense(new double[][] {{-2.5}}, new double[] {0.5}),
                new ReluLayer(1), AffineLayer.dense(new double[][] {{1}}, new double[] {0})));
        LipschitzProblem p = new LipschitzProblem(net, OutputFunctional.index(0, 1), InputDomain.box(new double[] {-1}, new double[] {1}), InputNorm.LINF);
        for (LipschitzMethod m : LipschitzMethod.values()) {
            LipschitzResult r = m.compute(p, LipschitzMethod.Settings.defaults());
            assertEquals(2.5, r.value(), 1e-6, m.cliName());
        }
    }

    /** The heuristics land between the proven bounds on small networks (not guaranteed in general, but expected here). */
    @Test
    void heuristicsAreLabelledAndReasonable() {
        Random rnd = new Random(4);
        Network net = RandomNetworks.dense(rnd, 2, 6, 6, 1);
        LipschitzProblem p = new LipschitzProblem(net, OutputFunctional.index(0, 1), InputDomain.linfBall(new double[] {0.2, -0.1}, 0.5), InputNorm.LINF);
        LipschitzResult clever = Clever.compute(p, 50, 20, 3);
        LipschitzResult seq = SeqLip.compute(p);
        assertEquals(BoundKind.HEURISTIC, clever.kind());
        assertEquals(BoundKind.HEURISTIC, seq.kind());
        double fast = FastLip.compute(p).value();
        double rlb = RandomLowerBound.compute(p, 1000, 3).value();
        assertTrue(clever.value() >= 0.9 * rlb && clever.value() <= 1.5 * fast, clever.value() + " vs " + rlb + ".." + fast);
        assertTrue(seq.value() >= 0 && seq.value() <= fast + 1e-9, seq.value() + " vs fastlip " + fast);
        assertEquals(seq.value(), p.norm().dualNorm(seq.gradient().orElseThrow()), 1e-12);
    }

    /** The reverse Weibull fit recovers the end point of samples drawn from a known reverse Weibull. */
    @Test
    void reverseWeibullFitFindsTheEndPoint() {
        Random rnd = new Random(9);
        double mu = 3.0, scale = 0.5, shape = 2.0;
        double[] y = new double[400];
        for (int i = 0; i < y.length; i++) {
            double u = rnd.nextDouble();
            y[i] = mu - scale * Math.pow(-Math.log(1 - u), 1 / shape);
        }
        assertEquals(mu, Clever.reverseWeibullLocation(y), 0.1);
        // Piecewise-constant gradient norms: many batch maxima equal the top value, which is the estimate.
        assertEquals(3.0, Clever.reverseWeibullLocation(new double[] {1, 2, 2.5, 3, 3, 3, 3, 3}), 0);
    }

    @Test
    void rejectsBadInput() {
        Network net = RandomNetworks.dense(new Random(1), 2, 3, 2);
        InputDomain dom = InputDomain.linfBall(new double[] {0, 0}, 1);
        assertThrows(IllegalArgumentException.class, () -> new LipschitzProblem(net, OutputFunctional.index(0, 3),
                InputDomain.linfBall(new double[] {0, 0, 0}, 1), InputNorm.L1));
        assertThrows(IllegalArgumentException.class, () -> OutputFunctional.index(2, 2));
        assertThrows(IllegalArgumentException.class, () -> OutputFunctional.logitDifference(1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new LipschitzProblem(net, new OutputFunctional(new double[] {1}), dom, InputNorm.L1));
        assertThrows(IllegalArgumentException.class, () -> InputDomain.l1Ball(new double[] {0}, -1));
        assertThrows(IllegalArgumentException.class, () -> InputNorm.parse("l2"));
        assertThrows(IllegalArgumentException.class, () -> LipschitzMethod.parse("exact"));
    }
}
