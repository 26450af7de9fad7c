package org.nnmip.nnverify.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The resilience problems written plainly for OR-Tools' SCIP from the raw weight arrays: one variable per neuron
 * and copy with (slightly widened) interval bounds, big-M ReLUs, the perturbation split as {@code b - a = p - q},
 * class choices with big-Ms from the interval bounds of the logits. Shares no code with the main encoding.
 */
final class ScipResilience {
    private ScipResilience() { }

    /**
     * Phi_m over the box for free {@code a} ({@code fixedA} null) or a fixed one, L1 or L∞; NaN when SCIP proves
     * infeasibility.
     */
    static double phi(SmallNets r, double[] lo, double[] hi, int m, double lnAlpha, int k, boolean linf, double[] fixedA) {
        MPSolver s = MPSolver.createSolver("SCIP");
        s.setNumThreads(1);
        int n = lo.length;
        MPVariable[] a = new MPVariable[n];
        MPVariable[] b = new MPVariable[n];
        for (int i = 0; i < n; i++) {
            a[i] = fixedA == null ? s.makeNumVar(lo[i], hi[i], "a" + i) : s.makeNumVar(fixedA[i], fixedA[i], "a" + i);
            b[i] = s.makeNumVar(lo[i], hi[i], "b" + i);
        }
        Encoded za = encode(s, r, a, lo, hi, "A");
        Encoded zb = encode(s, r, b, lo, hi, "B");
        int c = za.z.length;
        if (fixedA == null) {
            for (int j = 0; j < c; j++) {
                if (j == m) continue;
                MPConstraint conf = s.makeConstraint(lnAlpha, Double.POSITIVE_INFINITY);
                conf.setCoefficient(za.z[m], 1);
                conf.setCoefficient(za.z[j], -1);
            }
        }
        MPConstraint count = s.makeConstraint(k, Double.POSITIVE_INFINITY);
        for (int j = 0; j < c; j++) {
            if (j == m) continue;
            double big = Math.max(0, zb.upper[m] - zb.lower[j]) + 1;
            MPVariable sj = s.makeIntVar(0, 1, "s" + j);
            count.setCoefficient(sj, 1);
            MPConstraint flip = s.makeConstraint(-big, Double.POSITIVE_INFINITY); // z_j - z_m - big s >= -big
            flip.setCoefficient(zb.z[j], 1);
            flip.setCoefficient(zb.z[m], -1);
            flip.setCoefficient(sj, -big);
        }
        MPObjective obj = s.objective();
        MPVariable t = linf ? s.makeNumVar(0, Double.POSITIVE_INFINITY, "t") : null;
        if (t != null) obj.setCoefficient(t, 1);
        for (int i = 0; i < n; i++) {
            double width = hi[i] - lo[i];
            MPVariable p = s.makeNumVar(0, width, "p" + i);
            MPVariable q = s.makeNumVar(0, width, "q" + i);
            MPConstraint split = s.makeConstraint(0, 0); // b - a - p + q = 0
            split.setCoefficient(b[i], 1);
            split.setCoefficient(a[i], -1);
            split.setCoefficient(p, -1);
            split.setCoefficient(q, 1);
            if (t == null) {
                obj.setCoefficient(p, 1);
                obj.setCoefficient(q, 1);
            } else {
                MPConstraint ct = s.makeConstraint(0, Double.POSITIVE_INFINITY);
                ct.setCoefficient(t, 1);
                ct.setCoefficient(p, -1);
                ct.setCoefficient(q, -1);
            }
        }
        obj.setMinimization();
        return solve(s, obj);
    }

