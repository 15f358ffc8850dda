package org.plugboard.media.ng.internal;

/** A datagram that is not {@code <cookie> <bencoded dictionary>}: dropped and counted, never answered. */
public class NgFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public NgFormatException(String message) {
        super(message);
    }
}
