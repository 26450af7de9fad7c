package org.nnmip.nnverify.inverse;

import static org.nnmip.nnverify.net.Evaluation.argmax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.inverse.AdversarialProblem.Condition;
import org.nnmip.nnverify.inverse.AdversarialProblem.Norm;

class MinimalAdversarialTest {
    @BeforeAll
    static void load() {
        Loader.loadNativeLibraries();
    }

    /**
     * The same question written plainly for SCIP from the raw weight arrays: a variable per neuron with interval
     * bounds, big-M ReLUs, the change split into positive and negative parts d = d+ - d- each with its own indicator.
     * Returns the optimal distance, or NaN when SCIP proves infeasibility.
     */
    static double scip(RandomNets r, AdversarialProblem p) {
        MPSolver s = MPSolver.createSolver("SCIP");
        s.setNumThreads(1);
        double[] xt = p.original();
        int n = xt.length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        MPVariable[] cur = new MPVariable[n];
        for (int i = 0; i < n; i++) {
            lo[i] = Math.max(p.lower()[i], xt[i] - p.maxChange());
            hi[i] = Math.min(p.upper()[i], xt[i] + p.maxChange());
            if (p.integer()) {
                lo[i] = Math.ceil(lo[i]);
                hi[i] = Math.floor(hi[i]);
            }
            if (lo[i] > hi[i]) return Double.NaN;
            cur[i] = p.integer() ? s.makeIntVar(lo[i], hi[i], "x" + i) : s.makeNumVar(lo[i], hi[i], "x" + i);
        }
        double[] cl = lo.clone();
        double[] cu = hi.clone();
        for (int k = 0; k < r.w.length; k++) {
            int m = r.b[k].length;
            MPVariable[] z = new MPVariable[m];
            double[] zl = new double[m];
            double[] zu = new double[m];
            for (int i = 0; i < m; i++) {
                zl[i] = r.b[k][i];
                zu[i] = r.b[k][i];
                for (int j = 0; j < cur.length; j++) {
                    double wv = r.w[k][i][j];
                    zl[i] += Math.min(wv * cl[j], wv * cu[j]);
                    zu[i] += Math.max(wv * cl[j], wv * cu[j]);
                }
                z[i] = s.makeNumVar(zl[i], zu[i], "z" + k + "_" + i);
                MPConstraint c = s.makeConstraint(r.b[k][i], r.b[k][i]);
                c.setCoefficient(z[i], 1);
                for (int j = 0; j < cur.length; j++) c.setCoefficient(cur[j], -r.w[k][i][j]);
            }
            boolean relu = k + 1 < r.w.length || r.finalRelu;
            if (!relu) {
                cur = z;
                break;
            }
            MPVariable[] a = new MPVariable[m];
            for (int i = 0; i < m; i++) {
                double u = Math.max(zu[i], 0);
                a[i] = s.makeNumVar(0, u, "a" + k + "_" + i);
                MPVariable d = s.makeIntVar(0, 1, "d" + k + "_" + i);
                MPConstraint c1 = s.makeConstraint(0, Double.POSITIVE_INFINITY); // a >= z
                c1.setCoefficient(a[i], 1);
                c1.setCoefficient(z[i], -1);
                MPConstraint c2 = s.makeConstraint(Double.NEGATIVE_INFINITY, -Math.min(zl[i], 0)); // a <= z - l(1-d)
                c2.setCoefficient(a[i], 1);
                c2.setCoefficient(z[i], -1);
                c2.setCoefficient(d, -Math.min(zl[i], 0));
                MPConstraint c3 = s.makeConstraint(Double.NEGATIVE_INFINITY, 0); // a <= u d
                c3.setCoefficient(a[i], 1);
                c3.setCoefficient(d, -u);
                zl[i] = Math.max(zl[i], 0);
                zu[i] = u;
            }
            cur = a;
            cl = zl;
            cu = zu;
        }
        boolean factor = p.condition() == Condition.FACTOR;
        MPConstraint cond = s.makeConstraint(factor ? 0 : p.value(), Double.POSITIVE_INFINITY);
        cond.setCoefficient(cur[p.target()], 1);
        cond.setCoefficient(cur[p.source()], factor ? -p.value() : -1);

        MPObjective obj = s.objective();
        MPVariable t = p.norm() == Norm.LINF ? s.makeNumVar(0, Double.POSITIVE_INFINITY, "t") : null;
        if (t != null) obj.setCoefficient(t, 1);
        MPConstraint count = p.maxChanged() >= 0 ? s.makeConstraint(0, p.maxChanged()) : null;
        for (int i = 0; i < n; i++) {
            double big = Math.max(Math.abs(hi[i] - xt[i]), Math.abs(xt[i] - lo[i]));
            MPVariable dp = s.makeNumVar(0, big, "dp" + i);
            MPVariable dm = s.makeNumVar(0, big, "dm" + i);
            MPConstraint split = s.makeConstraint(xt[i], xt[i]); // x - dp + dm = x̃
            split.setCoefficient(s.variables()[i], 1);
            split.setCoefficient(dp, -1);
            split.setCoefficient(dm, 1);
            if (t == null) {
                obj.setCoefficient(dp, 1);
                obj.setCoefficient(dm, 1);
            } else {
                MPConstraint c = s.makeConstraint(0, Double.POSITIVE_INFINITY); // t >= dp + dm
                c.setCoefficient(t, 1);
                c.setCoefficient(dp, -1);
                c.setCoefficient(dm, -1);
            }
            if (p.maxChanged() >= 0 || p.step() > 0) {
                MPVariable u = s.makeIntVar(0, 1, "u" + i);
                MPVariable v = s.makeIntVar(0, 1, "v" + i);
                MPConstraint one = s.makeConstraint(Double.NEGATIVE_INFINITY, 1);
                one.setCoefficient(u, 1);
                one.setCoefficient(v, 1);
                MPConstraint pu = s.makeConstraint(Double.NEGATIVE_INFINITY, 0); // dp <= big u
                pu.setCoefficient(dp, 1);
                pu.setCoefficient(u, -big);
                MPConstraint pv = s.makeConstraint(Double.NEGATIVE_INFINITY, 0); // dm <= big v
                pv.setCoefficient(dm, 1);
                pv.setCoefficient(v, -big);
                MPConstraint su = s.makeConstraint(0, Double.POSITIVE_INFINITY); // dp >= step u
                su.setCoefficient(dp, 1);
                su.setCoefficient(u, -p.step());
                MPConstraint sv = s.makeConstraint(0, Double.POSITIVE_INFINITY); // dm >= step v
                sv.setCoefficient(dm, 1);
                sv.setCoefficient(v, -p.step());
                if (count != null) {
                    count.setCoefficient(u, 1);
                    count.setCoefficient(v, 1);
                }
            }
        }
        obj.setMinimization();
        MPSolverParameters params = new MPSolverParameters();
        params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
        MPSolver.ResultStatus st = s.solve(params);
        if (st == MPSolver.ResultStatus.INFEASIBLE) return Double.NaN;
        assertEquals(MPSolver.ResultStatus.OPTIMAL, st, "SCIP status");
        return obj.value();
    }


