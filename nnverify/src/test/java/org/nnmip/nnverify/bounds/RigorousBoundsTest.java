package org.nnmip.nnverify.bounds;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.NastyNetworks;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.Property;
import org.nnmip.nnverify.property.VnnlibParser;

/**
 * Bounds are rigorous under floating point: checked against exact (unrounded BigDecimal) arithmetic, on random
 * networks with weights over 1e-8..1e8 and ReLUs re-biased to sit on a cancelling round-off, and on ACAS Xu.
 * Interval bounds must contain the exact interval propagation; interval, symbolic and objective bounds must
 * contain the exact value of every layer at sampled inputs (point boxes make the bounds as tight as they get).
 */
class RigorousBoundsTest {
    /** Neurons whose exact value differs from the double forward pass: a non-rigorous point bound would miss them. */
    private int roundedNeurons;
    /** ReLU inputs whose double value is 0 but exact value is not: a wrong phase for a bound that ignores rounding. */
    private int hiddenKinks;

    private void check(Network net, Box box, double[] x0, Random rnd, int samples, String what) {
        NetworkBounds ibp = IntervalBounds.compute(net, box);
        NetworkBounds sym = SymbolicBounds.compute(net, box);
        BigDecimal[][][] exactIbp = ExactArithmetic.intervals(net, box);
        for (int k = 0; k < net.layerCount(); k++) {
            for (int i = 0; i < exactIbp[k][0].length; i++) {
                if (!ExactArithmetic.within(exactIbp[k][0][i], ibp.lower(k, i), Double.POSITIVE_INFINITY)
                        || !ExactArithmetic.within(exactIbp[k][1][i], Double.NEGATIVE_INFINITY, ibp.upper(k, i))) {
                    fail(what + ": layer " + k + " neuron " + i + " exact interval [" + exactIbp[k][0][i] + ", "
                            + exactIbp[k][1][i] + "] not inside IBP [" + ibp.lower(k, i) + ", " + ibp.upper(k, i) + "]");
                }
            }
        }
        double[][] objectives = new double[3][net.outputSize()];
        for (double[] o : objectives) for (int j = 0; j < o.length; j++) o[j] = rnd.nextInt(3) - 1 + (rnd.nextBoolean() ? 0 : rnd.nextGaussian());
        double[][] lin = SymbolicBounds.linearBounds(sym, objectives);
        for (int s = 0; s <= samples; s++) {
            double[] x = s == 0 ? x0 : NastyNetworks.point(rnd, box);
            BigDecimal[][] v = ExactArithmetic.evaluate(net, x);
            double[][] f = new double[net.layerCount()][];
            for (int k = 0; k < net.layerCount(); k++) f[k] = net.evaluate(x).layerOutput(k);
            for (int k = 0; k < v.length; k++) {
                boolean feedsRelu = k + 1 < net.layerCount() && net.layer(k + 1) instanceof org.nnmip.nnverify.net.ReluLayer;
                for (int i = 0; i < v[k].length; i++) {
                    if (!ExactArithmetic.within(v[k][i], ibp.lower(k, i), ibp.upper(k, i))) {
                        fail(what + ": exact layer " + k + " neuron " + i + " = " + v[k][i] + " outside IBP [" + ibp.lower(k, i) + ", " + ibp.upper(k, i) + "]");
                    }
                    if (!ExactArithmetic.within(v[k][i], sym.lower(k, i), sym.upper(k, i))) {
                        fail(what + ": exact layer " + k + " neuron " + i + " = " + v[k][i] + " outside symbolic [" + sym.lower(k, i) + ", " + sym.upper(k, i) + "]");
                    }
                    if (v[k][i].compareTo(ExactArithmetic.exact(f[k][i])) != 0) roundedNeurons++;
                    if (feedsRelu && f[k][i] == 0 && v[k][i].signum() != 0) hiddenKinks++;
                }
            }
            BigDecimal[] out = v[v.length - 1];
            for (int r = 0; r < objectives.length; r++) {
                BigDecimal obj = BigDecimal.ZERO;
                for (int j = 0; j < out.length; j++) obj = obj.add(ExactArithmetic.exact(objectives[r][j]).multiply(out[j]));
                if (!ExactArithmetic.within(obj, lin[0][r], lin[1][r])) {
                    fail(what + ": exact objective " + r + " = " + obj + " outside [" + lin[0][r] + ", " + lin[1][r] + "]");
                }
            }
        }
    }

