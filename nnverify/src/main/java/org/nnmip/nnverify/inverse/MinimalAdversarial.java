package org.nnmip.nnverify.inverse;

import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;

/**
 * Minimal adversarial examples as a MIP over the big-M network encoding (Fischetti &amp; Jo 2018, Sec. 4): minimise
 * {@code ||x - x̃||} (L1 by one deviation variable per attribute, L∞ by one shared one) subject to the output
 * condition. Attribute limits use an "up" and a "down" binary per attribute: with neither the attribute is unchanged,
 * with one it moves by at least the step in that direction; their sum is capped by the change count.
 */
public final class MinimalAdversarial {
    /** Absolute tolerance (scaled by the output size) of the forward-pass re-check of the output condition. */
    static final double RECHECK_TOLERANCE = 1e-6;

    private MinimalAdversarial() { }

    public static InverseResult solve(Network net, AdversarialProblem p, MipParameters params) {
        return solve(net, p, params, null);
    }

    /**
     * As {@link #solve(Network, AdversarialProblem, MipParameters)}, with a MIP start built from {@code startInput}
     * (e.g. the nearest known sample of the target class): clamped into the box (rounded for integer inputs), the
     * network evaluated there and the encoding completed by the forward pass. Used only when that point meets the
     * output condition; otherwise (or when null) the search starts without it.
     */
    public static InverseResult solve(Network net, AdversarialProblem p, MipParameters params, double[] startInput) {
        long start = System.nanoTime();
        int n = net.inputSize();
        if (startInput != null && startInput.length != n) {
            throw new IllegalArgumentException("adversarial: the network has " + n + " inputs, the MIP start has " + startInput.length);
        }
        if (p.original().length != n) {
            throw new IllegalArgumentException("adversarial: the network has " + n + " inputs, the original has " + p.original().length);
        }
        if (p.source() >= net.outputSize() || p.target() >= net.outputSize()) {
            throw new IllegalArgumentException("adversarial: class index out of range [0, " + net.outputSize() + ")");
        }
        double[] xt = p.original();
        double[] lo = p.lower();
        double[] hi = p.upper();
        for (int i = 0; i < n; i++) {
            lo[i] = Math.max(lo[i], xt[i] - p.maxChange());
            hi[i] = Math.min(hi[i], xt[i] + p.maxChange());
        }
        Box box = null;
        boolean empty = false;
        for (int i = 0; i < n; i++) empty |= lo[i] > hi[i];
        if (!empty) box = InverseModels.inputBox(lo, hi, p.integer());
        if (box == null) return InverseResult.withoutPoint("infeasible", Double.NaN, start, 0);

        ReluMipEncoding enc = InverseModels.encode(net, box, p.integer());
        Model model = enc.model();
        AffineForm[] out = enc.outputs();
        double[] w = new double[out.length];
        w[p.target()] = 1.0;
        w[p.source()] = p.condition() == AdversarialProblem.Condition.FACTOR ? -p.value() : -1.0;
        double[] cond = InverseModels.combine(model, out, w);
        double rhs = p.condition() == AdversarialProblem.Condition.MARGIN ? p.value() : 0.0;
        InverseModels.addRow(model, "adv_condition", cond, rhs, Double.POSITIVE_INFINITY);

        int linf = p.norm() == AdversarialProblem.Norm.LINF ? model.continuous("dist", 0.0, Double.POSITIVE_INFINITY).index() : -1;
        if (linf >= 0) model.setObjectiveCoefficient(model.variable(linf), 1.0);
        int[] up = new int[n];
        int[] down = new int[n];
        int[] dev = new int[n];
        for (int i = 0; i < n; i++) {
            int x = enc.inputVariable(i);
            double dl = box.lower(i) - xt[i];
            double du = box.upper(i) - xt[i];
            int t = linf;
            dev[i] = t;
            if (t < 0) {
                t = model.continuous("dev" + i, 0.0, Math.max(Math.abs(dl), Math.abs(du))).index();
                model.setObjectiveCoefficient(model.variable(t), 1.0);
                dev[i] = t;
            }
            // t >= x - x̃ and t >= x̃ - x
            model.addConstraint("dev_up" + i, new int[] {t, x}, new double[] {1.0, -1.0}, -xt[i], Double.POSITIVE_INFINITY);
            model.addConstraint("dev_dn" + i, new int[] {t, x}, new double[] {1.0, 1.0}, xt[i], Double.POSITIVE_INFINITY);
            if (p.needsIndicators()) {
                double uPlus = Math.max(du, 0.0);
                double lMinus = Math.min(dl, 0.0);
                up[i] = model.addVariable("up" + i, 0, 1, VarType.BINARY).index();
                down[i] = model.addVariable("down" + i, 0, 1, VarType.BINARY).index();
                model.addConstraint("one_dir" + i, new int[] {up[i], down[i]}, new double[] {1, 1}, Double.NEGATIVE_INFINITY, 1);
                // x - x̃ <= U+ up - step down   and   x - x̃ >= step up + L- down
                model.addConstraint("chg_hi" + i, new int[] {x, up[i], down[i]}, new double[] {1.0, -uPlus, p.step()},
                        Double.NEGATIVE_INFINITY, xt[i]);
                model.addConstraint("chg_lo" + i, new int[] {x, up[i], down[i]}, new double[] {1.0, -p.step(), -lMinus},
                        xt[i], Double.POSITIVE_INFINITY);
            }
        }
        if (p.needsIndicators() && p.maxChanged() >= 0) {
            int[] idx = new int[2 * n];
            double[] ones = new double[2 * n];
            for (int i = 0; i < n; i++) {
                idx[2 * i] = up[i];
                idx[2 * i + 1] = down[i];
            }
            java.util.Arrays.fill(ones, 1.0);
            model.addConstraint("max_changed", idx, ones, Double.NEGATIVE_INFINITY, p.maxChanged());
        }
        model.setObjectiveSense(ObjectiveSense.MINIMIZE);

        boolean indicators = p.needsIndicators();
        CompletionHeuristic heuristic = new CompletionHeuristic(enc, box, p.integer(), (x, q) -> {
            if (linf >= 0) q[linf] = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i] - xt[i];
                if (linf >= 0) q[linf] = Math.max(q[linf], Math.abs(d));
                else q[dev[i]] = Math.abs(d);
                if (indicators) {
                    q[up[i]] = d > 0 ? 1 : 0;
                    q[down[i]] = d < 0 ? 1 : 0;
                }
            }
        });
        if (startInput != null) {
            double[] x0 = InverseModels.cleanInput(startInput, box, p.integer());
            double[] q = p.slack(net.apply(x0)) >= 0 ? heuristic.point(x0) : null;
            if (q != null) model.setStart(q);
        }
        MipResult r = new MipSolver().addHeuristic(heuristic).solve(model, params.withSafeBounds(true)); // certified radius
        if (r.status() == MipStatus.INFEASIBLE) return InverseResult.withoutPoint("infeasible", Double.NaN, start, r.nodes());
        if (r.incumbent().isEmpty()) return InverseResult.withoutPoint(r.status().jsonName(), r.bestBound(), start, r.nodes());
        double[] point = r.incumbent().get();
        double[] x = InverseModels.cleanInput(enc.inputOf(point), box, p.integer());
        if (p.needsIndicators()) {
            // Unchanged attributes are exactly x̃ (the solver may leave them a tolerance away).
            for (int i = 0; i < n; i++) if (point[up[i]] < 0.5 && point[down[i]] < 0.5) x[i] = xt[i];
        }
        double[] y = net.apply(x);
        double scale = 1;
        for (double v : y) scale = Math.max(scale, Math.abs(v));
        String status = r.status() == MipStatus.OPTIMAL ? "optimal" : "feasible";
        if (p.slack(y) < -RECHECK_TOLERANCE * scale) status = "unverified";
        return new InverseResult(status, p.distance(x), r.bestBound(), x, y, InverseResult.seconds(start), r.nodes());
    }
}