    @Test
    void matchesScipOnADozenCases() {
        Random rnd = new Random(11);
        int optimal = 0;
        int infeasible = 0;
        for (int c = 0; c < 12; c++) {
            boolean finalRelu = c % 2 == 0;
            RandomNets r = new RandomNets(600 + c, new int[] {4, 6, 5, 3}, finalRelu);
            double[] xt = new double[4];
            for (int i = 0; i < 4; i++) xt[i] = Math.round((rnd.nextDouble() * 2 - 1) * 100) / 100.0;
            if (c >= 10) for (int i = 0; i < 4; i++) xt[i] = Math.rint(3 * xt[i]);
            double[] y0 = r.net.apply(xt);
            int src = argmax(y0);
            int tgt = (src + 1 + c % 2) % 3;
            double box = c >= 10 ? 4 : 2;
            AdversarialProblem p = AdversarialProblem.of(xt, src, tgt, new double[] {-box, -box, -box, -box}, new double[] {box, box, box, box});
            p = finalRelu ? p.withCondition(Condition.FACTOR, 1.2) : p.withCondition(Condition.MARGIN, 0.1);
            switch (c % 6) {
                case 1 -> p = p.withNorm(Norm.LINF);
                case 2 -> p = p.withMaxChange(0.8);
                case 3 -> p = p.withMaxChanged(2, 0.0);
                case 4 -> p = p.withMaxChanged(3, 0.3);
                case 5 -> p = p.withNorm(Norm.LINF).withMaxChanged(1, 0.25);
                default -> { }
            }
            if (c >= 10) p = p.withInteger(true);
            InverseResult res = MinimalAdversarial.solve(r.net, p, InverseModels.defaultParameters());
            double ref = scip(r, p);
            if (Double.isNaN(ref)) {
                assertEquals("infeasible", res.status(), "case " + c);
                infeasible++;
                continue;
            }
            assertEquals("optimal", res.status(), "case " + c);
            assertEquals(ref, res.objective(), 1e-5 * (1 + ref), "case " + c + " " + p);
            double[] x = res.input();
            double[] y = r.net.apply(x);
            assertTrue(p.slack(y) >= -1e-6, "case " + c + ": the point misses the output condition");
            assertEquals(p.distance(x), res.objective(), 1e-12);
            int changed = 0;
            for (int i = 0; i < 4; i++) {
                double d = Math.abs(x[i] - xt[i]);
                assertTrue(x[i] >= -box - 1e-9 && x[i] <= box + 1e-9);
                assertTrue(d <= p.maxChange() + 1e-7);
                if (d > 0) {
                    changed++;
                    assertTrue(d >= p.step() - 1e-7, "case " + c + ": change " + d + " below the step");
                }
                if (p.integer()) assertEquals(Math.rint(x[i]), x[i], 0.0);
            }
            if (p.maxChanged() >= 0) assertTrue(changed <= p.maxChanged(), "case " + c);
            optimal++;
        }
        assertTrue(optimal >= 8, "most cases should have an adversarial example, got " + optimal + " (" + infeasible + " infeasible)");
    }

