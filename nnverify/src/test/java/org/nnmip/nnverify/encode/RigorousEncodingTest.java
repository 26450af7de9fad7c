package org.nnmip.nnverify.encode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnmip.model.Constraint;
import org.nnmip.model.Model;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.NastyNetworks;
import org.nnmip.nnverify.RandomNetworks;
import org.nnmip.nnverify.TestData;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.ExactArithmetic;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.io.NetworkFiles;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.property.VnnlibParser;

/**
 * The big-M encoding is a relaxation of the exact real-valued network: the exact forward pass of sampled inputs
 * (with the binaries set by the exact phases) satisfies every variable bound and every row in exact arithmetic, and
 * every affine form is within its error bound of the exact neuron value.
 */
class RigorousEncodingTest {
    private int formsWithError;

    /** Exact values of the encoding's variables for the exact forward pass {@code v} at input {@code x}. */
    private static BigDecimal[] assignment(ReluMipEncoding enc, double[] x, BigDecimal[][] v) {
        Model model = enc.model();
        BigDecimal[] val = new BigDecimal[model.numVariables()];
        for (int j = 0; j < val.length; j++) {
            int k = enc.roleLayer(j);
            int i = enc.roleNeuron(j);
            val[j] = switch (enc.role(j)) {
                case INPUT -> ExactArithmetic.exact(x[i]);
                case RELU_OUTPUT, POOL_OUTPUT -> v[k][i];
                case RELU_PHASE -> layer(x, v, k - 1)[i].signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
                case POOL_SELECT -> null; // set below
                case ATAN_OUTPUT, ATAN_PIECE -> throw new IllegalStateException("no arctan here");
            };
        }
        // pool selection: the first live member attaining the exact maximum
        for (int j = 0; j < val.length; j++) {
            if (enc.role(j) != ReluMipEncoding.Role.POOL_SELECT || val[j] != null) continue;
            int k = enc.roleLayer(j);
            int g = enc.roleNeuron(j);
            BigDecimal max = v[k][g];
            boolean chosen = false;
            for (int q = j; q < val.length && enc.role(q) == ReluMipEncoding.Role.POOL_SELECT && enc.roleLayer(q) == k && enc.roleNeuron(q) == g; q++) {
                boolean hit = !chosen && layer(x, v, k - 1)[memberOf(enc, q)].compareTo(max) == 0;
                chosen |= hit;
                val[q] = hit ? BigDecimal.ONE : BigDecimal.ZERO;
            }
        }
        return val;
    }

    /** Exact output of layer {@code k} ({@code k = -1}: the input). */
    private static BigDecimal[] layer(double[] x, BigDecimal[][] v, int k) {
        if (k >= 0) return v[k];
        BigDecimal[] in = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) in[i] = ExactArithmetic.exact(x[i]);
        return in;
    }

    private static int memberOf(ReluMipEncoding enc, int variable) {
        String name = enc.model().variable(variable).name(); // "s<k>_<g>_<member>"
        return Integer.parseInt(name.substring(name.lastIndexOf('_') + 1));
    }

    private void check(Network net, Box box, double[] x, String what) {
        NetworkBounds b = IntervalBounds.compute(net, box).intersect(SymbolicBounds.compute(net, box));
        ReluMipEncoding enc = ReluMipEncoder.encode(b);
        BigDecimal[][] v = ExactArithmetic.evaluate(net, x);
        BigDecimal[] val = assignment(enc, x, v);
        Model model = enc.model();
        for (int j = 0; j < val.length; j++) {
            Variable var = model.variable(j);
            if (!ExactArithmetic.within(val[j], var.lower(), var.upper())) {
                fail(what + ": variable " + var.name() + " = " + val[j] + " outside [" + var.lower() + ", " + var.upper() + "]");
            }
        }
        for (int r = 0; r < model.numConstraints(); r++) {
            Constraint c = model.constraint(r);
            BigDecimal s = BigDecimal.ZERO;
            for (int q = 0; q < c.size(); q++) s = s.add(ExactArithmetic.exact(c.coefficient(q)).multiply(val[c.variableIndex(q)]));
            if (!ExactArithmetic.within(s, c.lower(), c.upper())) {
                fail(what + ": row " + c.name() + " = " + s + " outside [" + c.lower() + ", " + c.upper() + "] at the exact forward pass");
            }
        }
        for (int k = 0; k < net.layerCount(); k++) {
            for (int i = 0; i < v[k].length; i++) {
                AffineForm f = enc.neuron(k, i);
                BigDecimal s = ExactArithmetic.exact(f.constant());
                for (int q = 0; q < f.size(); q++) s = s.add(ExactArithmetic.exact(f.coefficients()[q]).multiply(val[f.variables()[q]]));
                BigDecimal diff = s.subtract(v[k][i]).abs();
                if (diff.compareTo(ExactArithmetic.exact(f.error())) > 0) {
                    fail(what + ": layer " + k + " neuron " + i + " form is " + diff + " from the exact value, error bound " + f.error());
                }
                if (diff.signum() != 0) formsWithError++;
            }
        }
    }

    @Test
    void exactForwardPassesSatisfyTheEncodingOfNastyNetworks() {
        Random rnd = new Random(424242);
        for (int t = 0; t < 50; t++) {
            Network base = t % 2 == 0 ? RandomNetworks.mixed(rnd, 1 + rnd.nextInt(5), 1 + rnd.nextInt(4), 9)
                    : RandomNetworks.dense(rnd, 1 + rnd.nextInt(5), 2 + rnd.nextInt(10), 2 + rnd.nextInt(10), 1 + rnd.nextInt(3));
            Network net = t % 3 == 0 ? base : NastyNetworks.scaled(rnd, base);
            double[] c = new double[net.inputSize()];
            for (int i = 0; i < c.length; i++) c[i] = rnd.nextGaussian();
            Box box = NastyNetworks.around(c, 0.3);
            double[] x0 = NastyNetworks.point(rnd, box);
            net = NastyNetworks.cancelling(rnd, net, x0);
            for (int s = 0; s < 6; s++) check(net, box, s == 0 ? x0 : NastyNetworks.point(rnd, box), "net " + t + " sample " + s);
        }
        assertTrue(formsWithError > 50, formsWithError + " forms that differ from the exact neuron");
    }

    @Test
    void exactForwardPassesSatisfyTheAcasXuEncoding() throws Exception {
        Random rnd = new Random(11);
        Box domain = VnnlibParser.parse(TestData.nn("acasxu", "vnnlib", "prop_3.vnnlib")).inputBoxes().get(0);
        for (String id : new String[] {"1_1", "1_9"}) {
            Network net = NetworkFiles.read(TestData.acasNnet(id));
            for (int s = 0; s < 5; s++) check(net, domain, NastyNetworks.point(rnd, domain), "ACAS Xu " + id + " sample " + s);
        }
    }
}
