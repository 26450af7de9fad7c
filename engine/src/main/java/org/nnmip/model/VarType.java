package org.nnmip.model;

/** The domain of a variable. A binary variable is an integer variable whose bounds lie within [0, 1]. */
public enum VarType {
    CONTINUOUS,
    BINARY,
    INTEGER;

    /** True for {@link #BINARY} and {@link #INTEGER}. */
    public boolean isIntegral() {
        return this != CONTINUOUS;
    }
}
