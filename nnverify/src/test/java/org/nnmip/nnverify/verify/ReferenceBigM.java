package org.nnmip.nnverify.verify;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.List;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.net.AffineLayer;
import org.nnmip.nnverify.net.Layer;
import org.nnmip.nnverify.net.MaxPoolLayer;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ReluLayer;
import org.nnmip.nnverify.net.ReshapeLayer;
import org.nnmip.nnverify.net.ResidualAddLayer;
import org.nnmip.nnverify.property.OutputConstraint;

/**
 * An independent, deliberately plain big-M encoding solved by OR-Tools SCIP: one variable per layer output neuron,
 * equality rows for affine layers and residual adds, a binary for every ReLU that interval bounds leave unstable,
 * a selector binary per max-pool member. Used only to cross-check the verifier.
 */
final class ReferenceBigM {
    private static boolean loaded;

    private ReferenceBigM() { }

    static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    /** max over the box of {@code min_k (rhs_k - c_k . y)}; NaN when SCIP does not prove an optimum. */
    static double maxMargin(Network net, Box box, List<OutputConstraint> conj) {
        load();
        MPSolver s = MPSolver.createSolver("SCIP");
        s.setNumThreads(1);
        MPVariable[] y = encode(s, net, box)[net.layerCount()];
        MPVariable t = s.makeNumVar(-1e6, 1e6, "t");
        for (OutputConstraint oc : conj) {
            MPConstraint c = s.makeConstraint(Double.NEGATIVE_INFINITY, oc.rhs()); // t + c . y <= rhs
            c.setCoefficient(t, 1);
            for (int j = 0; j < y.length; j++) if (oc.coefficient(j) != 0) c.setCoefficient(y[j], oc.coefficient(j));
        }
        s.objective().setCoefficient(t, 1);
        s.objective().setMaximization();
        MPSolver.ResultStatus st = s.solve();
        double v = st == MPSolver.ResultStatus.OPTIMAL ? s.objective().value() : Double.NaN;
        s.delete();
        return v;
    }

    /** The network over the box in {@code s}: variables of every layer output (index k + 1; 0 = input). */
    static MPVariable[][] encode(MPSolver s, Network net, Box box) {
        load();
        NetworkBounds b = IntervalBounds.compute(net, box);
        MPVariable[][] out = new MPVariable[net.layerCount() + 1][];
        out[0] = new MPVariable[net.inputSize()];
        for (int i = 0; i < net.inputSize(); i++) out[0][i] = s.makeNumVar(box.lower(i), box.upper(i), "x" + i);
        for (int k = 0; k < net.layerCount(); k++) {
            Layer layer = net.layer(k);
            MPVariable[] in = out[k];
            int m = layer.outputSize();
            MPVariable[] o = new MPVariable[m];
            for (int i = 0; i < m; i++) o[i] = s.makeNumVar(b.lower(k, i), b.upper(k, i), "v" + k + "_" + i);
            out[k + 1] = o;
            switch (layer) {
                case AffineLayer a -> {
                    for (int i = 0; i < m; i++) {
                        MPConstraint c = s.makeConstraint(a.bias(i), a.bias(i));
                        c.setCoefficient(o[i], 1.0);
                        for (int q = a.rowStart(i); q < a.rowEnd(i); q++) c.setCoefficient(in[a.column(q)], -a.value(q));
                    }
                }
                case ReshapeLayer r -> {
                    for (int i = 0; i < m; i++) equal(s, o[i], in[i], null);
                }
                case ResidualAddLayer add -> {
                    for (int i = 0; i < m; i++) equal(s, o[i], in[i], out[add.source() + 1][i]);
                }
                case ReluLayer r -> {
                    for (int i = 0; i < m; i++) {
                        double l = b.lower(k - 1, i);
                        double u = b.upper(k - 1, i);
                        if (l >= 0) {
                            equal(s, o[i], in[i], null);
                        } else if (u <= 0) {
                            o[i].setBounds(0, 0);
                        } else {
                            MPVariable d = s.makeIntVar(0, 1, "d" + k + "_" + i);
                            ge(s, o[i], in[i], 0.0); // a >= z
                            MPConstraint c1 = s.makeConstraint(Double.NEGATIVE_INFINITY, -l); // a - z - l d <= -l
                            c1.setCoefficient(o[i], 1);
                            c1.setCoefficient(in[i], -1);
                            c1.setCoefficient(d, -l);
                            MPConstraint c2 = s.makeConstraint(Double.NEGATIVE_INFINITY, 0); // a <= u d
                            c2.setCoefficient(o[i], 1);
                            c2.setCoefficient(d, -u);
                        }
                    }
                }
                case org.nnmip.nnverify.net.ArctanLayer t -> throw new IllegalArgumentException("reference: no arctan");
                case MaxPoolLayer p -> {
                    for (int g = 0; g < m; g++) {
                        int[] members = p.group(g);
                        double top = b.upper(k, g);
                        MPConstraint one = s.makeConstraint(1, 1);
                        for (int q = 0; q < members.length; q++) {
                            int j = members[q];
                            MPVariable d = s.makeIntVar(0, 1, "s" + k + "_" + g + "_" + q);
                            one.setCoefficient(d, 1);
                            ge(s, o[g], in[j], 0.0);
                            double bigM = top - b.lower(k - 1, j);
                            MPConstraint c = s.makeConstraint(Double.NEGATIVE_INFINITY, bigM); // y - x_j + M d <= M
                            c.setCoefficient(o[g], 1);
                            c.setCoefficient(in[j], -1);
                            c.setCoefficient(d, bigM);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void equal(MPSolver s, MPVariable o, MPVariable a, MPVariable b) {
        MPConstraint c = s.makeConstraint(0, 0);
        c.setCoefficient(o, 1);
        c.setCoefficient(a, b == a ? -2 : -1); // setCoefficient overwrites: a residual of the layer just before
        if (b != null && b != a) c.setCoefficient(b, -1);
    }

    private static void ge(MPSolver s, MPVariable o, MPVariable a, double rhs) {
        MPConstraint c = s.makeConstraint(rhs, Double.POSITIVE_INFINITY);
        c.setCoefficient(o, 1);
        c.setCoefficient(a, -1);
    }
}
