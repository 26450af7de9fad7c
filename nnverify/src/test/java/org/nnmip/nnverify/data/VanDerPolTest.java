package org.nnmip.nnverify.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.train.Dataset;

class VanDerPolTest {

    @Test
    void vectorFieldFollowsTheEquations() {
        // mu = 1, (x, y) = (2, 3): x' = 3, y' = (1 - 4) * 3 - 2 = -11
        assertArrayEquals(new double[] {3, -11}, VanDerPol.vectorField(1, new double[] {2, 3}), 0);
    }

    @Test
    void withoutDampingTheFlowIsAnExactRotation() {
        // mu = 0: harmonic oscillator, x(t) = x0 cos t + y0 sin t, y(t) = -x0 sin t + y0 cos t; x^2 + y^2 is invariant.
        double[] s = {1.3, -2.1};
        double t = 0.2;
        double[] z = VanDerPol.flow(0, s, t, 200);
        assertEquals(s[0] * Math.cos(t) + s[1] * Math.sin(t), z[0], 1e-13);
        assertEquals(-s[0] * Math.sin(t) + s[1] * Math.cos(t), z[1], 1e-13);
        assertEquals(s[0] * s[0] + s[1] * s[1], z[0] * z[0] + z[1] * z[1], 1e-12);
    }

    @Test
    void rk4ConvergesWithFourthOrderToAFineReference() {
        double[] s = {2.5, -2.8};
        double[] ref = VanDerPol.flow(1, s, 0.2, 20000);
        double e1 = distance(VanDerPol.flow(1, s, 0.2, 4), ref);
        double e2 = distance(VanDerPol.flow(1, s, 0.2, 8), ref);
        double ratio = e1 / e2;
        assertTrue(ratio > 12 && ratio < 20, "error ratio for halved step " + ratio + " (fourth order: 16)");
        assertTrue(distance(VanDerPol.flow(1, s, 0.2, 200), ref) < 1e-11);
    }

    @Test
    void flowMapIsInvertibleByRunningTimeBackwards() {
        double[] s = {-1.7, 2.4};
        double[] forward = VanDerPol.flow(1, s, 0.2, 400);
        assertArrayEquals(s, VanDerPol.flow(1, forward, -0.2, 400), 1e-10);
    }

    @Test
    void dataAreUniformInTheBoxWithFlowTargets() {
        Dataset d = VanDerPol.flowMapData(300, 1, 0.2, -3, 3, 100, 5);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.size(); i++) {
            double[] in = d.input(i);
            assertTrue(Math.abs(in[0]) <= 3 && Math.abs(in[1]) <= 3);
            minX = Math.min(minX, in[0]);
            maxX = Math.max(maxX, in[0]);
            assertArrayEquals(VanDerPol.flow(1, in, 0.2, 100), d.target(i), 0);
        }
        assertTrue(minX < -2.5 && maxX > 2.5, "samples should spread over the box");
        assertArrayEquals(d.inputs(), VanDerPol.flowMapData(300, 1, 0.2, -3, 3, 100, 5).inputs());
    }

    private static double distance(double[] a, double[] b) {
        return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
    }
}
