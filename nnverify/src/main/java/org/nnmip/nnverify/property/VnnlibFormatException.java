package org.nnmip.nnverify.property;

/** A VNN-LIB file could not be read; the message reads {@code FILE:LINE: what was found and what was expected}. */
public class VnnlibFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public VnnlibFormatException(String message) { super(message); }
}
