package org.nnmip.nnverify.verify;

import java.util.Optional;
import org.nnmip.nnverify.property.VnnlibCounterexample;

/**
 * The answer for one property.
 *
 * @param verdict        sat (counterexample found and re-checked by a forward pass), unsat, or unknown
 * @param counterexample present exactly when sat
 * @param bound          for unknown: the largest proven upper bound on the margin {@code min_k (rhs_k - c_k . y)}
 *                       over the undecided sub-problems (a counterexample needs margin >= 0); NaN otherwise
 * @param reason         why unknown ("time limit", ...), empty otherwise
 * @param timeSeconds    wall-clock time
 * @param statistics     work done
 */
public record VerificationResult(Verdict verdict, Optional<VnnlibCounterexample> counterexample, double bound, String reason,
                                 double timeSeconds, Statistics statistics) {

    /**
     * @param subproblems  (input box, conjunct) pairs looked at
     * @param mipSolves    MIPs solved
     * @param mipNodes     branch-and-bound nodes over all MIPs
     * @param lpIterations simplex iterations over all MIPs
     * @param binaries     largest number of binaries in one MIP
     * @param boxes        input boxes bounded by the splitting strategy
     * @param evaluations  network evaluations by the falsifier
     */
    public record Statistics(int subproblems, int mipSolves, long mipNodes, long lpIterations, int binaries, long boxes,
                             long evaluations) { }
}
