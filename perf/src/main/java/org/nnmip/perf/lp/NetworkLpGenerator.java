package org.nnmip.perf.lp;

import org.nnmip.lp.LpProblem;
import org.nnmip.lp.Sense;

import java.util.Random;

/**
 * LP relaxations shaped like ReLU-network verification MIPs (Tjeng et al. 2019 big-M encoding with interval
 * bounds): dense weight blocks in equality rows, four big-M rows per unstable neuron, the indicator relaxed to
 * [0,1]. Random He-initialised weights; the objective maximises the margin output[0] - output[1] over a box around a
 * random centre. These are the LPs a branch-and-bound re-solves at every node of a verification run.
 */
public final class NetworkLpGenerator {
    private NetworkLpGenerator() {
    }

    /**
     * @param layers layer widths, inputs first, outputs last (ReLU after every hidden layer)
     * @param radius half-width of the input box
     */
    public static LpProblem generate(long seed, int[] layers, double radius) {
        Random rnd = new Random(seed);
        LpProblem lp = new LpProblem();
        lp.setName("relu" + String.join("x", java.util.Arrays.stream(layers).mapToObj(Integer::toString)
                .toArray(String[]::new)) + "_s" + seed);
        int n0 = layers[0];
        int[] prevVar = new int[n0];
        double[] prevLo = new double[n0];
        double[] prevUp = new double[n0];
        for (int i = 0; i < n0; i++) {
            double c = rnd.nextDouble() * 2 - 1;
            prevLo[i] = c - radius;
            prevUp[i] = c + radius;
            prevVar[i] = lp.addColumn("x" + i, 0, prevLo[i], prevUp[i]);
        }
        for (int l = 1; l < layers.length; l++) {
            int fanIn = layers[l - 1];
            int width = layers[l];
            boolean output = l == layers.length - 1;
            double sd = Math.sqrt(2.0 / fanIn);
            int[] curVar = new int[width];
            double[] curLo = new double[width];
            double[] curUp = new double[width];
            for (int k = 0; k < width; k++) {
                double[] w = new double[fanIn];
                double b = rnd.nextGaussian() * 0.1;
                double lo = b;
                double up = b;
                for (int i = 0; i < fanIn; i++) {
                    w[i] = rnd.nextGaussian() * sd;
                    lo += w[i] > 0 ? w[i] * prevLo[i] : w[i] * prevUp[i];
                    up += w[i] > 0 ? w[i] * prevUp[i] : w[i] * prevLo[i];
                }
                // z = W a + b as an equality row over the previous layer's variables.
                int z = lp.addColumn("z" + l + "_" + k, 0, lo, up);
                int[] idx = new int[fanIn + 1];
                double[] val = new double[fanIn + 1];
                for (int i = 0; i < fanIn; i++) {
                    idx[i] = prevVar[i];
                    val[i] = w[i];
                }
                idx[fanIn] = z;
                val[fanIn] = -1;
                lp.addRow("aff" + l + "_" + k, idx, val, -b, -b);
                if (output) {
                    curVar[k] = z;
                    curLo[k] = lo;
                    curUp[k] = up;
                } else if (lo >= 0) {
                    curVar[k] = z;
                    curLo[k] = lo;
                    curUp[k] = up;
                } else if (up <= 0) {
                    curVar[k] = lp.addColumn("a" + l + "_" + k, 0, 0, 0);
                } else {
                    int a = lp.addColumn("a" + l + "_" + k, 0, 0, up);
                    int d = lp.addColumn("d" + l + "_" + k, 0, 0, 1);
                    // a >= z ; a <= z - lo (1 - d) ; a <= up d   (a >= 0 is its bound)
                    lp.addRow("ge" + l + "_" + k, new int[]{a, z}, new double[]{1, -1}, 0, Double.POSITIVE_INFINITY);
                    lp.addRow("ub" + l + "_" + k, new int[]{a, z, d}, new double[]{1, -1, -lo},
                            Double.NEGATIVE_INFINITY, -lo);
                    lp.addRow("um" + l + "_" + k, new int[]{a, d}, new double[]{1, -up}, Double.NEGATIVE_INFINITY, 0);
                    curVar[k] = a;
                    curLo[k] = 0;
                    curUp[k] = up;
                }
            }
            prevVar = curVar;
            prevLo = curLo;
            prevUp = curUp;
        }
        lp.setSense(Sense.MAXIMIZE);
        lp.setObjective(prevVar[0], 1.0);
        if (prevVar.length > 1) lp.setObjective(prevVar[1], -1.0);
        return lp;
    }
}
