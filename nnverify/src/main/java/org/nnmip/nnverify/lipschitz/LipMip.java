package org.nnmip.nnverify.lipschitz;

import java.util.Optional;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpProblem;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;
import org.nnmip.lp.SafeDualBound;
import org.nnmip.lp.Sense;
import org.nnmip.mip.MipParameters;
import org.nnmip.mip.MipResult;
import org.nnmip.mip.MipSolver;
import org.nnmip.mip.MipStatus;

/**
 * LipMIP (Jordan & Dimakis 2020): the exact local Lipschitz constant as the optimum of {@link LipMipEncoding},
 * solved by our branch-and-bound. Stopped early (relative gap, time or node limit) it still returns a proven upper
 * bound (the search's best bound) and a lower bound (the incumbent's gradient norm).
 */
public final class LipMip {
    private LipMip() { }

    /** Single-threaded defaults with a tight relative gap, so "optimal" means exact to about 1e-6. */
    public static MipParameters defaultParameters() {
        return MipParameters.defaults().withThreads(1).withRelativeGap(1e-6).withAbsoluteGap(1e-9);
    }

    public static LipschitzResult solve(LipschitzProblem problem) {
        return solve(problem, defaultParameters());
    }

    public static LipschitzResult solve(LipschitzProblem problem, MipParameters params) {
        return solve(problem, params, BackwardEncoding.SWITCH);
    }

    public static LipschitzResult solve(LipschitzProblem problem, MipParameters params, BackwardEncoding encoding) {
        long start = System.nanoTime();
        LipMipEncoding enc = LipMipEncoding.build(problem, encoding);
        MipResult r = new MipSolver().solve(enc.model, params.withSafeBounds(true)); // a certified upper bound
        // Interval (Fast-Lip) bound: always valid, a fallback when the search proves nothing better.
        double intervalBound = problem.gradientBounds().inputGradientNormBound(problem.norm());
        // The LipMIP program is feasible for every non-empty domain, so "infeasible" can only be a solver failure;
        // and no gradient in the domain may exceed a proven bound: check a few (see {@link #result}).
        double[] sampledPoint = sampledArgMax(problem, SAMPLES);
        double[] sampledGradient = problem.chain().gradient(problem.output().weights(), sampledPoint);
        double sampled = problem.norm().dualNorm(sampledGradient);
        return result(r, enc, intervalBound, sampledPoint, sampled, () -> sampledGradient, params, start);
    }

    /** {@code L^(alpha,beta)} of a vector-valued network: one MIP whose selector binaries pick the dual-ball vertex. */
    public static LipschitzResult solve(VectorLipschitzProblem problem) {
        return solve(problem, defaultParameters(), BackwardEncoding.SWITCH);
    }

    public static LipschitzResult solve(VectorLipschitzProblem problem, MipParameters params, BackwardEncoding encoding) {
        long start = System.nanoTime();
        LipMipEncoding enc = LipMipEncoding.build(problem.chain(), problem.activationBounds(), problem.gradientBounds(),
                problem.domain(), problem.norm(), problem::selector, encoding);
        MipResult r = new MipSolver().solve(enc.model, params.withSafeBounds(true)); // a certified upper bound
        // Fast-Lip over the vertices: always valid, the fallback when the search proves nothing better.
        double intervalBound = FastLip.bound(problem);
        double[] sampledPoint = sampledArgMax(problem, SAMPLES);
        double sampled = problem.normAt(sampledPoint);
        return result(r, enc, intervalBound, sampledPoint, sampled, () -> attainingCombination(problem, sampledPoint), params, start);
    }