    @Test
    void aTooSmallPerAttributeCapIsInfeasible() {
        RandomNets r = new RandomNets(700, new int[] {3, 5, 3}, false);
        double[] xt = {0.1, -0.2, 0.3};
        double[] y0 = r.net.apply(xt);
        int src = argmax(y0);
        int tgt = (src + 1) % 3;
        AdversarialProblem p = AdversarialProblem.of(xt, src, tgt, new double[] {-1, -1, -1}, new double[] {1, 1, 1})
                .withCondition(Condition.MARGIN, 0.5).withMaxChange(0.0);
        InverseResult res = MinimalAdversarial.solve(r.net, p, InverseModels.defaultParameters());
        assertEquals("infeasible", res.status());
        assertFalse(res.hasPoint());
        assertTrue(Double.isNaN(scip(r, p)), "the reference agrees");
        // With room to move the same question has an answer.
        InverseResult free = MinimalAdversarial.solve(r.net, p.withMaxChange(Double.POSITIVE_INFINITY).withCondition(Condition.MARGIN, 0.0),
                InverseModels.defaultParameters());
        assertTrue(free.hasPoint() || free.isInfeasible());
        if (free.hasPoint()) assertTrue(p.withCondition(Condition.MARGIN, 0.0).slack(free.output()) >= -1e-6);
    }
}
