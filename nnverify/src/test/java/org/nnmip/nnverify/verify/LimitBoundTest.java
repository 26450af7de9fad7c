package org.nnmip.nnverify.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipStatus;

/**
 * A MIP stopped by its time limit during the root LP reports the incumbent (here the negative margin of the start
 * point) or -infinity as its bound when maximising: that must never be read as a proof that the margin is negative.
 */
class LimitBoundTest {
    private static MipResult result(MipStatus st, double bound, long nodes) {
        return new MipResult(st, Optional.empty(), Double.NaN, bound, Double.POSITIVE_INFINITY, nodes, 10, 0.1,
                new MipResult.Statistics(0, Map.of(), 0, 0, 0, 0));
    }

    @Test
    void rootStopProvesNothing() {
        assertFalse(Verifier.limitBoundProves(result(MipStatus.TIME_LIMIT, Double.NEGATIVE_INFINITY, 0)));
        assertFalse(Verifier.limitBoundProves(result(MipStatus.TIME_LIMIT, -0.5, 0)));
        assertEquals(Double.POSITIVE_INFINITY, Verifier.provenBound(result(MipStatus.TIME_LIMIT, -0.5, 0)));
        assertTrue(Verifier.limitBoundProves(result(MipStatus.TIME_LIMIT, -0.5, 12)));
        assertFalse(Verifier.limitBoundProves(result(MipStatus.NODE_LIMIT, 0.25, 12)));
    }
}