    /**
     * The result of a LipMIP solve: the proven bound (never above the always-valid interval bound), the incumbent or,
     * when larger, the sampled gradient norm as the lower bound. A proven bound that a sampled gradient exceeds, or an
     * "infeasible" program (it is feasible for every non-empty domain), is a solver failure: the result falls back to
     * the interval bound with status numerical_trouble, so it stays sound even if the search is not. When the search
     * stopped (e.g. a short time limit) before proving anything below the interval bound, the program's LP relaxation
     * (= LipLP) bound is tried instead ({@link #relaxationBound}), the status staying that of the search.
     */
    private static LipschitzResult result(MipResult r, LipMipEncoding enc, double intervalBound, double[] sampledPoint,
                                          double sampled, java.util.function.Supplier<double[]> sampledGradient,
                                          MipParameters params, long start) {
        double lower = r.hasIncumbent() ? r.objective() : Double.NaN;
        double upper = intervalBound;
        boolean boundProven = r.status() != MipStatus.NUMERICAL_TROUBLE && r.status() != MipStatus.INFEASIBLE
                && !Double.isNaN(r.bestBound());
        if (boundProven) upper = Math.min(upper, r.bestBound());
        if (boundProven && r.status() != MipStatus.OPTIMAL && !(upper < intervalBound)) {
            upper = Math.min(upper, relaxationBound(enc, fallbackSeconds(params, start)));
        }
        if (!Double.isNaN(lower)) upper = Math.max(upper, lower);
        String status = r.status().jsonName();
        if (r.status() == MipStatus.INFEASIBLE || sampled > upper * (1 + 1e-7) + 1e-9) {
            status = MipStatus.NUMERICAL_TROUBLE.jsonName();
            upper = intervalBound;
        }
        Optional<double[]> point = Optional.empty();
        Optional<double[]> grad = Optional.empty();
        if (r.hasIncumbent()) {
            double[] sol = r.incumbent().get();
            double[] x = new double[enc.input.length];
            double[] g = new double[enc.gradient.length];
            for (int i = 0; i < x.length; i++) x[i] = sol[enc.input[i].index()];
            for (int i = 0; i < g.length; i++) g[i] = sol[enc.gradient[i].index()];
            point = Optional.of(x);
            grad = Optional.of(g);
        }
        if (Double.isNaN(lower) || sampled > lower) {
            // A sampled gradient is as valid a lower bound as the incumbent's, and better when the search stopped early.
            lower = sampled;
            point = Optional.of(sampledPoint);
            grad = Optional.of(sampledGradient.get());
        }
        double value = status.equals(MipStatus.OPTIMAL.jsonName()) ? lower : Double.NaN;
        return new LipschitzResult("lipmip", BoundKind.EXACT, status, value, lower, upper,
                (System.nanoTime() - start) * 1e-9, point, grad, r.nodes());
    }

    /**
     * Share of the time limit the LP fallback may use when the search left less than that (a search stopped by its
     * time limit left nothing), and a floor for very short limits: the LP is a small fraction of a B&amp;B solve, so a
     * stopped solve may overrun its limit by at most {@code max(FALLBACK_SHARE * limit, FALLBACK_MIN_SECONDS)}.
     */
    static final double FALLBACK_SHARE = 0.5;
    static final double FALLBACK_MIN_SECONDS = 0.25;

    /** Time for the LP fallback: what is left of the limit, but at least the share or the floor above. */
    private static double fallbackSeconds(MipParameters params, long start) {
        double limit = params.timeLimitSeconds();
        if (!Double.isFinite(limit)) return Double.POSITIVE_INFINITY;
        double left = limit - (System.nanoTime() - start) * 1e-9;
        return Math.max(left, Math.max(FALLBACK_SHARE * limit, FALLBACK_MIN_SECONDS));
    }

