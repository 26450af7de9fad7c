package org.nnmip.nnverify.invertibility;

/**
 * Tolerances and limits shared by the three problems.
 *
 * @param maxRadius       largest radius considered
 * @param injectivityTol  {@code ||x - y||_inf <= injectivityTol} counts as {@code x = y} (the MILP optimum is
 *                        compared with it, so collisions closer than this are not reported); Problem 3 compares
 *                        {@code ||f2(x) - f2(y)||_inf} with it
 * @param outputTol       a counterexample must satisfy {@code ||f(x) - f(y)||_inf <= outputTol} when re-evaluated
 * @param radiusTol       Problem 1 bisection stops when {@code upper - radius <= radiusTol}
 * @param eps             Problem 2: distance excluded around {@code x_c} (the formulation needs {@code ||x - x_c|| >= eps})
 * @param timeLimitSeconds per MILP
 * @param threads         MILP threads
 * @param maxCutRounds    L2 ball: tangent cuts added per radius before that radius is reported unknown
 */
public record InvertibilityOptions(BallNorm norm, double maxRadius, double injectivityTol, double outputTol, double radiusTol,
                                   double eps, double timeLimitSeconds, int threads, int maxCutRounds) {
    public InvertibilityOptions {
        if (norm == null) throw new IllegalArgumentException("invertibility: norm is null");
        if (!(maxRadius > 0) || !Double.isFinite(maxRadius)) throw new IllegalArgumentException("invertibility: max radius must be positive and finite, got " + maxRadius);
        if (!(injectivityTol > 0)) throw new IllegalArgumentException("invertibility: injectivity tolerance must be positive, got " + injectivityTol);
        if (!(outputTol > 0)) throw new IllegalArgumentException("invertibility: output tolerance must be positive, got " + outputTol);
        if (!(radiusTol > 0)) throw new IllegalArgumentException("invertibility: radius tolerance must be positive, got " + radiusTol);
        if (!(eps > 0) || eps >= maxRadius) throw new IllegalArgumentException("invertibility: eps must be in (0, max radius), got " + eps);
        if (!(timeLimitSeconds > 0)) throw new IllegalArgumentException("invertibility: time limit must be positive, got " + timeLimitSeconds);
        if (threads < 1) throw new IllegalArgumentException("invertibility: threads must be >= 1, got " + threads);
        if (maxCutRounds < 0) throw new IllegalArgumentException("invertibility: max cut rounds must be >= 0, got " + maxCutRounds);
    }

    /** eps is kept well above the engine's absolute feasibility tolerance (1e-6), else {@code x = x_c} passes as eps away. */
    public static InvertibilityOptions defaults(BallNorm norm, double maxRadius) {
        return new InvertibilityOptions(norm, maxRadius, 1e-6, 1e-5, 1e-4 * maxRadius, 1e-4 * maxRadius, 60.0, 1, 100);
    }

    public InvertibilityOptions withInjectivityTol(double v) { return new InvertibilityOptions(norm, maxRadius, v, outputTol, radiusTol, eps, timeLimitSeconds, threads, maxCutRounds); }
    public InvertibilityOptions withRadiusTol(double v) { return new InvertibilityOptions(norm, maxRadius, injectivityTol, outputTol, v, eps, timeLimitSeconds, threads, maxCutRounds); }
    public InvertibilityOptions withTimeLimitSeconds(double v) { return new InvertibilityOptions(norm, maxRadius, injectivityTol, outputTol, radiusTol, eps, v, threads, maxCutRounds); }
    public InvertibilityOptions withMaxCutRounds(int v) { return new InvertibilityOptions(norm, maxRadius, injectivityTol, outputTol, radiusTol, eps, timeLimitSeconds, threads, v); }
    public InvertibilityOptions withEps(double v) { return new InvertibilityOptions(norm, maxRadius, injectivityTol, outputTol, radiusTol, v, timeLimitSeconds, threads, maxCutRounds); }
}
