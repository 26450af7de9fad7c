package org.nnmip.lp.internal.simplex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

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

    /**
     * Long steps over many breakpoint groups, against the textbook form (one Harris pass and one group pass over
     * all remaining candidates per group): same entering variable, same flipped set, same remaining slope; also
     * when only a shuffled subset list of the row is handed in.
     */
    @Test
    void sortedGroupsAgreeWithTheGroupByGroupReference() {
        SplittableRandom rnd = new SplittableRandom(42);
        int multiGroupCases = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rnd.nextInt(60);
            double[] lo = new double[n];
            double[] up = new double[n];
            byte[] status = new byte[n];
            double[] d = new double[n];
            double[] alpha = new double[n];
            for (int v = 0; v < n; v++) {
                lo[v] = 0;
                up[v] = rnd.nextInt(8) == 0 ? Double.POSITIVE_INFINITY : 0.1 + rnd.nextInt(4);
                status[v] = rnd.nextBoolean() || up[v] == Double.POSITIVE_INFINITY ? SimplexState.AT_LOWER
                        : SimplexState.AT_UPPER;
                // Coarse values make exact ties between breakpoints and between |alpha| common.
                double mag = rnd.nextInt(5) * 0.25;
                d[v] = status[v] == SimplexState.AT_LOWER ? mag : -mag;
                alpha[v] = rnd.nextInt(4) == 0 ? 0.0 : (rnd.nextInt(7) - 3) * 0.5;
            }
            double delta = (rnd.nextBoolean() ? 1 : -1) * (0.5 + rnd.nextInt(40));
            SimplexState st = state(lo, up, status, d);
            BoundFlippingRatioTest rt = new BoundFlippingRatioTest(st);
            int[] order = new int[n];
            for (int v = 0; v < n; v++) order[v] = n - 1 - v;
            rt.run(alpha, order, n, delta, 1e-9, 1e-9, 1e-9, true);
            Reference ref = Reference.run(st, alpha, delta, 1e-9, 1e-9, 1e-9);
            assertEquals(ref.entering, rt.entering, "trial " + trial);
            int[] flips = Arrays.copyOf(rt.flips(), rt.numFlips);
            Arrays.sort(flips);
            assertArrayEquals(ref.flips, flips, "trial " + trial);
            if (rt.entering < 0) assertEquals(ref.slope, rt.remainingSlope, 1e-9);
            if (ref.groups > 2) multiGroupCases++;
        }
        assertTrue(multiGroupCases > 20, "too few long steps: " + multiGroupCases);
    }

    /** The group-by-group bound flipping ratio test, written for clarity. */
    private record Reference(int entering, int[] flips, double slope, int groups) {
        static Reference run(SimplexState st, double[] alpha, double delta, double dualTol, double primalTol,
                             double pivotTol) {
            double sign = delta < 0 ? -1 : 1;
            java.util.List<Integer> cand = new java.util.ArrayList<>();
            for (int v = 0; v < st.n; v++) {
                double a = sign * alpha[v];
                if (Math.abs(a) <= pivotTol || st.isFixed(v)) continue;
                byte s = st.status[v];
                if ((s == SimplexState.AT_LOWER && a > 0) || (s == SimplexState.AT_UPPER && a < 0)) cand.add(v);
            }
            java.util.List<Integer> flips = new java.util.ArrayList<>();
            double slope = Math.abs(delta);
            int groups = 0;
            while (!cand.isEmpty()) {
                groups++;
                double bound = Double.POSITIVE_INFINITY;
                for (int v : cand) {
                    double a = sign * alpha[v];
                    bound = Math.min(bound, (Math.max(0, a > 0 ? st.d[v] : -st.d[v]) + dualTol) / Math.abs(a));
                }
                int best = -1;
                double bestAbs = -1;
                double decrease = 0;
                java.util.List<Integer> group = new java.util.ArrayList<>();
                for (int v : cand) {
                    double a = sign * alpha[v];
                    if (Math.max(0, a > 0 ? st.d[v] : -st.d[v]) / Math.abs(a) <= bound) {
                        group.add(v);
                        if (Math.abs(a) > bestAbs) {
                            bestAbs = Math.abs(a);
                            best = v;
                        }
                        decrease += Math.abs(a) * (st.upper[v] - st.lower[v]);
                    }
                }
                cand.removeAll(group);
                if (!Double.isFinite(decrease) || !(slope - decrease > primalTol)) {
                    return new Reference(best, flips.stream().mapToInt(Integer::intValue).sorted().toArray(), slope,
                            groups);
                }
                slope -= decrease;
                flips.addAll(group);
            }
            return new Reference(-1, flips.stream().mapToInt(Integer::intValue).sorted().toArray(), slope, groups);
        }
    }
}
