package org.nnmip.nnverify.resilience;

import java.util.Optional;

/**
 * Outcome of a maximum-resilience problem for one class.
 *
 * @param status           optimal, feasible (limit hit with a witness), infeasible, time_limit (no witness),
 *                         unverified (the witness failed the forward re-check); for the local problem with a
 *                         threshold: vulnerable (a witness below delta), resilient (none), unknown
 * @param phi              the norm of the witness perturbation (NaN without a witness)
 * @param bound            proven lower bound on the minimal perturbation
 * @param classIndex       the class {@code m}
 * @param witness          the witness, re-checked by forward evaluation
 * @param confidence       the largest feasible confidence, computed when the asked alpha was infeasible
 * @param nodes            branch-and-bound nodes of the main solve
 * @param binaries         binaries of the main model
 * @param seconds          wall-clock time of the whole call
 * @param relaxed          the network has arctan layers, so the MIP was a relaxation: {@code bound} is a proven
 *                         lower bound, {@code phi} (from a witness that passed the forward check) an upper bound, and
 *                         status lower_bound means only the bound is known (the relaxation's point is no witness)
 * @param startPhi         the norm of the best starting witness (given, or found by the sampling heuristic) that
 *                         seeded the MIP; NaN when there was none
 * @param startSeconds     wall-clock time of the sampling heuristic
 */
public record ResilienceResult(String status, double phi, double bound, int classIndex, Optional<Witness> witness,
                               Optional<ConfidenceResult> confidence, long nodes, int binaries, double seconds, boolean relaxed,
                               double startPhi, double startSeconds) {

    /** A result without a starting witness. */
    public ResilienceResult(String status, double phi, double bound, int classIndex, Optional<Witness> witness,
                            Optional<ConfidenceResult> confidence, long nodes, int binaries, double seconds, boolean relaxed) {
        this(status, phi, bound, classIndex, witness, confidence, nodes, binaries, seconds, relaxed, Double.NaN, 0.0);
    }

    /** This result with the starting witness's norm and the heuristic's time. */
    ResilienceResult withStart(double norm, double heuristicSeconds) {
        return new ResilienceResult(status, phi, bound, classIndex, witness, confidence, nodes, binaries, seconds, relaxed, norm, heuristicSeconds);
    }

    /**
     * @param input            the input {@code a}
     * @param perturbation     {@code eps}, with {@code a + eps} in the box
     * @param output           {@code z(a)}
     * @param perturbedOutput  {@code z(a + eps)}
     * @param margin           {@code min_{j != m} z_m(a) - z_j(a)} (confidence {@code e^margin})
     * @param overtaking       classes {@code j != m} with {@code z_j(a + eps) >= z_m(a + eps)} (within the tolerance)
     */
    public record Witness(double[] input, double[] perturbation, double[] output, double[] perturbedOutput,
                          double margin, int overtaking) { }

    public boolean hasWitness() { return witness.isPresent(); }
}
