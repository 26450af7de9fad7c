package org.nnmip.nnverify.lipschitz;

import java.util.Locale;

/**
 * The norm on the input space. The Lipschitz constant of a scalar function {@code c'f} with respect to the input
 * norm {@code ||.||_alpha} is the supremum of the dual norm of its (generalised) gradient (Jordan & Dimakis 2020,
 * Thm. 1): {@code l-infinity} inputs pair with the {@code l1} norm of the gradient and {@code l1} inputs with the
 * {@code l-infinity} norm.
 */
public enum InputNorm {
    LINF, L1;

    /** The dual norm of {@code g}: {@code ||g||_1} for LINF inputs, {@code ||g||_inf} for L1 inputs. */
    public double dualNorm(double[] g) {
        double s = 0;
        for (double v : g) s = this == LINF ? s + Math.abs(v) : Math.max(s, Math.abs(v));
        return s;
    }

    /** Lower-case name used on the command line and in JSON ({@code linf}, {@code l1}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputNorm parse(String s) {
        return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
            case "linf", "inf", "l_inf" -> LINF;
            case "l1" -> L1;
            default -> throw new IllegalArgumentException("input norm: expected linf or l1, got '" + s + "'");
        };
    }
}
