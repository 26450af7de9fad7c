package org.nnmip.nnverify.lipschitz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.net.Network;

/** LipMIP's node count and its fallback bound when the search stops before proving one. */
class LipMipFallbackTest {

    private static LipschitzProblem problem(long seed, InputNorm norm) {
        Random rnd = new Random(seed);
        Network net = RandomNetworks.dense(rnd, 3, 6, 6, 2);
        double[] c = {1, -1};
        return new LipschitzProblem(net, new OutputFunctional(c),
                InputDomain.box(new double[] {-1, -1, -1}, new double[] {1, 1, 1}), norm);
    }

    @Test
    void exactSolveCountsNodes() {
        LipschitzResult r = LipMip.solve(problem(5, InputNorm.LINF));
        assertEquals("optimal", r.status());
        assertTrue(r.nodes() >= 1, "a solved search processed at least the root, got " + r.nodes());
        assertEquals(0, FastLip.compute(problem(5, InputNorm.LINF)).nodes());
    }

    /** The LP relaxation's rigorous bound is LipLP's value, between the exact constant and Fast-Lip. */
    @Test
    void relaxationBoundIsLipLpAndBracketsTheExactValue() {
        for (int s = 0; s < 4; s++) {
            LipschitzProblem p = problem(20 + s, s % 2 == 0 ? InputNorm.LINF : InputNorm.L1);
            double exact = LipMip.solve(p).value();
            double fast = FastLip.compute(p).value();
            double liplp = LipLp.solve(p).value();
            double safe = LipMip.relaxationBound(LipMipEncoding.build(p, BackwardEncoding.SWITCH), Double.POSITIVE_INFINITY);
            assertEquals(liplp, safe, 1e-6 * Math.max(1, liplp), "net " + s);
            assertTrue(safe >= exact * (1 - 1e-9), "net " + s + ": " + safe + " < exact " + exact);
            assertTrue(safe <= fast * (1 + 1e-6) + 1e-9, "net " + s + ": " + safe + " > Fast-Lip " + fast);
        }
    }

    /** A search stopped before proving a bound (a tiny time limit) reports LipLP rather than Fast-Lip, keeping its status. */
    @Test
    void stoppedSearchFallsBackToTheBestProvenBound() {
        int improved = 0;
        for (int s = 0; s < 4; s++) {
            LipschitzProblem p = problem(20 + s, s % 2 == 0 ? InputNorm.LINF : InputNorm.L1);
            double exact = LipMip.solve(p).value();
            double fast = FastLip.compute(p).value();
            double liplp = LipLp.solve(p).value();
            LipschitzResult r = LipMip.solve(p, LipMip.defaultParameters().withTimeLimitSeconds(1e-6));
            assertEquals("time_limit", r.status());
            assertTrue(r.upper() <= fast * (1 + 1e-9), "net " + s + ": upper " + r.upper() + " > Fast-Lip " + fast);
            assertTrue(r.upper() >= exact * (1 - 1e-9), "net " + s + ": upper " + r.upper() + " < exact " + exact);
            assertTrue(r.upper() <= liplp * (1 + 1e-6) + 1e-9, "net " + s + ": upper " + r.upper() + " > LipLP " + liplp);
            assertTrue(r.lower() <= exact * (1 + 1e-9));
            if (liplp < fast * (1 - 1e-6)) {
                assertEquals(liplp, r.upper(), 1e-6 * liplp, "net " + s + ": the fallback is LipLP");
                improved++;
            }
        }
        assertTrue(improved >= 1, "LipLP should beat Fast-Lip on some net");
    }
}
