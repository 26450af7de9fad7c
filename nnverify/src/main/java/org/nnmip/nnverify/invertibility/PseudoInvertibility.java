package org.nnmip.nnverify.invertibility;

import java.util.Arrays;
import java.util.Optional;
import org.nnmip.mip.MipResult;
import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.VarType;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.encode.AffineForm;
import org.nnmip.nnverify.encode.ReluMipEncoder;
import org.nnmip.nnverify.encode.ReluMipEncoding;
import org.nnmip.nnverify.net.Network;

/**
 * Problem 2 of Cui et al. (Sec. 3.2), pseudo-local invertibility: the largest R such that no point of
 * {@code B_q(x_c, R)} other than {@code x_c} maps to {@code f(x_c)}. One MILP, solved directly:
 * minimise {@code ||x - x_c||_q} subject to {@code f(x) = f(x_c)}, {@code ||x - x_c||_q <= maxRadius} and
 * {@code ||x - x_c||_q >= eps}. The reverse-norm condition is a disjunction: for L-infinity one binary per coordinate
 * and sign ({@code x_i - c_i >= eps} or {@code c_i - x_i >= eps}, at least one on); for L1 a split
 * {@code x_i - c_i = p_i - m_i} with a sign binary making {@code p_i m_i = 0}, so {@code sum (p_i + m_i)} is the
 * norm itself. The optimum is the answer, except that preimages closer than {@code eps} are not seen: an optimum at
 * {@code eps} means the preimage of {@code f(x_c)} reaches {@code x_c}'s {@code eps}-sphere (status NOT_ISOLATED).
 */
public final class PseudoInvertibility {
    private PseudoInvertibility() { }

    public static InvertibilityResult compute(Network net, double[] center, InvertibilityOptions o) {
        LocalInvertibility.checkCenter(net, center);
        if (o.norm() == BallNorm.L2) throw new IllegalArgumentException("invertibility: the pseudo problem supports the linf and l1 norms only");
        double[] c = center.clone();
        int n = c.length;
        double big = o.maxRadius();
        double eps = o.eps();
        ReluMipEncoding enc = ReluMipEncoder.encode(MilpSupport.bounds(net, Box.ball(c, big, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
        Model model = enc.model();
        double[] target = net.apply(c);
        AffineForm[] out = enc.outputs();
        for (int j = 0; j < out.length; j++) MilpSupport.addDifference(model, "preimage" + j, out[j], AffineForm.constant(target[j]), 0.0, 0.0);
        for (int j = 0; j < model.numVariables(); j++) model.setObjectiveCoefficient(model.variable(j), 0.0);
        if (o.norm() == BallNorm.LINF) {
            int s = model.addVariable("dist", 0.0, big, VarType.CONTINUOUS).index();
            int[] b = new int[2 * n];
            for (int i = 0; i < n; i++) {
                int x = enc.inputVariable(i);
                model.addConstraint("abs_p" + i, new int[] {s, x}, new double[] {1.0, -1.0}, -c[i], Double.POSITIVE_INFINITY);
                model.addConstraint("abs_m" + i, new int[] {s, x}, new double[] {1.0, 1.0}, c[i], Double.POSITIVE_INFINITY);
                b[2 * i] = model.addVariable("up" + i, 0, 1, VarType.BINARY).index();
                b[2 * i + 1] = model.addVariable("down" + i, 0, 1, VarType.BINARY).index();
                // x_i - c_i >= eps when up_i = 1; vacuous (>= -maxRadius, the box) when 0.
                model.addConstraint("far_up" + i, new int[] {x, b[2 * i]}, new double[] {1.0, -(big + eps)}, c[i] - big, Double.POSITIVE_INFINITY);
                model.addConstraint("far_down" + i, new int[] {x, b[2 * i + 1]}, new double[] {-1.0, -(big + eps)}, -big - c[i], Double.POSITIVE_INFINITY);
            }
            double[] ones = new double[2 * n];
            Arrays.fill(ones, 1.0);
            model.addConstraint("far", b, ones, 1.0, Double.POSITIVE_INFINITY);
            model.setObjectiveCoefficient(model.variable(s), 1.0);
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
        MipResult res = MilpSupport.solve(model, o, Double.NaN);
        return switch (res.status()) {
            case INFEASIBLE -> new InvertibilityResult(big, Double.POSITIVE_INFINITY, InvertibilityResult.Status.CERTIFIED_MAX_RADIUS, Optional.empty(), 1);
            case OPTIMAL -> {
                if (res.incumbent().isEmpty()) yield inconclusive(res);
                double[] x = enc.inputOf(res.incumbent().get());
                var pair = new InvertibilityResult.Counterexample(c, x, target, net.apply(x));
                double d = o.norm().distance(x, c);
                if (pair.outputDistance() > o.outputTol() || pair.inputDistance() <= o.injectivityTol()) yield inconclusive(res);
                if (d <= eps + o.injectivityTol()) {
                    yield new InvertibilityResult(0.0, d, InvertibilityResult.Status.NOT_ISOLATED, Optional.of(pair), 1);
                }
                // The bound proves no preimage in the ring [eps, bestBound); the incumbent is one at distance d.
                double radius = Math.min(d, Math.max(eps, res.bestBound()));
                yield new InvertibilityResult(radius, d, InvertibilityResult.Status.BRACKETED, Optional.of(pair), 1);
            }
            default -> inconclusive(res);
        };
    }

    /**
     * A stopped search still proves that no preimage lies in the ring {@code [eps, bestBound)}, so a finite bound
     * is kept as the radius (with the same {@code eps} caveat as a finished search).
     */
    private static InvertibilityResult inconclusive(MipResult res) {
        boolean stopped = res.status() == org.nnmip.mip.MipStatus.TIME_LIMIT || res.status() == org.nnmip.mip.MipStatus.NODE_LIMIT
                || res.status() == org.nnmip.mip.MipStatus.INTERRUPTED;
        double radius = stopped && Double.isFinite(res.bestBound()) ? Math.max(0.0, res.bestBound()) : 0.0;
        return new InvertibilityResult(radius, Double.POSITIVE_INFINITY, InvertibilityResult.Status.INCONCLUSIVE, Optional.empty(), 1);
    }
}
