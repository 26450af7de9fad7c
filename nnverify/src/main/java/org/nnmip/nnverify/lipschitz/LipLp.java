package org.nnmip.nnverify.lipschitz;

import java.util.Optional;
import org.nnmip.lp.LpParameters;
import org.nnmip.lp.LpSolver;
import org.nnmip.lp.LpStatus;

/**
 * LipLP (Jordan & Dimakis 2020, Sec. 7): the LP relaxation of the LipMIP program, every indicator in [0, 1].
 * Its optimum is an upper bound on the LipMIP optimum; since the gradient variables keep the interval bounds of
 * {@link GradientBounds}, it is never above the Fast-Lip bound.
 */
public final class LipLp {
    private LipLp() { }

    public static LipschitzResult solve(LipschitzProblem problem, double timeLimitSeconds) {
        return solve(problem, timeLimitSeconds, BackwardEncoding.SWITCH);
    }

    public static LipschitzResult solve(LipschitzProblem problem, double timeLimitSeconds, BackwardEncoding encoding) {
        long start = System.nanoTime();
        LipMipEncoding enc = LipMipEncoding.build(problem, encoding);
        LpParameters params = LpParameters.defaults();
        if (Double.isFinite(timeLimitSeconds)) params = params.withTimeLimitSeconds(timeLimitSeconds);
        LpSolver lp = new LpSolver(enc.model.toLpProblem(), params);
        LpStatus st = lp.solve();
        double seconds = (System.nanoTime() - start) * 1e-9;
        double intervalBound = problem.gradientBounds().inputGradientNormBound(problem.norm());
        if (st != LpStatus.OPTIMAL || lp.objectiveValue() < LipMip.sampledGradientNorm(problem, LipMip.SAMPLES) * (1 - 1e-7) - 1e-9) {
            // An unsolved relaxation proves nothing; the interval bound it would have refined still holds.
            // (also when the "optimum" is below a gradient norm seen in the domain: a failed solve, the relaxation
            // cannot be infeasible or below the LipMIP optimum)
            String status = st == LpStatus.OPTIMAL || st == LpStatus.INFEASIBLE ? LpStatus.NUMERICAL_TROUBLE.jsonName() : st.jsonName();
            return new LipschitzResult("liplp", BoundKind.UPPER_BOUND, status, Double.NaN, Double.NaN, intervalBound,
                    seconds, Optional.empty(), Optional.empty());
        }
        double value = Math.min(lp.objectiveValue(), intervalBound);
        return new LipschitzResult("liplp", BoundKind.UPPER_BOUND, st.jsonName(), value, Double.NaN, value, seconds,
                Optional.empty(), Optional.empty());
    }

    public static LipschitzResult solve(LipschitzProblem problem) {
        return solve(problem, Double.POSITIVE_INFINITY);
    }

    /**
     * The relaxation of the vector LipMIP program (selector binaries relaxed too). Reported as
     * {@code min(LP optimum, Fast-Lip)}: both are upper bounds, and the LP's gradient boxes are the hull over the
     * dual-ball vertices, looser than Fast-Lip's per-vertex boxes.
     */
    public static LipschitzResult solve(VectorLipschitzProblem problem, double timeLimitSeconds, BackwardEncoding encoding) {
        long start = System.nanoTime();
        LipMipEncoding enc = LipMipEncoding.build(problem.chain(), problem.activationBounds(), problem.gradientBounds(),
                problem.domain(), problem.norm(), problem::selector, encoding);
        LpParameters params = LpParameters.defaults();
        if (Double.isFinite(timeLimitSeconds)) params = params.withTimeLimitSeconds(timeLimitSeconds);
        LpSolver lp = new LpSolver(enc.model.toLpProblem(), params);
        LpStatus st = lp.solve();
        double seconds = (System.nanoTime() - start) * 1e-9;
        double intervalBound = FastLip.bound(problem);
        if (st != LpStatus.OPTIMAL || lp.objectiveValue() < problem.normAt(LipMip.sampledArgMax(problem, LipMip.SAMPLES)) * (1 - 1e-7) - 1e-9) {
            String status = st == LpStatus.OPTIMAL || st == LpStatus.INFEASIBLE ? LpStatus.NUMERICAL_TROUBLE.jsonName() : st.jsonName();
            return new LipschitzResult("liplp", BoundKind.UPPER_BOUND, status, Double.NaN, Double.NaN, intervalBound,
                    seconds, Optional.empty(), Optional.empty());
        }
        double value = Math.min(lp.objectiveValue(), intervalBound);
        return new LipschitzResult("liplp", BoundKind.UPPER_BOUND, st.jsonName(), value, Double.NaN, value, seconds,
                Optional.empty(), Optional.empty());
    }

    public static LipschitzResult solve(VectorLipschitzProblem problem) {
        return solve(problem, Double.POSITIVE_INFINITY, BackwardEncoding.SWITCH);
    }
}
