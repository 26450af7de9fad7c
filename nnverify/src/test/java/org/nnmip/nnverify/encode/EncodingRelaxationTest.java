package org.nnmip.nnverify.encode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.model.SolutionChecker;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;

/**
 * The encoding is a relaxation of the network: with weights that are awkward decimals (no exact binary value) and
 * large magnitudes, so that composing stable ReLUs' affine maps rounds, every sampled forward pass completes to a
 * model point that the solution checker accepts with zero tolerance.
 */
class EncodingRelaxationTest {

    /** A decimal with 7 significant digits and a random exponent: almost never a binary fraction. */
    private static double awkward(Random rnd) {
        double mantissa = (rnd.nextInt(2_000_000) - 1_000_000) / 1e6;
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.7fe%d", mantissa + 0.1234567, rnd.nextInt(5) - 2));
    }

    private static Network network(Random rnd, int... widths) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k + 1 < widths.length; k++) {
            double[][] w = new double[widths[k + 1]][widths[k]];
            double[] b = new double[widths[k + 1]];
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) w[i][j] = awkward(rnd);
                // a positive bias on some neurons makes them stably active: their affine maps are composed
                b[i] = awkward(rnd) + (i % 3 == 0 ? 1e3 : 0);
            }
            layers.add(AffineLayer.dense(w, b));
            if (k + 2 < widths.length) layers.add(new ReluLayer(widths[k + 1]));
        }
        return new Network(widths[0], layers);
    }

    @Test
    void everyForwardPassIsFeasibleWithZeroTolerance() {
        SolutionChecker exact = new SolutionChecker(0.0, 0.0);
        int unstable = 0;
        for (int seed = 0; seed < 12; seed++) {
            Random rnd = new Random(seed);
            Network net = network(rnd, 3, 12, 12, 12, 2);
            double[] lo = new double[3];
            double[] hi = new double[3];
            for (int i = 0; i < 3; i++) {
                lo[i] = awkward(rnd);
                hi[i] = lo[i] + 0.3 + Math.abs(awkward(rnd));
            }
            Box box = new Box(lo, hi);
            ReluMipEncoding enc = ReluMipEncoder.encode(IntervalBounds.compute(net, box).intersect(SymbolicBounds.compute(net, box)));
            unstable += enc.binaryCount();
            for (int s = 0; s < 300; s++) {
                double[] x = new double[3];
                for (int i = 0; i < 3; i++) x[i] = s == 0 ? lo[i] : s == 1 ? hi[i] : lo[i] + rnd.nextDouble() * (hi[i] - lo[i]);
                SolutionChecker.Report r = exact.check(enc.model(), enc.complete(x));
                assertTrue(r.feasible(), "seed " + seed + " sample " + s + ": " + r);
            }
        }
        assertTrue(unstable > 20, "the networks must have unstable ReLUs, got " + unstable);
    }
}
