package org.nnmip.nnverify.invertibility;

import java.util.Optional;

/**
 * Outcome of a local (Problem 1), pseudo-local (Problem 2) or transformation (Problem 3) invertibility computation
 * (Cui et al., Sec. 3).
 *
 * @param radius  certified: f is injective on {@code B_q(x_c, radius)} (Problem 1), or no point other than
 *                {@code x_c} in that ball maps to {@code f(x_c)} (Problem 2), or f2 is a function of f1 on it
 *                (Problem 3) — up to the stated tolerances
 * @param upper   smallest radius at which a counterexample was found ({@code +inf} when none)
 * @param status  how the two relate
 * @param counterexample a pair {@code x != y} with {@code f(x) ~ f(y)} re-checked by forward evaluation (Problem 2:
 *                {@code x = x_c})
 * @param milps   number of MILPs solved
 */
public record InvertibilityResult(double radius, double upper, Status status, Optional<Counterexample> counterexample, int milps) {

    public enum Status {
        /** No counterexample up to the maximum radius: {@code radius} is that maximum. */
        CERTIFIED_MAX_RADIUS,
        /** {@code radius <= R <= upper} with {@code upper - radius} within the search tolerance (Problem 2: exact). */
        BRACKETED,
        /** Problem 2 found a preimage at the excluded distance {@code eps}: nothing certified beyond 0. */
        NOT_ISOLATED,
        /**
         * Some radius could not be decided (a MILP limit, numerical trouble, a counterexample failing its re-check, or
         * the L2 cut-round cap): {@code radius} is still certified, but {@code upper} is not within the tolerance.
         */
        INCONCLUSIVE;

        public String jsonName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * Two distinct inputs with (numerically) equal outputs {@code fx, fy}. Problem 3: {@code fx, fy} are the outputs
     * of f1 and {@code gx, gy} those of f2, which differ; other problems leave {@code gx, gy} empty.
     */
    public record Counterexample(double[] x, double[] y, double[] fx, double[] fy, double[] gx, double[] gy) {
        public Counterexample(double[] x, double[] y, double[] fx, double[] fy) {
            this(x, y, fx, fy, new double[0], new double[0]);
        }
        public double inputDistance() { return BallNorm.LINF.distance(x, y); }
        public double outputDistance() { return BallNorm.LINF.distance(fx, fy); }
    }
}
