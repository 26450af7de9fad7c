package org.nnmip.nnverify.invertibility;

import java.util.Optional;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipStatus;
import org.nnmip.model.Model;
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
 *
 * <p>L2: minimise an epigraph variable {@code t} that only ever under-estimates {@code ||v||_2}, {@code v = x - x_c}:
 * {@code t >= |v_i|}, {@code t >= sum |v_i| / sqrt n} and tangent cuts {@code t >= u . v} ({@code ||u||_2 <= 1}) added
 * lazily at each optimum whose true distance exceeds {@code t}. The box is the L-infinity ball of {@code maxRadius}
 * and the exclusion is {@code ||v||_inf >= eps / sqrt n}, which every point with {@code ||v||_2 >= eps} satisfies. So
 * every MILP bound is a lower bound on the L2 distance of each preimage at L2 distance at least {@code eps}, and each
 * optimum, re-checked by forward evaluation, is a preimage whose true L2 distance is an upper end; cuts are added until
 * the two meet within {@code radiusTol} (or {@code maxCutRounds} is reached: INCONCLUSIVE, the bound still certified).
 */
public final class PseudoInvertibility {
    private PseudoInvertibility() { }

    public static InvertibilityResult compute(Network net, double[] center, InvertibilityOptions o) {
        LocalInvertibility.checkCenter(net, center);
        double[] c = center.clone();
        int n = c.length;
        double big = o.maxRadius();
        double eps = o.eps();
        PseudoMilp.Built milp = PseudoMilp.create(net, c, o.norm(), eps, big);
        ReluMipEncoding enc = milp.encoding();
        Model model = milp.model();
        double[] target = net.apply(c);
        int dist = milp.distance();
        if (o.norm() == BallNorm.L2) return l2Search(net, c, o, enc, model, target, dist);
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
     * The lazy tangent-cut loop for the L2 norm. {@code lower}: the best MILP bound, below the L2 distance of every
     * preimage at distance {@code >= eps} in the box; {@code upper}: the nearest re-checked preimage found.
     */
    private static InvertibilityResult l2Search(Network net, double[] c, InvertibilityOptions o, ReluMipEncoding enc, Model model,
                                                double[] target, int t) {
        int n = c.length;
        double big = o.maxRadius();
        double eps = o.eps();
        double lower = 0.0;
        double upper = Double.POSITIVE_INFINITY;
        InvertibilityResult.Counterexample best = null;
        int milps = 0;
        for (int round = 0; ; round++) {
            MipResult res = MilpSupport.solve(model, o, Double.NaN);
            milps++;
            if (res.status() == MipStatus.INFEASIBLE) {
                // No preimage in the box at L2 distance >= eps; one found earlier lies outside the ball.
                return new InvertibilityResult(big, upper, InvertibilityResult.Status.CERTIFIED_MAX_RADIUS, Optional.ofNullable(best), milps);
            }
            boolean stopped = res.status() == MipStatus.TIME_LIMIT || res.status() == MipStatus.NODE_LIMIT
                    || res.status() == MipStatus.INTERRUPTED || res.status() == MipStatus.MEMORY_LIMIT;
            if ((res.status() == MipStatus.OPTIMAL || stopped) && Double.isFinite(res.bestBound())) lower = Math.max(lower, res.bestBound());
            if (res.status() != MipStatus.OPTIMAL || res.incumbent().isEmpty()) return l2Inconclusive(lower, upper, big, best, milps);
            double[] x = enc.inputOf(res.incumbent().get());
            var pair = new InvertibilityResult.Counterexample(c, x, target, net.apply(x));
            if (pair.outputDistance() > o.outputTol() || pair.inputDistance() <= o.injectivityTol()) return l2Inconclusive(lower, upper, big, best, milps);
            double d = BallNorm.L2.distance(x, c);
            if (d < upper) {
                upper = d;
                best = pair;
            }
            if (d <= eps + o.injectivityTol()) {
                return new InvertibilityResult(0.0, d, InvertibilityResult.Status.NOT_ISOLATED, Optional.of(pair), milps);
            }
            if (lower >= big) return new InvertibilityResult(big, upper, InvertibilityResult.Status.CERTIFIED_MAX_RADIUS, Optional.of(best), milps);
            // The bound proves no preimage in the L2 ring [eps, lower); the best preimage is at distance upper.
            double radius = Math.min(upper, Math.max(eps, lower));
            if (upper - radius <= o.radiusTol()) {
                return new InvertibilityResult(radius, upper, InvertibilityResult.Status.BRACKETED, Optional.of(best), milps);
            }
            double tHere = res.incumbent().get()[t];
            if (round >= o.maxCutRounds() || d <= tHere + 1e-9 * Math.max(1.0, d)) return l2Inconclusive(lower, upper, big, best, milps);
            addTangentCut(model, enc, c, x, d, t, round);
        }
    }

    /** {@code t >= u . (x - x_c)} with {@code u} the unit direction of {@code p - x_c}, shrunk so rounding cannot make it exceed 1. */
    private static void addTangentCut(Model model, ReluMipEncoding enc, double[] c, double[] p, double norm, int t, int round) {
        int n = c.length;
        int[] vars = new int[n + 1];
        double[] coef = new double[n + 1];
        double rhs = 0.0;
        for (int i = 0; i < n; i++) {
            double u = (1 - 1e-12) * (p[i] - c[i]) / norm;
            vars[i] = enc.inputVariable(i);
            coef[i] = -u;
            rhs -= u * c[i];
        }
        vars[n] = t;
        coef[n] = 1.0;
        // t - u . x >= -u . c
        model.addConstraint("tangent" + round, vars, coef, rhs, Double.POSITIVE_INFINITY);
    }

    /** A stopped or capped L2 search: the bound so far is certified (and never above the best preimage found). */
    private static InvertibilityResult l2Inconclusive(double lower, double upper, double big, InvertibilityResult.Counterexample best, int milps) {
        double radius = Math.max(0.0, Math.min(Math.min(lower, upper), big));
        return new InvertibilityResult(radius, upper, InvertibilityResult.Status.INCONCLUSIVE, Optional.ofNullable(best), milps);
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
