package org.nnmip.io;

/**
 * A model file is malformed. {@link #getMessage()} is {@code FILE:LINE: message} (or {@code FILE: message} when
 * no line applies, {@link #line()} {@code <= 0}), the form editors and compilers use, so it can be clicked.
 */
public final class ModelFormatException extends Exception {
    private final String file;
    private final long line;
    private final String detail;

    public ModelFormatException(String file, long line, String message) {
        super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        this.file = file;
        this.line = line;
        this.detail = message;
    }

    /** The file name as given to the reader. */
    public String file() {
        return file;
    }

    /** 1-based line number, or 0 if the problem is not tied to a line (e.g. a missing ENDATA at end of file). */
    public long line() {
        return line;
    }

    /** The message without the file and line prefix. */
    public String detail() {
        return detail;
    }
}
