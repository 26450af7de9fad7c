package org.nnmip.nnverify.encode;

import java.util.Locale;

/** Bound-tightening steps in order of strength; choosing one runs it and every weaker step before it. */
public enum TighteningStep {
    /** Interval arithmetic. */
    INTERVAL,
    /** Symbolic linear relaxation with back-substitution, intersected with intervals. */
    SYMBOLIC,
    /** LP minimisation/maximisation of every unstable pre-activation (parallel over the neurons of a layer). */
    LP,
    /** MIP look-back over the last layers with a per-neuron budget (Cheng et al. 2017, heuristic 1). */
    MIP;

    public static TighteningStep parse(String s) {
        for (TighteningStep t : values()) if (t.name().equalsIgnoreCase(s)) return t;
        throw new IllegalArgumentException("tightening must be interval, symbolic, lp or mip, got '" + s + "'");
    }

    public String jsonName() { return name().toLowerCase(Locale.ROOT); }
}
