package org.nnmip.nnverify.lipschitz;

import java.util.Random;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.distribution.WeibullDistribution;
import org.apache.commons.math3.exception.NoBracketingException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * CLEVER (Weng et al. 2018, "Evaluating the robustness of neural networks: an extreme value theory approach",
 * Alg. 1): draw {@code batches} batches of {@code batchSize} uniform points of the domain, keep each batch's largest
 * gradient dual norm, fit a reverse Weibull distribution to these maxima by maximum likelihood and report its
 * location (the fitted right end point). A statistical estimate, no guarantee either way: a heuristic.
 *
 * <p>Fit: the reverse Weibull with location {@code mu} is a Weibull of {@code w = mu - y}; for fixed {@code mu} the
 * shape solves the usual score equation (Brent) and the scale follows in closed form; {@code mu} maximises the
 * profile likelihood (Brent's optimiser over {@code log(mu - max y)}, with {@code mu - max y} at most the spread of
 * the maxima; a fit pushed to that limit is degenerate). In degenerate cases, and when a quarter or more of the maxima share the top value (common: ReLU gradients are piecewise
 * constant) so that the sample has an atom at its top, the sample maximum is returned.
 */
public final class Clever {
    private Clever() { }

    public static LipschitzResult compute(LipschitzProblem problem, int batches, int batchSize, long seed) {
        double[] c = problem.output().weights();
        return compute(problem.domain(), x -> problem.norm().dualNorm(problem.chain().gradient(c, x)), batches, batchSize, seed);
    }

    /** Vector outputs: the same fit on batch maxima of {@code ||J(x)||_{alpha->beta}}. */
    public static LipschitzResult compute(VectorLipschitzProblem problem, int batches, int batchSize, long seed) {
        return compute(problem.domain(), problem::normAt, batches, batchSize, seed);
    }

    private static LipschitzResult compute(InputDomain domain, java.util.function.ToDoubleFunction<double[]> normAt,
                                           int batches, int batchSize, long seed) {
        if (batches < 3) throw new IllegalArgumentException("clever: need at least 3 batches, got " + batches);
        if (batchSize < 1) throw new IllegalArgumentException("clever: batch size must be >= 1, got " + batchSize);
        long start = System.nanoTime();
        Random rnd = new Random(seed);
        double[] maxima = new double[batches];
        for (int b = 0; b < batches; b++) {
            double best = 0;
            for (int s = 0; s < batchSize; s++) best = Math.max(best, normAt.applyAsDouble(domain.sample(rnd)));
            maxima[b] = best;
        }
        double estimate = reverseWeibullLocation(maxima);
        return LipschitzResult.estimate("clever", BoundKind.HEURISTIC, estimate, (System.nanoTime() - start) * 1e-9, null, null);
    }

    /** MLE location of a reverse Weibull fitted to {@code y}; the sample maximum when the fit degenerates. */
    static double reverseWeibullLocation(double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : y) { max = Math.max(max, v); min = Math.min(min, v); }
        double range = max - min;
        if (!(range > 1e-12 * Math.max(1, Math.abs(max)))) return max;
        // ReLU gradients are piecewise constant, so batch maxima often repeat the same largest value; then the
        // sample has an atom at its top, the continuous fit degenerates (the likelihood keeps growing with mu), and
        // the repeated maximum is the estimate.
        int atTop = 0;
        for (double v : y) if (v >= max - 1e-12 * Math.max(1, Math.abs(max))) atTop++;
        if (atTop * 4 >= y.length) return max;
        final double top = max;
        UnivariateFunction profile = logDelta -> profileLogLikelihood(y, top + Math.exp(logDelta));
        try {
            UnivariatePointValuePair best = new BrentOptimizer(1e-8, 1e-12).optimize(new MaxEval(400),
                    new UnivariateObjectiveFunction(profile), GoalType.MAXIMIZE,
                    new SearchInterval(Math.log(1e-3 * range), Math.log(range)));
            // A maximiser at the far end of the interval means the likelihood has no interior optimum (the maxima
            // are not Weibull-like, typically a few repeated values): no end point is identified.
            if (best.getPoint() > Math.log(range) - 0.01) return top;
            double mu = top + Math.exp(best.getPoint());
            return Double.isFinite(mu) ? mu : top;
        } catch (TooManyEvaluationsException e) {
            return top;
        }
    }

    private static double profileLogLikelihood(double[] y, double mu) {
        int n = y.length;
        double[] w = new double[n];
        double wMax = 0;
        for (int i = 0; i < n; i++) { w[i] = mu - y[i]; wMax = Math.max(wMax, w[i]); }
        double meanLog = 0;
        for (int i = 0; i < n; i++) { w[i] /= wMax; meanLog += Math.log(w[i]) / n; } // shape is scale invariant
        final double ml = meanLog;
        UnivariateFunction score = k -> {
            double sk = 0, skl = 0;
            for (double v : w) { double p = Math.pow(v, k); sk += p; skl += p * Math.log(v); }
            return skl / sk - 1 / k - ml;
        };
        double k;
        try {
            k = new BrentSolver(1e-10).solve(200, score, 1e-2, 1e3);
        } catch (NoBracketingException | TooManyEvaluationsException e) {
            return Double.NEGATIVE_INFINITY;
        }
        double mk = 0;
        for (double v : w) mk += Math.pow(v, k) / n;
        double lambda = Math.pow(mk, 1 / k) * wMax;
        WeibullDistribution d = new WeibullDistribution(null, k, lambda);
        double ll = 0;
        for (int i = 0; i < n; i++) ll += d.logDensity(w[i] * wMax);
        return Double.isNaN(ll) ? Double.NEGATIVE_INFINITY : ll;
    }
}
