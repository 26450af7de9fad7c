package org.nnmip.model;

import org.nnmip.lp.Sense;

/** Direction of optimisation of a {@link Model}. */
public enum ObjectiveSense {
    MINIMIZE,
    MAXIMIZE;

    /** The matching LP-layer sense. */
    public Sense toLpSense() {
        return this == MINIMIZE ? Sense.MINIMIZE : Sense.MAXIMIZE;
    }

    /** True if {@code a} is strictly better than {@code b} in this sense. */
    public boolean isBetter(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }
}
