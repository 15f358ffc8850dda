package org.plugboard.media.ng.internal;

/** No reply to a request after every retransmission. */
class NgTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    NgTimeoutException(String message) {
        super(message);
    }
}
