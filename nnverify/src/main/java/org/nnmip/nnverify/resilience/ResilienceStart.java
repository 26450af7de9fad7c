package org.nnmip.nnverify.resilience;

import java.util.Arrays;

/**
 * A candidate witness pair given to the resilience MIPs as a start: the input {@code a} and its perturbation
 * {@code b = a + eps}. It is re-checked by forward evaluation and ignored unless it is a true witness for the
 * question asked (class, confidence, {@code k}); a valid one becomes a complete MIP start (both network copies
 * evaluated), so the search begins with its norm as incumbent.
 *
 * @param input     {@code a} (ignored by the local question, whose input is fixed)
 * @param perturbed {@code b = a + eps}
 */
public record ResilienceStart(double[] input, double[] perturbed) {
    public ResilienceStart {
        if (input == null || perturbed == null) throw new IllegalArgumentException("resilience start: null input");
        if (input.length != perturbed.length) {
            throw new IllegalArgumentException("resilience start: the input has " + input.length + " values, the perturbed input " + perturbed.length);
        }
        input = input.clone();
        perturbed = perturbed.clone();
    }

    @Override public double[] input() { return input.clone(); }
    @Override public double[] perturbed() { return perturbed.clone(); }

    @Override public String toString() {
        return "ResilienceStart[" + Arrays.toString(input) + " -> " + Arrays.toString(perturbed) + "]";
    }
}
