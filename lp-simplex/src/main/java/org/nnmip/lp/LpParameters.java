package org.nnmip.lp;

/**
 * Immutable solver parameters. Start from {@link #defaults()} and change with the {@code withX} methods.
 *
 * @param primalFeasibilityTolerance largest bound or row violation (in the scaled problem) accepted as feasible
 * @param dualFeasibilityTolerance   largest reduced-cost sign violation accepted as optimal
 * @param iterationLimit             simplex iterations per solve call
 * @param timeLimitSeconds           wall-clock seconds per solve call
 * @param objectiveCutoff            in the problem's own sense: stop with {@link LpStatus#OBJECTIVE_CUTOFF} as
 *                                   soon as the dual simplex proves the optimum is worse than this (above it when
 *                                   minimising, below it when maximising); infinite = off
 * @param pricing                    leaving-row rule of the dual simplex
 * @param scaling                    geometric-mean and equilibration scaling of the matrix
 * @param vectorKernels              use the jdk.incubator.vector kernels (else their scalar twins)
 * @param refactorInterval           basis updates between refactorisations
 * @param perturbation               perturb costs against dual degeneracy (removed before returning)
 * @param seed                       seed of the random perturbation and tie-breaking
 */
public record LpParameters(
        double primalFeasibilityTolerance,
        double dualFeasibilityTolerance,
        long iterationLimit,
        double timeLimitSeconds,
        double objectiveCutoff,
        PricingRule pricing,
        boolean scaling,
        boolean vectorKernels,
        int refactorInterval,
        boolean perturbation,
        long seed) {

    public LpParameters {
        if (!(primalFeasibilityTolerance > 0) || !(dualFeasibilityTolerance > 0)) {
            throw new IllegalArgumentException("tolerances must be positive");
        }
        if (iterationLimit < 0) throw new IllegalArgumentException("iterationLimit must be >= 0");
        if (!(timeLimitSeconds >= 0)) throw new IllegalArgumentException("timeLimitSeconds must be >= 0");
        if (Double.isNaN(objectiveCutoff)) throw new IllegalArgumentException("objectiveCutoff is NaN");
        if (refactorInterval < 1) throw new IllegalArgumentException("refactorInterval must be >= 1");
        if (pricing == null) throw new IllegalArgumentException("pricing is null");
    }

    public static LpParameters defaults() {
        return new LpParameters(1e-7, 1e-7, Long.MAX_VALUE, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                PricingRule.DUAL_STEEPEST_EDGE, true, true, 100, true, 0L);
    }

    public LpParameters withPrimalFeasibilityTolerance(double v) {
        return new LpParameters(v, dualFeasibilityTolerance, iterationLimit, timeLimitSeconds, objectiveCutoff,
                pricing, scaling, vectorKernels, refactorInterval, perturbation, seed);
    }

    public LpParameters withDualFeasibilityTolerance(double v) {
        return new LpParameters(primalFeasibilityTolerance, v, iterationLimit, timeLimitSeconds, objectiveCutoff,
                pricing, scaling, vectorKernels, refactorInterval, perturbation, seed);
    }

    public LpParameters withIterationLimit(long v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, v, timeLimitSeconds,
                objectiveCutoff, pricing, scaling, vectorKernels, refactorInterval, perturbation, seed);
    }

    public LpParameters withTimeLimitSeconds(double v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, iterationLimit, v,
                objectiveCutoff, pricing, scaling, vectorKernels, refactorInterval, perturbation, seed);
    }

    /** Cutoff in the problem's own sense; use an infinity of the right sign (or {@link Double#POSITIVE_INFINITY}
     * for minimisation) to switch it off: any infinite cutoff is off. */
    public LpParameters withObjectiveCutoff(double v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, iterationLimit,
                timeLimitSeconds, v, pricing, scaling, vectorKernels, refactorInterval, perturbation, seed);
    }

    public LpParameters withPricing(PricingRule v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, iterationLimit,
                timeLimitSeconds, objectiveCutoff, v, scaling, vectorKernels, refactorInterval, perturbation, seed);
    }

    public LpParameters withScaling(boolean v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, iterationLimit,
                timeLimitSeconds, objectiveCutoff, pricing, v, vectorKernels, refactorInterval, perturbation, seed);
    }

    public LpParameters withVectorKernels(boolean v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, iterationLimit,
                timeLimitSeconds, objectiveCutoff, pricing, scaling, v, refactorInterval, perturbation, seed);
    }

    public LpParameters withRefactorInterval(int v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, iterationLimit,
                timeLimitSeconds, objectiveCutoff, pricing, scaling, vectorKernels, v, perturbation, seed);
    }

    public LpParameters withPerturbation(boolean v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, iterationLimit,
                timeLimitSeconds, objectiveCutoff, pricing, scaling, vectorKernels, refactorInterval, v, seed);
    }

    public LpParameters withSeed(long v) {
        return new LpParameters(primalFeasibilityTolerance, dualFeasibilityTolerance, iterationLimit,
                timeLimitSeconds, objectiveCutoff, pricing, scaling, vectorKernels, refactorInterval, perturbation, v);
    }
}
