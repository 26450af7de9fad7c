package org.nnmip.nnverify.invertibility;

import java.util.Arrays;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;

/**
 * The Problem 2 MILP: minimise {@code ||x - x_c||} subject to {@code f(x) = f(x_c)}, {@code x} in the L-infinity box
 * of {@code maxRadius} and {@code ||x - x_c|| >= eps} (a disjunction with binaries). Every preimage of the ring
 * {@code eps <= ||x - x_c|| <= maxRadius} has a feasible point whose objective is its distance, so an optimum above R
 * proves that no preimage lies at distance in {@code [eps, R]}. Built once for the search
 * ({@link PseudoInvertibility}) and for the checker ({@link InvertibilityCertificate}).
 *
 * <p>For L2 the objective variable is only an L-infinity/L1 under-estimate of the distance (the search adds tangent
 * cuts to it), and {@code ||v||_2 >= eps} is relaxed to some {@code |v_i| >= eps / sqrt n}.
 */
final class PseudoMilp {
    private PseudoMilp() { }

    /** The model, its network encoding, and the distance variable ({@code -1} for L1, whose distance is the objective). */
    record Built(Model model, ReluMipEncoding encoding, int distance) { }

    static Model build(Network net, double[] c, BallNorm norm, double eps, double big) {
        return create(net, c, norm, eps, big).model();
    }

    static Built create(Network net, double[] c, BallNorm norm, double eps, double big) {
        int n = c.length;
        ReluMipEncoding enc = ReluMipEncoder.encode(MilpSupport.bounds(net, Box.ball(c, big, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
        Model model = enc.model();
        double[] target = net.apply(c);
        AffineForm[] out = enc.outputs();
        for (int j = 0; j < out.length; j++) MilpSupport.addDifference(model, "preimage" + j, out[j], AffineForm.constant(target[j]), 0.0, 0.0);
        for (int j = 0; j < model.numVariables(); j++) model.setObjectiveCoefficient(model.variable(j), 0.0);
        int dist = -1;
        if (norm != BallNorm.L1) {
            boolean l2 = norm == BallNorm.L2;
            // L2: ||v||_2 <= big sqrt n on the box, and ||v||_2 >= eps forces some |v_i| >= eps / sqrt n.
            double away = l2 ? eps / Math.sqrt(n) : eps;
            int s = model.addVariable("dist", 0.0, l2 ? big * Math.sqrt(n) : big, VarType.CONTINUOUS).index();
            dist = s;
            int[] b = new int[2 * n];
            for (int i = 0; i < n; i++) {
                int x = enc.inputVariable(i);
                model.addConstraint("abs_p" + i, new int[] {s, x}, new double[] {1.0, -1.0}, -c[i], Double.POSITIVE_INFINITY);
                model.addConstraint("abs_m" + i, new int[] {s, x}, new double[] {1.0, 1.0}, c[i], Double.POSITIVE_INFINITY);
                b[2 * i] = model.addVariable("up" + i, 0, 1, VarType.BINARY).index();
                b[2 * i + 1] = model.addVariable("down" + i, 0, 1, VarType.BINARY).index();
                // x_i - c_i >= away when up_i = 1; vacuous (>= -big, the box) when 0.
                model.addConstraint("far_up" + i, new int[] {x, b[2 * i]}, new double[] {1.0, -(big + away)}, c[i] - big, Double.POSITIVE_INFINITY);
                model.addConstraint("far_down" + i, new int[] {x, b[2 * i + 1]}, new double[] {-1.0, -(big + away)}, -big - c[i], Double.POSITIVE_INFINITY);
            }
            double[] ones = new double[2 * n];
            Arrays.fill(ones, 1.0);
            model.addConstraint("far", b, ones, 1.0, Double.POSITIVE_INFINITY);
            model.setObjectiveCoefficient(model.variable(s), 1.0);
            if (l2) addL1Minorant(model, enc, c, s, big);
        } else {
            int[] pm = new int[2 * n];
            for (int i = 0; i < n; i++) {
                int x = enc.inputVariable(i);
                int p = model.addVariable("plus" + i, 0.0, big, VarType.CONTINUOUS).index();
                int m = model.addVariable("minus" + i, 0.0, big, VarType.CONTINUOUS).index();
                int z = model.addVariable("sign" + i, 0, 1, VarType.BINARY).index();
                pm[2 * i] = p;
                pm[2 * i + 1] = m;
                model.addConstraint("split" + i, new int[] {x, p, m}, new double[] {1.0, -1.0, 1.0}, c[i], c[i]);
                model.addConstraint("plus_on" + i, new int[] {p, z}, new double[] {1.0, -big}, Double.NEGATIVE_INFINITY, 0.0);
                model.addConstraint("minus_on" + i, new int[] {m, z}, new double[] {1.0, big}, Double.NEGATIVE_INFINITY, big);
                model.setObjectiveCoefficient(model.variable(p), 1.0);
                model.setObjectiveCoefficient(model.variable(m), 1.0);
            }
            double[] ones = new double[2 * n];
            Arrays.fill(ones, 1.0);
            model.addConstraint("norm", pm, ones, eps, big);
        }
        model.setObjectiveSense(ObjectiveSense.MINIMIZE);
        return new Built(model, enc, dist);
    }

    /** {@code t >= sum a_i / sqrt n} with {@code a_i >= |x_i - c_i|}: Cauchy-Schwarz, a valid under-estimate of the L2 norm. */
    private static void addL1Minorant(Model model, ReluMipEncoding enc, double[] c, int t, double big) {
        int n = c.length;
        int[] vars = new int[n + 1];
        double[] coef = new double[n + 1];
        for (int i = 0; i < n; i++) {
            int x = enc.inputVariable(i);
            int a = model.addVariable("abs" + i, 0.0, big, VarType.CONTINUOUS).index();
            model.addConstraint("abs_p" + i + "_l1", new int[] {a, x}, new double[] {1.0, -1.0}, -c[i], Double.POSITIVE_INFINITY);
            model.addConstraint("abs_m" + i + "_l1", new int[] {a, x}, new double[] {1.0, 1.0}, c[i], Double.POSITIVE_INFINITY);
            vars[i] = a;
            coef[i] = -1.0 / Math.sqrt(n);
        }
        vars[n] = t;
        coef[n] = 1.0;
        model.addConstraint("l2_by_l1", vars, coef, 0.0, Double.POSITIVE_INFINITY);
    }
}
