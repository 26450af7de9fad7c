package org.nnmip.cli;

/** Bad input detected by a command (inconsistent options, unreadable data): exit code 2 with this message. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
