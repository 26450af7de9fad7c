package org.nnmip.nnverify.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;

/**
 * Soundness of IBP and symbolic bounds on seeded random networks and boxes: every layer value of thousands of
 * sampled inputs (all or many corners, faces and interior points) lies within its bounds; a subset is checked
 * against an exact (34-digit decimal) evaluation, the rest against double evaluation with no tolerance.
 * Symbolic bounds are never looser than IBP.
 */
class BoundsPropertyTest {
    private static final MathContext MC = MathContext.DECIMAL128;

    static Box randomBox(Random rnd, int n) {
        double[] l = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            double c = rnd.nextGaussian();
            double r = rnd.nextInt(5) == 0 ? 0.0 : rnd.nextDouble() * (rnd.nextBoolean() ? 0.1 : 1.5); // some point components
            l[i] = c - r;
            u[i] = c + r;
        }
        return new Box(l, u);
    }

    /** Sample {@code s}: first all (or random) corners, then face points, then interior points. */
    static double[] sample(Random rnd, Box box, int s) {
        int n = box.dimension();
        double[] x = new double[n];
        boolean enumerate = n <= 10 && s < (1 << n);
        for (int i = 0; i < n; i++) {
            boolean upper = enumerate ? ((s >> i) & 1) == 1 : rnd.nextBoolean();
            double t = enumerate || s % 3 == 0 ? (upper ? 1 : 0) : s % 3 == 1 && rnd.nextBoolean() ? (upper ? 1 : 0) : rnd.nextDouble();
            x[i] = t == 1 ? box.upper(i) : t == 0 ? box.lower(i) : box.lower(i) + t * (box.upper(i) - box.lower(i));
            x[i] = Math.min(Math.max(x[i], box.lower(i)), box.upper(i));
        }
        return x;
    }

    /** Exact-enough evaluation (34 significant digits) of every layer output. */
    static BigDecimal[][] exactEvaluate(Network net, double[] input) {
        BigDecimal[][] out = new BigDecimal[net.layerCount()][];
        BigDecimal[] x = new BigDecimal[input.length];
        for (int i = 0; i < x.length; i++) x[i] = new BigDecimal(input[i]);
        BigDecimal[] in0 = x;
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            BigDecimal[] y = new BigDecimal[layer.outputSize()];
            switch (layer) {
                case AffineLayer a -> {
                    for (int i = 0; i < y.length; i++) {
                        BigDecimal s = new BigDecimal(a.bias(i));
                        for (int q = a.rowStart(i); q < a.rowEnd(i); q++) s = s.add(new BigDecimal(a.value(q)).multiply(x[a.column(q)], MC), MC);
                        y[i] = s;
                    }
                }
                case ReluLayer r -> { for (int i = 0; i < y.length; i++) y[i] = x[i].signum() > 0 ? x[i] : BigDecimal.ZERO; }
                case ReshapeLayer r -> System.arraycopy(x, 0, y, 0, y.length);
                case org.nnmip.nnverify.net.ArctanLayer t -> throw new IllegalArgumentException("no exact arctan here");
                case MaxPoolLayer p -> {
                    for (int g = 0; g < y.length; g++) {
                        BigDecimal m = null;
                        for (int j : p.group(g)) m = m == null || x[j].compareTo(m) > 0 ? x[j] : m;
                        y[g] = m;
                    }
                }
                case ResidualAddLayer add -> {
                    BigDecimal[] src = add.source() < 0 ? in0 : out[add.source()];
                    for (int i = 0; i < y.length; i++) y[i] = x[i].add(src[i], MC);
                }
            }
            out[k] = y;
            x = y;
        }
        return out;
    }

    static void assertContains(NetworkBounds b, Evaluation e, String what) {
        for (int k = 0; k < e.layerCount(); k++) {
            double[] v = e.layerOutput(k);
            for (int i = 0; i < v.length; i++) {
                if (!(v[i] >= b.lower(k, i) && v[i] <= b.upper(k, i))) {
                    fail(what + ": layer " + k + " neuron " + i + " value " + v[i] + " outside [" + b.lower(k, i) + ", " + b.upper(k, i) + "]");
                }
            }
        }
    }

    static void assertContainsExact(NetworkBounds b, BigDecimal[][] v, String what) {
        for (int k = 0; k < v.length; k++) {
            for (int i = 0; i < v[k].length; i++) {
                if (v[k][i].compareTo(new BigDecimal(b.lower(k, i))) < 0 || v[k][i].compareTo(new BigDecimal(b.upper(k, i))) > 0) {
                    fail(what + ": exact layer " + k + " neuron " + i + " value " + v[k][i] + " outside [" + b.lower(k, i) + ", " + b.upper(k, i) + "]");
                }
            }
        }
    }

    private void check(Network net, Box box, Random rnd, int samples, int exactSamples, String what) {
        NetworkBounds ibp = IntervalBounds.compute(net, box);
        NetworkBounds sym = SymbolicBounds.compute(net, box);
        assertTrue(sym.isWithin(ibp), what + ": symbolic bounds looser than IBP");
        for (int s = 0; s < samples; s++) {
            double[] x = sample(rnd, box, s);
            Evaluation e = net.evaluate(x);
            assertContains(ibp, e, what + " IBP");
            assertContains(sym, e, what + " symbolic");
            if (s < exactSamples) {
                BigDecimal[][] exact = exactEvaluate(net, x);
                assertContainsExact(ibp, exact, what + " IBP");
                assertContainsExact(sym, exact, what + " symbolic");
            }
        }
    }

    @Test
    void denseNetworksOfVariousShapes() {
        Random rnd = new Random(2024);
        for (int t = 0; t < 30; t++) {
            int depth = 1 + rnd.nextInt(5);
            int[] widths = new int[depth + 1];
            for (int k = 0; k <= depth; k++) widths[k] = 1 + rnd.nextInt(k == 0 ? 8 : 24);
            Network net = RandomNetworks.dense(rnd, widths);
            check(net, randomBox(rnd, widths[0]), rnd, 1500, 20, "dense net " + t);
        }
    }

    @Test
    void mixedNetworksWithPoolingResidualAndSparseLayers() {
        Random rnd = new Random(77);
        for (int t = 0; t < 40; t++) {
            Network net = RandomNetworks.mixed(rnd, 1 + rnd.nextInt(6), 1 + rnd.nextInt(4), 12);
            check(net, randomBox(rnd, net.inputSize()), rnd, 800, 10, "mixed net " + t);
        }
    }

    @Test
    void pointBoxesAreExactlyEnclosed() {
        Random rnd = new Random(9);
        for (int t = 0; t < 60; t++) {
            Network net = RandomNetworks.mixed(rnd, 1 + rnd.nextInt(5), 1 + rnd.nextInt(4), 10);
            double[] x = new double[net.inputSize()];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian() * 3;
            Box point = new Box(x, x);
            BigDecimal[][] exact = exactEvaluate(net, x);
            assertContainsExact(IntervalBounds.compute(net, point), exact, "point IBP " + t);
            NetworkBounds sym = SymbolicBounds.compute(net, point);
            assertContainsExact(sym, exact, "point symbolic " + t);
            // On a point the bounds are tight up to rounding.
            double[] y = net.apply(x);
            double[] lo = sym.outputLower();
            double[] hi = sym.outputUpper();
            for (int j = 0; j < y.length; j++) assertTrue(hi[j] - lo[j] <= 1e-9 * (1 + Math.abs(y[j])), "width " + (hi[j] - lo[j]));
        }
    }

    @Test
    void tighteningOnlyTightensWhatItIsGiven() {
        Random rnd = new Random(5);
        Network net = RandomNetworks.dense(rnd, 4, 16, 16, 3);
        Box box = new Box(new double[] {-1, -1, -1, -1}, new double[] {1, 1, 1, 1});
        NetworkBounds ibp = IntervalBounds.compute(net, box);
        NetworkBounds sym = SymbolicBounds.tighten(ibp);
        assertTrue(sym.isWithin(ibp));
        assertTrue(IntervalBounds.tighten(sym).isWithin(sym));
        assertTrue(SymbolicBounds.tighten(sym).isWithin(sym));
        // A hand-given bound on a pre-activation (an unstable ReLU fixed inactive) is kept, not loosened, and
        // the later layers are recomputed from it: still sound for inputs that respect it.
        int unstable = -1;
        for (int i = 0; i < 16; i++) if (sym.lower(0, i) < 0 && sym.upper(0, i) > 0) { unstable = i; break; }
        assertTrue(unstable >= 0, "the random box should leave some first-layer ReLU unstable");
        NetworkBounds fixed = sym.restrict(0, unstable, Double.NEGATIVE_INFINITY, 0.0);
        for (NetworkBounds t : new NetworkBounds[] {IntervalBounds.tighten(fixed), SymbolicBounds.tighten(fixed)}) {
            assertTrue(t.isWithin(fixed));
            assertEquals(0.0, t.upper(0, unstable));
            for (int s = 0; s < 3000; s++) {
                double[] x = sample(rnd, box, s);
                Evaluation e = net.evaluate(x);
                if (e.layerOutput(0)[unstable] <= 0) assertContains(t, e, "restricted");
            }
        }
        assertTrue(!sym.isEmpty());
    }

    @Test
    void symbolicIsStrictlyTighterOnDeepNetworks() {
        Random rnd = new Random(31);
        int tighter = 0;
        for (int t = 0; t < 10; t++) {
            Network net = RandomNetworks.dense(rnd, 5, 20, 20, 20, 20, 4);
            Box box = randomBox(rnd, 5);
            double[] ibp = IntervalBounds.compute(net, box).outputUpper();
            double[] sym = SymbolicBounds.compute(net, box).outputUpper();
            for (int j = 0; j < ibp.length; j++) if (sym[j] < ibp[j] - 1e-9) tighter++;
        }
        assertTrue(tighter >= 20, "symbolic output upper bounds strictly tighter in only " + tighter + " of 40 cases");
    }

    @Test
    void linearObjectiveBoundsAreSoundAndTighterThanOutputIntervals() {
        Random rnd = new Random(13);
        int strictlyTighter = 0;
        for (int t = 0; t < 20; t++) {
            Network net = t % 2 == 0 ? RandomNetworks.dense(rnd, 4, 12, 12, 4) : RandomNetworks.mixed(rnd, 3, 3, 8);
            Box box = randomBox(rnd, net.inputSize());
            NetworkBounds sym = SymbolicBounds.compute(net, box);
            int m = net.outputSize();
            double[][] obj = new double[m + 1][m];
            for (int r = 0; r < m; r++) {
                obj[r][r] = 1;
                obj[r][0] -= 1; // Y_r - Y_0, the shape of "Y_0 is not minimal" specifications
            }
            for (int j = 0; j < m; j++) obj[m][j] = rnd.nextGaussian();
            double[][] b = SymbolicBounds.linearBounds(sym, obj);
            double[] ol = sym.outputLower();
            double[] ou = sym.outputUpper();
            for (int r = 0; r <= m; r++) {
                double il = 0;
                for (int j = 0; j < m; j++) il += obj[r][j] > 0 ? obj[r][j] * ol[j] : obj[r][j] * ou[j];
                if (b[0][r] > il + 1e-9) strictlyTighter++;
            }
            for (int s = 0; s < 500; s++) {
                double[] y = net.apply(sample(rnd, box, s));
                for (int r = 0; r <= m; r++) {
                    double v = 0;
                    for (int j = 0; j < m; j++) v += obj[r][j] * y[j];
                    assertTrue(v >= b[0][r] - 1e-12 && v <= b[1][r] + 1e-12, "objective " + r + " value " + v + " outside [" + b[0][r] + ", " + b[1][r] + "]");
                }
            }
        }
        assertTrue(strictlyTighter >= 10, "back-substituted objective bounds strictly tighter in only " + strictlyTighter + " cases");
    }
}
