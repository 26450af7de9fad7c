package org.nnmip.lp;

/** Direction of optimisation. */
public enum Sense {
    MINIMIZE,
    MAXIMIZE;

    /** +1 for minimisation, -1 for maximisation: multiplies the objective into minimisation form. */
    public double sign() {
        return this == MINIMIZE ? 1.0 : -1.0;
    }
}
