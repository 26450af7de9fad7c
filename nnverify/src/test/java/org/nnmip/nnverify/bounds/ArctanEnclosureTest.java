package org.nnmip.nnverify.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.ArctanLayer;
import org.nnmip.nnverify.net.Evaluation;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/** The arctan enclosure, evaluation and interval/symbolic bounds of arctan networks against dense sampling. */
class ArctanEnclosureTest {

    @Test
    void enclosureContainsAtanOnDenseSamplesOfEveryPiece() {
        Random rnd = new Random(11);
        double[][] fixed = {{-1, 1}, {0, 3}, {-3, 0}, {-50, 40}, {2, 2}, {-1e-11, 1e-11}, {0.5, 0.5 + 1e-12}, {-7, -6.999}, {1e3, 1e4}};
        List<double[]> cases = new ArrayList<>(List.of(fixed));
        for (int t = 0; t < 40; t++) {
            double a = rnd.nextGaussian() * 5;
            double b = a + Math.abs(rnd.nextGaussian() * 5);
            cases.add(new double[] {a, b});
        }
        for (double[] c : cases) {
            for (int count : new int[] {1, 3, 8}) {
                List<ArctanEnclosure.Piece> pieces = ArctanEnclosure.pieces(c[0], c[1], count);
                assertEquals(c[0], pieces.getFirst().from());
                assertEquals(c[1], pieces.getLast().to());
                for (int q = 0; q < pieces.size(); q++) {
                    ArctanEnclosure.Piece p = pieces.get(q);
                    if (q > 0) assertEquals(pieces.get(q - 1).to(), p.from(), "pieces are contiguous");
                    assertTrue(!(p.from() < 0 && p.to() > 0), "no piece straddles 0: " + p);
                    for (int s = 0; s <= 1000; s++) {
                        double z = s == 1000 ? p.to() : p.from() + (p.to() - p.from()) * s / 1000.0;
                        z = Math.min(Math.max(z, p.from()), p.to());
                        double y = Math.atan(z);
                        assertTrue(p.low(z) <= y && y <= p.high(z), "atan(" + z + ") = " + y + " outside " + p);
                    }
                }
            }
        }
    }

    @Test
    void enclosureIsTightEnoughToBeUseful() {
        // |atan''| <= 0.65: chord and tangent each stay within 0.65 w^2 / 8 of atan on a piece of width w.
        for (int count : new int[] {8, 32}) {
            for (ArctanEnclosure.Piece p : ArctanEnclosure.pieces(-5, 5, count)) {
                double w = p.to() - p.from();
                assertTrue(Math.atan(p.to()) - Math.atan(p.from()) <= Math.PI / count + 1e-12, "equal arctan ranges");
                for (int s = 0; s <= 100; s++) {
                    double z = p.from() + (p.to() - p.from()) * s / 100.0;
                    assertTrue(p.high(z) - p.low(z) <= 0.65 * w * w / 4 + 1e-9, "band width at " + z + " in " + p);
                }
            }
        }
    }

    @Test
    void lowerAndUpperBracketAtan() {
        Random rnd = new Random(3);
        for (int t = 0; t < 10000; t++) {
            double x = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(8) - 3);
            assertTrue(ArctanEnclosure.lower(x) < Math.atan(x) && Math.atan(x) < ArctanEnclosure.upper(x));
        }
    }

    static Network randomArctanNet(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(2);
        int h1 = 3 + rnd.nextInt(3);
        int h2 = 3 + rnd.nextInt(3);
        List<Layer> layers = new ArrayList<>();
        layers.add(AffineLayer.dense(gauss(rnd, h1, n, 2), gauss(rnd, 1, h1, 1)[0]));
        layers.add(new ArctanLayer(h1));
        layers.add(AffineLayer.dense(gauss(rnd, h2, h1, 2), gauss(rnd, 1, h2, 1)[0]));
        layers.add(seed % 2 == 0 ? new ArctanLayer(h2) : new ReluLayer(h2));
        layers.add(AffineLayer.dense(gauss(rnd, 3, h2, 1), gauss(rnd, 1, 3, 0.5)[0]));
        return new Network(n, layers);
    }

    static double[][] gauss(Random rnd, int r, int c, double scale) {
        double[][] m = new double[r][c];
        for (double[] row : m) for (int j = 0; j < c; j++) row[j] = rnd.nextGaussian() * scale;
        return m;
    }

    @Test
    void evaluationAndBoundsContainSampledValues() {
        for (long seed = 0; seed < 8; seed++) {
            Network net = randomArctanNet(seed);
            int n = net.inputSize();
            double[] lo = new double[n];
            double[] hi = new double[n];
            java.util.Arrays.fill(lo, -1);
            java.util.Arrays.fill(hi, 1);
            Box box = new Box(lo, hi);
            NetworkBounds ib = IntervalBounds.compute(net, box);
            NetworkBounds sb = SymbolicBounds.compute(net, box);
            Random rnd = new Random(seed);
            for (int s = 0; s < 2000; s++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) x[i] = s < 4 ? ((s >> (i % 2)) % 2 == 0 ? -1 : 1) : -1 + 2 * rnd.nextDouble();
                Evaluation e = net.evaluate(x);
                for (int k = 0; k < net.layerCount(); k++) {
                    double[] in = e.layerInput(k);
                    double[] out = e.layerOutput(k);
                    if (net.layer(k) instanceof ArctanLayer) {
                        for (int i = 0; i < in.length; i++) assertEquals(Math.atan(in[i]), out[i], 0.0);
                    }
                    for (int i = 0; i < out.length; i++) {
                        assertTrue(ib.lower(k, i) <= out[i] && out[i] <= ib.upper(k, i), "interval bounds, layer " + k);
                        assertTrue(sb.lower(k, i) <= out[i] && out[i] <= sb.upper(k, i), "symbolic bounds, layer " + k);
                    }
                }
            }
        }
    }
}
