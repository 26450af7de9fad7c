package org.nnmip.nnverify.lipschitz;

import java.util.Locale;

/**
 * How LipMIP writes the backward-pass switch {@code y = sigma * g} (ReLU indicator times incoming gradient, with
 * {@code g in [L, U]} from {@link GradientBounds}). Both use the four inequalities
 * {@code y <= g - Lb(1-sigma), y >= g - Ub(1-sigma), Lb sigma <= y <= Ub sigma}, exact for binary sigma, so the MIP
 * optimum is the same; they differ in the bounds and hence in the LP relaxation.
 */
public enum BackwardEncoding {
    /**
     * {@code Lb = L, Ub = U}: the McCormick envelope of the product of a binary and an interval, which is the convex
     * hull of {@code {(sigma, g, y): sigma in {0,1}, g in [L,U], y = sigma g}}: no linear encoding of the switch alone
     * has a tighter relaxation.
     */
    SWITCH,
    /**
     * Jordan &amp; Dimakis 2020, App. D.2 as their reference code writes it: {@code Lb = min(L, 0), Ub = max(U, 0)}.
     * Identical to {@link #SWITCH} when {@code L <= 0 <= U}, looser when the gradient's sign is known.
     */
    D2;

    public String cliName() { return name().toLowerCase(Locale.ROOT); }

    public static BackwardEncoding parse(String s) {
        for (BackwardEncoding e : values()) if (e.cliName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) return e;
        throw new IllegalArgumentException("encoding: expected switch or d2, got '" + s + "'");
    }
}
