package org.plugboard.cdr.internal;

/** A CDR storage failure, with a message fit for the console. */
public class CdrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CdrException(String message, Throwable cause) {
        super(message, cause);
    }
}
