package org.nnmip.lp.internal.simplex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bound flipping ratio test on hand-made pivot rows. */
class BoundFlippingRatioTestTest {

    /** Four nonbasic structurals, no rows needed by the ratio test itself. */
    private static SimplexState state(double[] lower, double[] upper, byte[] status, double[] d) {
        SimplexState st = new SimplexState();
        st.allocate(lower.length, 0);
        for (int v = 0; v < lower.length; v++) {
            st.lower[v] = lower[v];
            st.upper[v] = upper[v];
            st.setNonbasic(v, status[v]);
            st.d[v] = d[v];
        }
        return st;
    }

    @Test
    void passesBoxedBreakpointsWhileTheSlopeStaysPositive() {
        double inf = Double.POSITIVE_INFINITY;
        // delta = +10 (above upper bound): candidates at lower need alpha > 0.
        SimplexState st = state(new double[]{0, 0, 0, 0}, new double[]{1, 2, inf, 1},
                new byte[]{SimplexState.AT_LOWER, SimplexState.AT_LOWER, SimplexState.AT_LOWER, SimplexState.AT_LOWER},
                new double[]{1, 2, 6, 0.5});
        BoundFlippingRatioTest rt = new BoundFlippingRatioTest(st);
        // Ratios d/alpha: v0: 1/1 = 1, v1: 2/1 = 2, v2: 6/1 = 6, v3 has alpha < 0 (not a candidate).
        double[] alpha = {1, 1, 1, -1};
        rt.run(alpha, 10, 1e-9, 1e-9, 1e-9, true);
        // Slope 10 - 1*1 (v0) = 9 > 0, -1*2 (v1) = 7 > 0, then v2 is not boxed: it enters; v0 and v1 flip.
        assertEquals(2, rt.entering);
        assertEquals(2, rt.numFlips);
        // With a small infeasibility the first breakpoint already ends the step.
        rt.run(alpha, 0.5, 1e-9, 1e-9, 1e-9, true);
        assertEquals(0, rt.entering);
        assertEquals(0, rt.numFlips);
    }

    @Test
    void detectsDualUnboundedness() {
        SimplexState st = state(new double[]{0, 0}, new double[]{1, 1},
                new byte[]{SimplexState.AT_LOWER, SimplexState.AT_UPPER}, new double[]{1, -1});
        BoundFlippingRatioTest rt = new BoundFlippingRatioTest(st);
        // delta = -5 (below lower bound): at lower needs alpha < 0, at upper alpha > 0. Both flip, slope 5-1-1 > 0.
        rt.run(new double[]{-1, 1}, -5, 1e-9, 1e-9, 1e-9, true);
        assertEquals(-1, rt.entering);
        assertEquals(3.0, rt.remainingSlope, 1e-12);
        // No candidate at all: alpha of the wrong sign.
        rt.run(new double[]{1, -1}, -5, 1e-9, 1e-9, 1e-9, true);
        assertEquals(-1, rt.entering);
        assertEquals(5.0, rt.remainingSlope, 1e-12);
    }

    @Test
    void harrisPrefersTheLargerPivotAmongNearTies() {
        double inf = Double.POSITIVE_INFINITY;
        SimplexState st = state(new double[]{0, 0}, new double[]{inf, inf},
                new byte[]{SimplexState.AT_LOWER, SimplexState.AT_LOWER}, new double[]{1e-3, 1.0 + 1e-8});
        BoundFlippingRatioTest rt = new BoundFlippingRatioTest(st);
        // Ratios 1e-3/1e-3 = 1 and (1+1e-8)/1: within the Harris tolerance, the larger |alpha| wins.
        rt.run(new double[]{1e-3, 1.0}, 1, 1e-7, 1e-9, 1e-9, true);
        assertEquals(1, rt.entering);
    }
}
