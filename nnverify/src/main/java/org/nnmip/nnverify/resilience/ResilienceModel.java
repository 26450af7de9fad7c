package org.nnmip.nnverify.resilience;

import java.util.Arrays;
import java.util.TreeMap;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.model.Variable;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.net.ParallelComposition;

/**
 * The MIP of Cheng, Nührenberg &amp; Ruess (2017, Sec. 3): minimise {@code ||eps||} (L1 by one deviation variable per
 * input, L∞ by one shared one) over an input {@code a} and its perturbation {@code b = a + eps}, both in the box,
 * such that {@code z_m(a) >= ln alpha + z_j(a)} for all {@code j != m} and at least {@code k} classes {@code j != m}
 * have {@code z_j(b) >= z_m(b)}: a binary {@code s_j} per class switches its row
 * {@code z_j(b) - z_m(b) >= L_j (1 - s_j)} on, with {@code L_j} a sound lower bound of the difference over the box
 * (classes whose difference is never negative need no binary, those never non-negative cannot be chosen), and
 * {@code sum s_j >= k}. With {@code a} fixed (the local problem, step 2 of the initialisation) only the perturbed
 * copy is encoded.
 */
final class ResilienceModel {
    final Network net;
    final Box box;
    final int m;
    final ResilienceOptions options;
    final ReluMipEncoding encoding;
    final Model model;
    final double[] fixedA; // null: a is free (two copies)
    final int[] dev;       // per input (L1) or the same shared variable (L∞)
    final int[] choose;    // s_j, -1 when class j needs no binary or cannot be chosen
    final boolean[] always; // z_j(b) >= z_m(b) everywhere in the box
    /** False when fewer than k classes can ever reach z_m(b): the problem is infeasible by the bounds alone. */
    final boolean possible;
    /** The network has arctan layers: the model is a relaxation. */
    final boolean relaxed;
    /**
     * Input pairs {a, b} the completion heuristic evaluated (relaxed models only): true forward passes, so the best
     * one that passes the re-check is a true witness even when the relaxation's own optimum is not.
     */
    final java.util.List<double[][]> candidates = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    ResilienceModel(ResilienceBounds rb, Box box, int m, double lnAlpha, double[] fixedA, double[][] differences) {
        this.net = rb.net;
        this.box = box;
        this.m = m;
        this.options = rb.options;
        this.fixedA = fixedA == null ? null : fixedA.clone();
        this.relaxed = rb.relaxed;
        int n = net.inputSize();
        int c = net.outputSize();
        if (fixedA == null) {
            // (a, b) -> (z(a), z(b)): one encoding holds both copies, each with its own binaries
            Network paired = ParallelComposition.sideBySide(net, net);
            encoding = ResilienceBounds.encode(ResilienceBounds.twice(paired, rb.bounds), rb.options);
        } else {
            encoding = ResilienceBounds.encode(rb.bounds, rb.options);
        }
        model = encoding.model();
        if (!options.priorities()) {
            for (Variable v : model.variables()) if (v.type() == VarType.BINARY) v.setBranchPriority(0);
        }
        AffineForm[] out = encoding.outputs();
        AffineForm[] za = fixedA == null ? Arrays.copyOfRange(out, 0, c) : null;
        AffineForm[] zb = fixedA == null ? Arrays.copyOfRange(out, c, 2 * c) : out;
        if (za != null) {
            for (int j = 0; j < c; j++) if (j != m) addDifference("confidence" + j, za[m], za[j], lnAlpha, Double.POSITIVE_INFINITY);
        }
        choose = new int[c];
        always = new boolean[c];
        Arrays.fill(choose, -1);
        int reachable = 0;
        int sure = 0;
        for (int j = 0; j < c; j++) {
            if (j == m) continue;
            double lo = differences[0][j];
            double hi = differences[1][j];
            if (hi < 0) continue;
            reachable++;
            if (lo >= 0) {
                always[j] = true;
                sure++;
                continue;
            }
            Variable s = model.addVariable("choose" + j, 0, 1, VarType.BINARY);
            // Which classes catch up decides the most: with priorities on, before any ReLU phase.
            if (options.priorities()) s.setBranchPriority(net.layerCount() + 1);
            choose[j] = s.index();
            // z_j(b) - z_m(b) >= L_j (1 - s_j), i.e. z_j(b) - z_m(b) + L_j s_j >= L_j with L_j = lo < 0
            addDifferenceWith("flip" + j, zb[j], zb[m], s.index(), lo, lo);
        }
        possible = reachable >= options.k();
        int need = options.k() - sure;
        if (need > 0 && possible) {
            int[] idx = Arrays.stream(choose).filter(v -> v >= 0).toArray();
            double[] ones = new double[idx.length];
            Arrays.fill(ones, 1.0);
            model.addConstraint("at_least_k", idx, ones, need, Double.POSITIVE_INFINITY);
        }
        dev = new int[n];
        double widest = 0;
        for (int i = 0; i < n; i++) widest = Math.max(widest, box.upper(i) - box.lower(i));
        int shared = options.norm() == ResilienceOptions.Norm.LINF ? model.continuous("eps_max", 0.0, widest).index() : -1;
        if (shared >= 0) model.setObjectiveCoefficient(model.variable(shared), 1.0);
        for (int i = 0; i < n; i++) {
            int t = shared;
            if (t < 0) {
                t = model.continuous("eps_abs" + i, 0.0, box.upper(i) - box.lower(i)).index();
                model.setObjectiveCoefficient(model.variable(t), 1.0);
            }
            dev[i] = t;
            int b = fixedA == null ? encoding.inputVariable(n + i) : encoding.inputVariable(i);
            if (fixedA == null) {
                int a = encoding.inputVariable(i);
                // t >= b - a and t >= a - b
                model.addConstraint("eps_up" + i, new int[] {t, b, a}, new double[] {1, -1, 1}, 0.0, Double.POSITIVE_INFINITY);
                model.addConstraint("eps_dn" + i, new int[] {t, b, a}, new double[] {1, 1, -1}, 0.0, Double.POSITIVE_INFINITY);
            } else {
                model.addConstraint("eps_up" + i, new int[] {t, b}, new double[] {1, -1}, -fixedA[i], Double.POSITIVE_INFINITY);
                model.addConstraint("eps_dn" + i, new int[] {t, b}, new double[] {1, 1}, fixedA[i], Double.POSITIVE_INFINITY);
            }
        }
        model.setObjectiveSense(ObjectiveSense.MINIMIZE);
    }

