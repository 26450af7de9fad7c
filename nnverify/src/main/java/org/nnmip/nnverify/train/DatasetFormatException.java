package org.nnmip.nnverify.train;

import java.nio.file.Path;

/**
 * A data file could not be read as a dataset. The message is one line, {@code FILE:LINE:COLUMN: reason} (columns are
 * 1-based field numbers) or {@code FILE: reason} when no single position is at fault.
 */
public class DatasetFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public DatasetFormatException(String message) { super(message); }

    static DatasetFormatException at(Path file, int line, int column, String what) {
        return new DatasetFormatException(name(file) + ":" + line + ":" + column + ": " + what);
    }

    static DatasetFormatException inFile(Path file, String what) {
        return new DatasetFormatException(name(file) + ": " + what);
    }

    static String name(Path file) {
        Path f = file.getFileName();
        return f == null ? file.toString() : f.toString();
    }
}
