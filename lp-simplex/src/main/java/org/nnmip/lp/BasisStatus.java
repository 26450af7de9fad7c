package org.nnmip.lp;

/**
 * Status of a column or a row (through its logical variable) in a simplex basis.
 * For a row, AT_LOWER means the row activity sits at its row lower bound.
 */
public enum BasisStatus {
    BASIC,
    AT_LOWER,
    AT_UPPER,
    /** Nonbasic free variable held at zero. */
    AT_ZERO;

    private static final BasisStatus[] VALUES = values();

    public static BasisStatus fromCode(byte code) {
        return VALUES[code];
    }

    public byte code() {
        return (byte) ordinal();
    }
}
