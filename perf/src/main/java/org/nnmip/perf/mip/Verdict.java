package org.nnmip.perf.mip;

import org.nnmip.model.Model;
import org.nnmip.model.ObjectiveSense;
import org.nnmip.model.SolutionChecker;

/**
 * How one run compares with the known optimum. A claimed optimum must match it within 1e-6 relative
 * ({@code max(1,|opt|)}); a returned point must pass {@link SolutionChecker} on the original model (feasibility
 * 1e-6, integrality 1e-5) and a reported dual bound must not cut off the known optimum.
 */
public enum Verdict {
    /** Claimed optimal and matches the known optimum. */
    OK(false, true),
    /** Claimed optimal, off by more than 1e-6 but within the relative gap tolerance the solver was given. */
    WITHIN_GAP(false, true),
    /** Claimed optimal without a known optimum to compare with. */
    UNVERIFIED(false, true),
    /** Stopped without a proof (time limit, etc.); nothing contradicts the known optimum. */
    NOT_SOLVED(false, false),
    /** Claimed optimal with a wrong value, or claimed infeasible/unbounded for a feasible instance. */
    WRONG_OPTIMUM(true, false),
    /** The reported dual bound is better than the known optimum: the solver pruned the optimum. */
    WRONG_BOUND(true, false),
    /** The returned point violates the model, or its objective differs from the reported one. */
    BAD_POINT(true, false),
    /** The solver threw or crashed. */
    ERROR(true, false);

    static final double MATCH_TOLERANCE = 1e-6;

    private final boolean wrong;
    private final boolean solved;

    Verdict(boolean wrong, boolean solved) {
        this.wrong = wrong;
        this.solved = solved;
    }

    /** Something is wrong with the answer itself (must be reported loudly). */
    public boolean isWrong() {
        return wrong;
    }

    /** Counts as solved: a proven optimum that is not contradicted. */
    public boolean isSolved() {
        return solved;
    }

    /**
     * @param known       the known optimum (NaN if infeasible or unknown)
     * @param knownStatus true when {@code known} comes from the .solu file (NaN then means infeasible)
     * @param relativeGap the relative gap tolerance the solver was allowed to stop at
     */
    public static Verdict judge(MipBackend.Run run, Model model, double known, boolean knownStatus,
                                double relativeGap) {
        if (run.status().startsWith("error")) return ERROR;
        boolean min = model.sense() == ObjectiveSense.MINIMIZE;
        if (run.hasSolution()) {
            double[] x = run.solution();
            SolutionChecker.Report rep = SolutionChecker.withDefaults().check(model, x);
            double z = model.evaluate(x);
            if (!rep.feasible() || Math.abs(z - run.objective()) > MATCH_TOLERANCE * Math.max(1, Math.abs(z))) {
                return BAD_POINT;
            }
        }
        if (!knownStatus) return run.claimsOptimal() ? UNVERIFIED : NOT_SOLVED;
        if (Double.isNaN(known)) {
            // Known infeasible: any point would have failed the check above; a claimed optimum is wrong.
            return run.claimsOptimal() ? WRONG_OPTIMUM : NOT_SOLVED;
        }
        double tol = MATCH_TOLERANCE * Math.max(1, Math.abs(known));
        if (isProvenInfeasibleOrUnbounded(run.status())) return WRONG_OPTIMUM;
        Verdict byValue = NOT_SOLVED;
        if (run.claimsOptimal()) {
            double diff = Math.abs(run.objective() - known);
            boolean worse = min ? run.objective() > known : run.objective() < known;
            double gapTol = 1.01 * relativeGap * Math.max(1, Math.abs(known)) + tol;
            if (diff <= tol) byValue = OK;
            else if (worse && diff <= gapTol) byValue = WITHIN_GAP;
            else return WRONG_OPTIMUM; // also NaN
        }
        // No legitimate stop (limit or gap) lets the dual bound pass the true optimum.
        double bound = run.bound();
        if (!Double.isNaN(bound) && (min ? bound > known + tol : bound < known - tol)) return WRONG_BOUND;
        return byValue;
    }

    private static boolean isProvenInfeasibleOrUnbounded(String status) {
        return status.equals("infeasible") || status.equals("unbounded");
    }

    /** Severity order for summarising repeated runs: the worst verdict wins. */
    static Verdict worse(Verdict a, Verdict b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case OK, UNVERIFIED -> 0;
            case WITHIN_GAP -> 1;
            case NOT_SOLVED -> 2;
            default -> 3 + v.ordinal();
        };
    }
}