    /** max_a min_{j != m} z_m(a) - z_j(a) over the box. */
    static double maxMargin(SmallNets r, double[] lo, double[] hi, int m) {
        MPSolver s = MPSolver.createSolver("SCIP");
        s.setNumThreads(1);
        int n = lo.length;
        MPVariable[] a = new MPVariable[n];
        for (int i = 0; i < n; i++) a[i] = s.makeNumVar(lo[i], hi[i], "a" + i);
        Encoded z = encode(s, r, a, lo, hi, "A");
        MPVariable t = s.makeNumVar(-1e4, 1e4, "t");
        for (int j = 0; j < z.z.length; j++) {
            if (j == m) continue;
            MPConstraint c = s.makeConstraint(Double.NEGATIVE_INFINITY, 0); // t - z_m + z_j <= 0
            c.setCoefficient(t, 1);
            c.setCoefficient(z.z[m], -1);
            c.setCoefficient(z.z[j], 1);
        }
        MPObjective obj = s.objective();
        obj.setCoefficient(t, 1);
        obj.setMaximization();
        return solve(s, obj);
    }

    private static double solve(MPSolver s, MPObjective obj) {
        MPSolverParameters params = new MPSolverParameters();
        params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
        MPSolver.ResultStatus st = s.solve(params);
        if (st == MPSolver.ResultStatus.INFEASIBLE) return Double.NaN;
        assertEquals(MPSolver.ResultStatus.OPTIMAL, st, "SCIP status");
        return obj.value();
    }

    record Encoded(MPVariable[] z, double[] lower, double[] upper) { }

    private static Encoded encode(MPSolver s, SmallNets r, MPVariable[] in, double[] lo, double[] hi, String tag) {
        MPVariable[] cur = in;
        double[] cl = lo.clone();
        double[] cu = hi.clone();
        for (int k = 0; k < r.w.length; k++) {
            int size = r.b[k].length;
            MPVariable[] z = new MPVariable[size];
            double[] zl = new double[size];
            double[] zu = new double[size];
            for (int i = 0; i < size; i++) {
                zl[i] = r.b[k][i];
                zu[i] = r.b[k][i];
                for (int j = 0; j < cur.length; j++) {
                    double wv = r.w[k][i][j];
                    zl[i] += Math.min(wv * cl[j], wv * cu[j]);
                    zu[i] += Math.max(wv * cl[j], wv * cu[j]);
                }
                zl[i] -= 1e-6;
                zu[i] += 1e-6;
                z[i] = s.makeNumVar(zl[i], zu[i], tag + "z" + k + "_" + i);
                MPConstraint c = s.makeConstraint(r.b[k][i], r.b[k][i]);
                c.setCoefficient(z[i], 1);
                for (int j = 0; j < cur.length; j++) c.setCoefficient(cur[j], -r.w[k][i][j]);
            }
            if (k + 1 == r.w.length) return new Encoded(z, zl, zu);
            MPVariable[] out = new MPVariable[size];
            for (int i = 0; i < size; i++) {
                double u = Math.max(zu[i], 0);
                double l = Math.min(zl[i], 0);
                out[i] = s.makeNumVar(0, u, tag + "r" + k + "_" + i);
                MPVariable d = s.makeIntVar(0, 1, tag + "d" + k + "_" + i);
                MPConstraint c1 = s.makeConstraint(0, Double.POSITIVE_INFINITY); // y >= z
                c1.setCoefficient(out[i], 1);
                c1.setCoefficient(z[i], -1);
                MPConstraint c2 = s.makeConstraint(Double.NEGATIVE_INFINITY, -l); // y <= z - l(1 - d)
                c2.setCoefficient(out[i], 1);
                c2.setCoefficient(z[i], -1);
                c2.setCoefficient(d, -l);
                MPConstraint c3 = s.makeConstraint(Double.NEGATIVE_INFINITY, 0); // y <= u d
                c3.setCoefficient(out[i], 1);
                c3.setCoefficient(d, -u);
                zl[i] = Math.max(zl[i], 0);
                zu[i] = u;
            }
            cur = out;
            cl = zl;
            cu = zu;
        }
        throw new IllegalStateException("no layers");
    }
}
