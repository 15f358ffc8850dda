package org.plugboard.api.directory;

/** A directory operation that cannot be done; the message names the problem and the fix. */
public class DirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DirectoryException(String message) {
        super(message);
    }

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