    @Test
    void nastyRandomNetworksAreEnclosedInExactArithmetic() {
        Random rnd = new Random(20261202);
        for (int t = 0; t < 70; t++) {
            Network base = t % 2 == 0 ? RandomNetworks.mixed(rnd, 1 + rnd.nextInt(5), 1 + rnd.nextInt(4), 10)
                    : RandomNetworks.dense(rnd, 1 + rnd.nextInt(6), 2 + rnd.nextInt(12), 2 + rnd.nextInt(12), 1 + rnd.nextInt(4));
            Network net = t % 3 == 0 ? base : NastyNetworks.scaled(rnd, base);
            Box box = BoundsPropertyTest.randomBox(rnd, net.inputSize());
            if (t % 5 == 1) { // magnitudes of the inputs from 1e-8 to 1e8 as well
                double s = Math.pow(10, rnd.nextInt(17) - 8);
                double[] l = box.lower();
                double[] u = box.upper();
                for (int i = 0; i < l.length; i++) { l[i] *= s; u[i] *= s; }
                box = new Box(l, u);
            }
            double[] x0 = NastyNetworks.point(rnd, box);
            net = NastyNetworks.cancelling(rnd, net, x0);
            String what = "net " + t;
            check(net, box, x0, rnd, 6, what + " box");
            check(net, NastyNetworks.around(x0, 0), x0, rnd, 0, what + " point");
            check(net, NastyNetworks.around(x0, 1e-12), x0, rnd, 3, what + " tiny box");
        }
        // the checks above have teeth: round-off was present, and sat exactly on ReLU kinks
        assertTrue(roundedNeurons > 1000, roundedNeurons + " neurons with round-off");
        assertTrue(hiddenKinks > 20, hiddenKinks + " ReLU inputs that are 0 in double but not exactly");
    }

    @Test
    void acasXuBoundsAreEnclosedInExactArithmetic() throws Exception {
        Random rnd = new Random(5);
        Property p = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib"));
        Box domain = p.inputBoxes().get(0);
        for (String id : new String[] {"1_1", "3_3", "5_9"}) {
            Network net = NetworkFiles.read(TestData.acasNnet(id));
            check(net, domain, NastyNetworks.point(rnd, domain), rnd, 4, "ACAS Xu " + id + " prop_3 box");
            for (int t = 0; t < 3; t++) {
                double[] x0 = NastyNetworks.point(rnd, domain);
                check(net, NastyNetworks.around(x0, t == 0 ? 0 : t == 1 ? 1e-9 : 1e-3), x0, rnd, 3, "ACAS Xu " + id + " box " + t);
            }
            Network cancelling = NastyNetworks.cancelling(rnd, net, NastyNetworks.point(rnd, domain));
            double[] x0 = NastyNetworks.point(rnd, domain);
            check(cancelling, NastyNetworks.around(x0, 0), x0, rnd, 0, "ACAS Xu " + id + " re-biased, point");
        }
        assertTrue(roundedNeurons > 100, roundedNeurons + " neurons with round-off");
    }

    @Test
    void gammaIsAnUpperBoundOfItsDefinition() {
        for (long n : new long[] {1, 2, 3, 10, 1000, 123456789L}) {
            BigDecimal u = ExactArithmetic.exact(ErrorBound.U);
            BigDecimal nu = u.multiply(BigDecimal.valueOf(n));
            // gamma_n >= n u / (1 - n u)  <=>  gamma_n (1 - n u) >= n u
            BigDecimal g = ExactArithmetic.exact(ErrorBound.gamma(n));
            assertTrue(g.multiply(BigDecimal.ONE.subtract(nu)).compareTo(nu) >= 0, "gamma(" + n + ")");
        }
        assertTrue(ErrorBound.gamma(1L << 52) == Double.POSITIVE_INFINITY);
    }
}
