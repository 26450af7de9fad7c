package org.nnmip.nnverify.verify;

import java.util.Locale;

/** VNN-COMP answers: {@code sat} = a counterexample exists (property violated), {@code unsat} = property holds. */
public enum Verdict {
    SAT, UNSAT, UNKNOWN;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
