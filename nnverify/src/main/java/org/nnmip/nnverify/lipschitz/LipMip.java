package org.nnmip.nnverify.lipschitz;

import java.util.Optional;
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
        long start = System.nanoTime();
        LipMipEncoding enc = LipMipEncoding.build(problem);
        MipResult r = new MipSolver().solve(enc.model, params);
        double seconds = (System.nanoTime() - start) * 1e-9;
        // Interval (Fast-Lip) bound: always valid, a fallback when the search proves nothing better.
        double intervalBound = problem.gradientBounds().inputGradientNormBound(problem.norm());
        double lower = r.hasIncumbent() ? r.objective() : Double.NaN;
        double upper = intervalBound;
        boolean boundProven = r.status() != MipStatus.NUMERICAL_TROUBLE && r.status() != MipStatus.INFEASIBLE
                && !Double.isNaN(r.bestBound());
        if (boundProven) upper = Math.min(upper, r.bestBound());
        if (!Double.isNaN(lower)) upper = Math.max(upper, lower);
        double value = r.status() == MipStatus.OPTIMAL ? lower : Double.NaN;
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
        return new LipschitzResult("lipmip", BoundKind.EXACT, r.status().jsonName(), value, lower, upper, seconds, point, grad);
    }

    /** Size of the program: binaries of the forward and objective parts (for reports). */
    public static int binaryCount(LipschitzProblem problem) {
        return LipMipEncoding.build(problem).binaries;
    }
}
