package org.nnmip.nnverify.experiment;

import java.util.Optional;
import org.nnmip.nnverify.bounds.Box;
import org.nnmip.nnverify.net.Network;
import org.nnmip.nnverify.resilience.ResilienceResult;

/**
 * Re-evaluates a resilience witness on the network, independently of the solver's own re-check: both points in the
 * box, the unperturbed input confident enough ({@code z_m(a) - z_j(a) >= ln alpha} for all {@code j != m}), at least
 * {@code k} other classes scoring at least {@code z_m} after the perturbation, and the reported norm equal to the
 * perturbation's L1 norm (below {@code delta} for a vulnerable verdict).
 */
final class ResilienceWitnessCheck {
    /** Logit tolerance relative to max(1, largest |logit|), as the solver's forward check. */
    private static final double TOLERANCE = 1e-6;

    private ResilienceWitnessCheck() {
    }

    /**
     * Empty when the witness holds (or there is none), else why it fails.
     *
     * @param input the fixed input of the local question, null for Phi
     * @param lnAlpha the confidence asked ({@code -infinity} for the local question)
     * @param delta the local threshold, NaN for none
     */
    static Optional<String> failure(Network net, Box box, int m, int k, double[] input, double lnAlpha, double delta, ResilienceResult r) {
        if (r.witness().isEmpty()) return Optional.empty();
        ResilienceResult.Witness w = r.witness().get();
        double[] a = w.input();
        double[] eps = w.perturbation();
        double[] b = new double[a.length];
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i] + eps[i];
            norm += Math.abs(eps[i]);
            if (!inBox(box, i, a[i]) || !inBox(box, i, b[i])) return Optional.of("input " + i + " leaves the box");
            if (input != null && a[i] != input[i]) return Optional.of("the witness moved the fixed input at " + i);
        }
        double[] za = net.apply(a);
        double[] zb = net.apply(b);
        double scale = 1;
        for (int j = 0; j < za.length; j++) scale = Math.max(scale, Math.max(Math.abs(za[j]), Math.abs(zb[j])));
        double tol = TOLERANCE * scale;
        int overtaking = 0;
        for (int j = 0; j < za.length; j++) {
            if (j == m) continue;
            if (za[m] - za[j] < lnAlpha - tol) return Optional.of("confidence of class " + m + " over " + j + " is " + (za[m] - za[j]) + " < ln alpha " + lnAlpha);
            if (zb[j] >= zb[m] - tol) overtaking++;
        }
        if (overtaking < k) return Optional.of(overtaking + " classes overtake after the perturbation, " + k + " needed");
        if (!Double.isNaN(r.phi()) && Math.abs(norm - r.phi()) > 1e-9 * (1 + norm)) return Optional.of("reported norm " + r.phi() + " but the perturbation has " + norm);
        if (!Double.isNaN(delta) && r.status().equals("vulnerable") && !(norm < delta * (1 + 1e-9))) return Optional.of("vulnerable with norm " + norm + " >= delta " + delta);
        return Optional.empty();
    }

    private static boolean inBox(Box box, int i, double v) {
        return v >= box.lower(i) - 1e-9 && v <= box.upper(i) + 1e-9;
    }
}
