package org.nnmip.nnverify.io;

import java.nio.file.Path;

/**
 * A network file could not be read. The message starts with the file name and the line
 * ({@code FILE:LINE: ...}) or the ONNX node ({@code FILE: node NAME (Op): ...}) and says what was expected.
 */
public class NetworkFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetworkFormatException(String message) { super(message); }

    public NetworkFormatException(String message, Throwable cause) { super(message, cause); }

    static NetworkFormatException atLine(Path file, int line, String what) {
        return new NetworkFormatException(name(file) + ":" + line + ": " + what);
    }

    static NetworkFormatException inFile(Path file, String what) {
        return new NetworkFormatException(name(file) + ": " + what);
    }

    static String name(Path file) {
        Path f = file.getFileName();
        return f == null ? file.toString() : f.toString();
    }
}
