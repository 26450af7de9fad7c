package org.nnmip.lp.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against their scalar twin over every length 0..300 (so every tail length of every vector
 * width), with values that include zeros, repeated values (ties), infinities and NaN. Everything but dot must be
 * bit-identical; dot may differ by reassociation: {@code |diff| <= 1e-12 * sum |a_i b_i|}.
 */
class VectorKernelsTest {
    private static final Kernels SCALAR = ScalarKernels.INSTANCE;
    private static final Kernels VECTOR = VectorKernels.INSTANCE;
    private static final int MAX_LENGTH = 300;
    private static final int TRIALS_PER_LENGTH = 8;

    @Test
    void selectorPicksWarmedVectorKernelsWhenIncubatorModuleIsPresent() {
        assertInstanceOf(WarmedVectorKernels.class, Kernels.of(true));
        assertSame(Kernels.of(true), Kernels.of(true));
        assertSame(ScalarKernels.INSTANCE, Kernels.of(false));
    }

    /** Whichever twin the warm-up gate currently routes to, the answers are the scalar ones bit for bit. */
    @Test
    void warmedKernelsAgreeWithScalarTwinThroughoutTheWarmUp() {
        Kernels gated = Kernels.of(true);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int round = 0; round < 200; round++) {
            int n = rnd.nextInt(MAX_LENGTH + 1);
            double[] x = values(rnd, n, false);
            double[] lo = values(rnd, n, false);
            double[] up = values(rnd, n, false);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = 1e-3 + rnd.nextDouble();
            assertEquals(SCALAR.chooseRowSteepestEdge(x, lo, up, w, n, 1e-7),
                    gated.chooseRowSteepestEdge(x, lo, up, w, n, 1e-7));
            if (n == 0) continue;
            int r = rnd.nextInt(n);
            double[] alpha = values(rnd, n, false);
            alpha[r] = 0.5 + rnd.nextDouble();
            double[] tau = values(rnd, n, false);
            double[] w1 = w.clone();
            double[] w2 = w.clone();
            SCALAR.updateSteepestEdgeWeights(w1, alpha, tau, r, n);
            gated.updateSteepestEdgeWeights(w2, alpha, tau, r, n);
            assertArrayEquals(w1, w2);
            double[] y1 = x.clone();
            double[] y2 = x.clone();
            SCALAR.axpy(-0.75, alpha, y1, n);
            gated.axpy(-0.75, alpha, y2, n);
            assertArrayEquals(y1, y2);
            assertEquals(SCALAR.maxAbs(alpha, n), gated.maxAbs(alpha, n));
        }
    }

    @Test
    void dotAgreesUpToReassociation() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n = 0; n <= MAX_LENGTH; n++) {
            for (int t = 0; t < TRIALS_PER_LENGTH; t++) {
                double[] a = values(rnd, n + rnd.nextInt(3), false);
                double[] b = values(rnd, n + rnd.nextInt(3), false);
                assertDotAgrees(a, b, n);
            }
        }
    }

    @Property(tries = 300)
    void dotAgreesOnArbitraryFiniteValues(@ForAll @IntRange(min = 0, max = MAX_LENGTH) int n,
                                          @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        assertDotAgrees(values(rnd, n, false), values(rnd, n, false), n);
    }

    @Test
    void dotPropagatesInfinityAndNaN() {
        for (int n = 1; n <= 40; n++) {
            for (int pos = 0; pos < n; pos++) {
                double[] a = new double[n];
                double[] b = new double[n];
                Arrays.fill(a, 1.0);
                Arrays.fill(b, 2.0);
                a[pos] = Double.POSITIVE_INFINITY;
                assertEquals(SCALAR.dot(a, b, n), VECTOR.dot(a, b, n), "n=" + n + " inf at " + pos);
                b[pos] = 0.0;
                assertTrue(Double.isNaN(VECTOR.dot(a, b, n)), "n=" + n + " inf*0 at " + pos);
            }
        }
    }

    @Test
    void axpyIsBitIdentical() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int n = 0; n <= MAX_LENGTH; n++) {
            for (int t = 0; t < TRIALS_PER_LENGTH; t++) {
                double[] x = values(rnd, n + 2, true);
                double[] y = values(rnd, n + 2, true);
                double alpha = t == 0 ? 0.0 : t == 1 ? -1.0 : value(rnd, false);
                double[] ys = y.clone();
                double[] yv = y.clone();
                SCALAR.axpy(alpha, x, ys, n);
                VECTOR.axpy(alpha, x, yv, n);
                assertArrayEquals(ys, yv, "n=" + n + " alpha=" + alpha); // bitwise, also beyond n
            }
        }
    }

    @Test
    void maxAbsIsBitIdentical() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int n = 0; n <= MAX_LENGTH; n++) {
            for (int t = 0; t < TRIALS_PER_LENGTH; t++) {
                double[] a = values(rnd, n + 1, t % 2 == 0);
                if (n < a.length) a[n] = 1e300; // beyond n: must be ignored
                assertEquals(Double.doubleToLongBits(SCALAR.maxAbs(a, n)),
                        Double.doubleToLongBits(VECTOR.maxAbs(a, n)), "n=" + n + " " + Arrays.toString(a));
            }
        }
    }

    @Test
    void chooseRowPicksTheSameIndex() {
        SplittableRandom rnd = new SplittableRandom(14);
        int chosen = 0;
        for (int n = 0; n <= MAX_LENGTH; n++) {
            for (int t = 0; t < 2 * TRIALS_PER_LENGTH; t++) {
                Chuzr p = Chuzr.random(rnd, n, t % 4 == 0);
                double tol = t % 3 == 0 ? 0.0 : 1e-9;
                int s = SCALAR.chooseRowSteepestEdge(p.x, p.lower, p.upper, p.weights, n, tol);
                int v = VECTOR.chooseRowSteepestEdge(p.x, p.lower, p.upper, p.weights, n, tol);
                assertEquals(s, v, "n=" + n + " trial " + t);
                if (s >= 0) chosen++;
            }
        }
        assertTrue(chosen > 1000, "the generator must produce primal infeasibilities, chose " + chosen);
    }

    @Test
    void chooseRowBreaksTiesTowardsTheSmallestIndex() {
        // Identical infeasibilities and weights everywhere: the answer must be the first eligible index.
        for (int n = 1; n <= 70; n++) {
            for (int first = 0; first < n; first++) {
                double[] x = new double[n];
                double[] lower = new double[n];
                double[] upper = new double[n];
                double[] w = new double[n];
                Arrays.fill(w, 2.0);
                Arrays.fill(upper, Double.POSITIVE_INFINITY);
                Arrays.fill(lower, Double.NEGATIVE_INFINITY);
                for (int i = first; i < n; i++) x[i] = (i % 2 == 0) ? -3.0 : 3.0;
                for (int i = first; i < n; i++) {
                    if (i % 2 == 0) lower[i] = 0.0; else upper[i] = 0.0;
                }
                assertEquals(first, SCALAR.chooseRowSteepestEdge(x, lower, upper, w, n, 1e-9));
                assertEquals(first, VECTOR.chooseRowSteepestEdge(x, lower, upper, w, n, 1e-9), "n=" + n);
            }
        }
    }

    @Test
    void chooseRowReturnsMinusOneWhenFeasible() {
        for (int n = 0; n <= 40; n++) {
            double[] x = new double[n];
            double[] lower = new double[n];
            double[] upper = new double[n];
            double[] w = new double[n];
            Arrays.fill(w, 1.0);
            Arrays.fill(upper, 1.0);
            assertEquals(-1, VECTOR.chooseRowSteepestEdge(x, lower, upper, w, n, 1e-9));
        }
    }

    @Test
    void steepestEdgeUpdateIsBitIdentical() {
        SplittableRandom rnd = new SplittableRandom(15);
        for (int n = 1; n <= MAX_LENGTH; n++) {
            for (int t = 0; t < TRIALS_PER_LENGTH; t++) {
                double[] w = new double[n + 1];
                for (int i = 0; i < w.length; i++) w[i] = 1e-4 + Math.abs(value(rnd, false));
                double[] alpha = values(rnd, n + 1, false);
                for (int i = 0; i < n; i++) if (rnd.nextInt(3) == 0) alpha[i] = 0.0; // sparse FTRAN'd column
                double[] tau = values(rnd, n + 1, t == 3);
                int r = rnd.nextInt(n);
                if (alpha[r] == 0.0) alpha[r] = 0.5;
                double[] ws = w.clone();
                double[] wv = w.clone();
                SCALAR.updateSteepestEdgeWeights(ws, alpha, tau, r, n);
                VECTOR.updateSteepestEdgeWeights(wv, alpha, tau, r, n);
                assertArrayEquals(ws, wv, "n=" + n + " r=" + r);
                assertEquals(w[n], wv[n], "entry beyond n must be untouched");
            }
        }
    }

    private static void assertDotAgrees(double[] a, double[] b, int n) {
        double s = SCALAR.dot(a, b, n);
        double v = VECTOR.dot(a, b, n);
        double scale = 0;
        for (int i = 0; i < n; i++) scale += Math.abs(a[i] * b[i]);
        assertTrue(Math.abs(s - v) <= 1e-12 * scale, () -> "n=" + n + " scalar " + s + " vector " + v);
    }

    /** Magnitudes over 1e-8..1e8, a fifth exact zeros, a fifth small integers (to make ties), rare infinities. */
    static double value(SplittableRandom rnd, boolean allowSpecial) {
        int kind = rnd.nextInt(20);
        if (allowSpecial && kind == 0) return rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NaN;
        if (kind < 4) return 0.0;
        if (kind < 8) return rnd.nextInt(-3, 4);
        return (rnd.nextDouble() * 2 - 1) * Math.pow(10, rnd.nextInt(-8, 9));
    }

    static double[] values(SplittableRandom rnd, int n, boolean allowSpecial) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = value(rnd, allowSpecial);
        return a;
    }

    /** A CHUZR instance: boxes with infinite sides, basic values inside or outside, small-integer ties. */
    private record Chuzr(double[] x, double[] lower, double[] upper, double[] weights) {
        static Chuzr random(SplittableRandom rnd, int n, boolean coarse) {
            double[] x = new double[n + 1];
            double[] lo = new double[n + 1];
            double[] up = new double[n + 1];
            double[] w = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                double a = coarse ? rnd.nextInt(-2, 3) : value(rnd, false);
                double b = coarse ? rnd.nextInt(-2, 3) : value(rnd, false);
                lo[i] = rnd.nextInt(6) == 0 ? Double.NEGATIVE_INFINITY : Math.min(a, b);
                up[i] = rnd.nextInt(6) == 0 ? Double.POSITIVE_INFINITY : Math.max(a, b);
                x[i] = coarse ? rnd.nextInt(-4, 5) : value(rnd, false);
                w[i] = coarse ? 1 + rnd.nextInt(3) : switch (rnd.nextInt(12)) {
                    case 0 -> 0.0; // infinite score
                    case 1 -> Double.POSITIVE_INFINITY; // zero score: never chosen
                    default -> 1e-4 + Math.abs(value(rnd, false));
                };
            }
            x[n] = 1e9; // beyond n: a huge infeasibility that must be ignored
            return new Chuzr(x, lo, up, w);
        }
    }
}
