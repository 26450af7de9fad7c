package org.nnmip.nnverify.inverse;

import org.nnmip.mip.MipParameters;
import org.nnmip.model.Model;
import org.nnmip.model.VarType;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.bounds.IntervalBounds;
import org.nnmip.nnverify.bounds.NetworkBounds;
import org.nnmip.nnverify.bounds.SymbolicBounds;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;

/** Shared plumbing of the inverse problems: encoding over a box, integer inputs, linear rows over affine forms. */
final class InverseModels {
    private InverseModels() { }

    /** Default engine settings: one thread, tight gaps (the answers are compared with references). */
    static MipParameters defaultParameters() {
        return MipParameters.defaults().withThreads(1).withRelativeGap(1e-9).withAbsoluteGap(1e-9);
    }

    /** The box rounded inwards to integers when {@code integer}; null when that leaves it empty. */
    static Box inputBox(double[] lo, double[] hi, boolean integer) {
        double[] l = lo.clone();
        double[] u = hi.clone();
        for (int i = 0; i < l.length; i++) {
            if (integer) {
                l[i] = Math.ceil(l[i] - 1e-9);
                u[i] = Math.floor(u[i] + 1e-9);
            }
            if (!(l[i] <= u[i])) return null;
        }
        return new Box(l, u);
    }

    /** Encodes the network over the box with the tighter of interval and symbolic bounds (as the verifier does). */
    static ReluMipEncoding encode(Network net, Box box, boolean integer) {
        NetworkBounds nb = IntervalBounds.compute(net, box).intersect(SymbolicBounds.compute(net, box));
        ReluMipEncoding enc = ReluMipEncoder.encode(nb);
        if (integer) {
            // The encoder's inputs are continuous: tie each to an integer copy (x_i - y_i = 0).
            Model m = enc.model();
            for (int i = 0; i < net.inputSize(); i++) {
                int y = m.addVariable("xint" + i, box.lower(i), box.upper(i), VarType.INTEGER).index();
                m.addConstraint("xint_eq" + i, new int[] {enc.inputVariable(i), y}, new double[] {1.0, -1.0}, 0.0, 0.0);
            }
        }
        return enc;
    }

    /** Dense coefficient vector plus constant of {@code sum_k w_k form_k} over the model's variables. */
    static double[] combine(Model model, AffineForm[] forms, double[] weights) {
        double[] c = new double[model.numVariables() + 1];
        for (int k = 0; k < forms.length; k++) {
            if (weights[k] == 0) continue;
            AffineForm f = forms[k];
            for (int q = 0; q < f.size(); q++) c[f.variables()[q]] += weights[k] * f.coefficients()[q];
            c[c.length - 1] += weights[k] * f.constant();
        }
        return c;
    }

    /** Adds {@code lo <= dense . x + constant <= hi} (dense from {@link #combine}). */
    static void addRow(Model model, String name, double[] dense, double lo, double hi) {
        int nz = 0;
        for (int j = 0; j + 1 < dense.length; j++) if (dense[j] != 0) nz++;
        int[] idx = new int[nz];
        double[] val = new double[nz];
        nz = 0;
        for (int j = 0; j + 1 < dense.length; j++) {
            if (dense[j] != 0) {
                idx[nz] = j;
                val[nz++] = dense[j];
            }
        }
        double k = dense[dense.length - 1];
        model.addConstraint(name, idx, val, lo - k, hi - k);
    }

    /** Sets the objective to {@code dense . x + constant}. */
    static void setObjective(Model model, double[] dense) {
        for (int j = 0; j + 1 < dense.length; j++) model.setObjectiveCoefficient(model.variable(j), dense[j]);
        model.setObjectiveConstant(dense[dense.length - 1]);
    }

    /** The solver's input rounded to integers when required and clamped into the box (solver tolerances). */
    static double[] cleanInput(double[] x, Box box, boolean integer) {
        double[] r = x.clone();
        for (int i = 0; i < r.length; i++) {
            if (integer) r[i] = Math.rint(r[i]);
            r[i] = Math.min(Math.max(r[i], box.lower(i)), box.upper(i));
        }
        return r;
    }
}