    /**
     * A rigorous upper bound on the LipMIP optimum from its LP relaxation (the LipLP program): the LP's row duals,
     * either sign (weak duality holds for any multipliers), through {@link SafeDualBound}'s outward-rounded bound, so
     * an inexact LP solution can only weaken it. +inf when the LP is not solved to optimality in time.
     */
    static double relaxationBound(LipMipEncoding enc, double seconds) {
        LpProblem lpProblem = enc.model.toLpProblem();
        LpParameters lpParams = LpParameters.defaults();
        if (Double.isFinite(seconds)) lpParams = lpParams.withTimeLimitSeconds(seconds);
        LpSolver lp = new LpSolver(lpProblem, lpParams);
        if (lpProblem.sense() != Sense.MAXIMIZE || lp.solve() != LpStatus.OPTIMAL) return Double.POSITIVE_INFINITY;
        // A lower bound on min -c'x is minus an upper bound on max c'x.
        double[] cost = lpProblem.objectiveCopy();
        for (int j = 0; j < cost.length; j++) cost[j] = -cost[j];
        double offset = -lpProblem.objectiveOffset();
        double[] lo = lpProblem.columnLowerCopy();
        double[] up = lpProblem.columnUpperCopy();
        double[] y = lp.result().rowDuals();
        double[] minusY = new double[y.length];
        for (int i = 0; i < y.length; i++) minusY[i] = -y[i];
        double minBound = Math.max(SafeDualBound.lowerBound(lpProblem, cost, offset, lo, up, y),
                SafeDualBound.lowerBound(lpProblem, cost, offset, lo, up, minusY));
        return Double.isNaN(minBound) ? Double.POSITIVE_INFINITY : -minBound;
    }

    /** {@code J(x)'u} for the dual-ball vertex u attaining {@code ||J(x)||_{alpha->beta}}. */
    static double[] attainingCombination(VectorLipschitzProblem problem, double[] x) {
        double[][] jac = problem.jacobian(problem.chain().pattern(x));
        int k = problem.outputNorm().argMaxVertex(jac, problem.norm());
        return OutputNorm.combine(jac, problem.outputNorm().vertices(jac.length).get(k));
    }

    static double[] sampledArgMax(VectorLipschitzProblem problem, int samples) {
        java.util.Random rnd = new java.util.Random(12345);
        double[] best = SeqLip.centre(problem.domain());
        double bestNorm = problem.normAt(best);
        for (int s = 0; s < samples; s++) {
            double[] x = problem.domain().sample(rnd);
            double v = problem.normAt(x);
            if (v > bestNorm) { bestNorm = v; best = x; }
        }
        return best;
    }

    /** Sample size of the soundness check and the fallback lower bound. */
    static final int SAMPLES = 256;

    /** Largest gradient dual norm at the domain's centre and {@code samples} seeded random points. */
    static double sampledGradientNorm(LipschitzProblem problem, int samples) {
        return problem.gradientNormAt(sampledArgMax(problem, samples));
    }

    /** The point with the largest gradient dual norm among the domain's centre and {@code samples} seeded random points. */
    static double[] sampledArgMax(LipschitzProblem problem, int samples) {
        java.util.Random rnd = new java.util.Random(12345);
        double[] best = SeqLip.centre(problem.domain());
        double bestNorm = problem.gradientNormAt(best);
        for (int s = 0; s < samples; s++) {
            double[] x = problem.domain().sample(rnd);
            double v = problem.gradientNormAt(x);
            if (v > bestNorm) { bestNorm = v; best = x; }
        }
        return best;
    }

    /** The LipMIP program itself (maximise; objective = the Lipschitz constant), e.g. for export to MPS. */
    public static org.nnmip.model.Model model(LipschitzProblem problem, BackwardEncoding encoding) {
        return LipMipEncoding.build(problem, encoding).model;
    }

    /** The vector LipMIP program (with the output norm's selector binaries). */
    public static org.nnmip.model.Model model(VectorLipschitzProblem problem, BackwardEncoding encoding) {
        return LipMipEncoding.build(problem.chain(), problem.activationBounds(), problem.gradientBounds(), problem.domain(),
                problem.norm(), problem::selector, encoding).model;
    }

    /** Size of the program: binaries of the forward and objective parts (for reports). */
    public static int binaryCount(LipschitzProblem problem) {
        return LipMipEncoding.build(problem).binaries;
    }
}