    /** The cut {@code ||eps|| <= bound} of the three-step initialisation (the objective is the norm). */
    void addNormCut(double bound) {
        int[] idx = Arrays.stream(dev).distinct().toArray();
        double[] ones = new double[idx.length];
        Arrays.fill(ones, 1.0);
        model.addConstraint("norm_cut", idx, ones, Double.NEGATIVE_INFINITY, bound);
    }

    /** The unperturbed input of a model point. */
    double[] inputA(double[] point) {
        if (fixedA != null) return fixedA.clone();
        return clamp(Arrays.copyOfRange(encoding.inputOf(point), 0, net.inputSize()));
    }

    /** The perturbed input of a model point. */
    double[] inputB(double[] point) {
        double[] x = encoding.inputOf(point);
        return clamp(fixedA == null ? Arrays.copyOfRange(x, net.inputSize(), 2 * net.inputSize()) : x);
    }

    private double[] clamp(double[] x) {
        for (int i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], box.lower(i)), box.upper(i));
        return x;
    }

    /**
     * The complete model point of inputs {@code a} (ignored when fixed) and {@code b}: both copies evaluated, the
     * deviations set to {@code |b - a|}, and {@code s_j = 1} for the classes scoring at least {@code z_m(b)}.
     */
    double[] point(double[] a, double[] b) {
        int n = net.inputSize();
        double[] x;
        double[] aa = fixedA != null ? fixedA : a;
        if (fixedA == null) {
            x = new double[2 * n];
            System.arraycopy(a, 0, x, 0, n);
            System.arraycopy(b, 0, x, n, n);
        } else {
            x = b;
        }
        double[] p = encoding.complete(x);
        double max = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.abs(b[i] - aa[i]);
            max = Math.max(max, d);
            p[dev[i]] = d;
        }
        if (options.norm() == ResilienceOptions.Norm.LINF) p[dev[0]] = max;
        double[] zb = net.apply(b);
        for (int j = 0; j < choose.length; j++) if (choose[j] >= 0) p[choose[j]] = zb[j] >= zb[m] ? 1.0 : 0.0;
        return p;
    }

    private void addDifference(String name, AffineForm x, AffineForm y, double lo, double hi) {
        addDifferenceWith(name, x, y, -1, 0.0, lo);
    }

    /** Adds {@code x - y + coef * v >= lo} (no {@code v} when {@code v < 0}), merging shared variables. */
    private void addDifferenceWith(String name, AffineForm x, AffineForm y, int v, double coef, double lo) {
        TreeMap<Integer, Double> terms = new TreeMap<>();
        for (int q = 0; q < x.size(); q++) terms.merge(x.variables()[q], x.coefficients()[q], Double::sum);
        for (int q = 0; q < y.size(); q++) terms.merge(y.variables()[q], -y.coefficients()[q], Double::sum);
        if (v >= 0) terms.merge(v, coef, Double::sum);
        terms.values().removeIf(d -> d == 0.0);
        int[] idx = new int[terms.size()];
        double[] val = new double[terms.size()];
        int p = 0;
        for (var e : terms.entrySet()) {
            idx[p] = e.getKey();
            val[p++] = e.getValue();
        }
        model.addConstraint(name, idx, val, lo - (x.constant() - y.constant()), Double.POSITIVE_INFINITY);
    }
}
