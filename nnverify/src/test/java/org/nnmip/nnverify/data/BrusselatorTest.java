package org.nnmip.nnverify.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.train.Dataset;

class BrusselatorTest {

    @Test
    void oneEulerStepFollowsTheEquations() {
        // x = 2, y = 0.5, a = 1, b = 2.1, tau = 0.1: x^2 y = 2, x' = 1 + 2 - 3.1 * 2 = -3.2, y' = 4.2 - 2 = 2.2
        double[] f = Brusselator.vectorField(2, 0.5, 1, 2.1);
        assertArrayEquals(new double[] {-3.2, 2.2}, f, 1e-12);
        assertArrayEquals(new double[] {2 - 0.32, 0.5 + 0.22}, Brusselator.eulerStep(2, 0.5, 1, 2.1, 0.1), 1e-12);
    }

    @Test
    void equilibriumIsFixedForEveryStepAndB() {
        for (double b : new double[] {1.5, 2.1, 3.0}) {
            for (double tau : new double[] {0.01, 0.2, 0.7}) {
                assertArrayEquals(new double[] {1, b}, Brusselator.eulerStep(1, b, 1, b, tau), 1e-12);
            }
        }
    }

    @Test
    void determinantMatchesFiniteDifferences() {
        double h = 1e-6;
        for (double[] p : new double[][] {{0.3, 1.2}, {1.5, 0.5}, {2.2, 2.9}}) {
            double tau = 0.37;
            double[] px = Brusselator.eulerStep(p[0] + h, p[1], 1, 2.1, tau);
            double[] mx = Brusselator.eulerStep(p[0] - h, p[1], 1, 2.1, tau);
            double[] py = Brusselator.eulerStep(p[0], p[1] + h, 1, 2.1, tau);
            double[] my = Brusselator.eulerStep(p[0], p[1] - h, 1, 2.1, tau);
            double a = (px[0] - mx[0]) / (2 * h);
            double b = (py[0] - my[0]) / (2 * h);
            double c = (px[1] - mx[1]) / (2 * h);
            double d = (py[1] - my[1]) / (2 * h);
            assertEquals(a * d - b * c, Brusselator.eulerDeterminant(p[0], p[1], 1, 2.1, tau), 1e-6);
        }
    }

    @Test
    void dataHaveParameterAsThirdInputAndEulerTargets() {
        Dataset byTau = Brusselator.withTau(200, 2.1, new double[] {0, 3}, new double[] {0, 4}, 0.05, 0.5, 7);
        Dataset byB = Brusselator.withB(200, 0.2, new double[] {0, 3}, new double[] {0, 4}, 1.5, 2.5, 7);
        for (int i = 0; i < 200; i++) {
            double[] in = byTau.input(i);
            assertTrue(in[0] >= 0 && in[0] <= 3 && in[1] >= 0 && in[1] <= 4 && in[2] >= 0.05 && in[2] <= 0.5);
            assertArrayEquals(Brusselator.eulerStep(in[0], in[1], 1, 2.1, in[2]), byTau.target(i), 0);
            double[] ib = byB.input(i);
            assertTrue(ib[2] >= 1.5 && ib[2] <= 2.5);
            assertArrayEquals(Brusselator.eulerStep(ib[0], ib[1], 1, ib[2], 0.2), byB.target(i), 0);
        }
        Dataset again = Brusselator.withTau(200, 2.1, new double[] {0, 3}, new double[] {0, 4}, 0.05, 0.5, 7);
        assertArrayEquals(byTau.inputs(), again.inputs());
        Dataset other = Brusselator.withTau(200, 2.1, new double[] {0, 3}, new double[] {0, 4}, 0.05, 0.5, 8);
        assertTrue(other.input(0)[0] != byTau.input(0)[0]);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Brusselator.withTau(0, 2.1, new double[] {0, 1}, new double[] {0, 1}, 0.1, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> Brusselator.withB(5, 0.1, new double[] {1, 0}, new double[] {0, 1}, 1, 2, 1));
    }
}
