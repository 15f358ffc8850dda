package org.plugboard.api.media;

/** Why the media gateway could not do what was asked; {@link #kind()} tells the B2BUA which status to answer. */
public class MediaException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The failure classes, each with the SIP status the B2BUA answers. */
    public enum Kind {
        /** The SDP does not parse (488). */
        BAD_SDP(488),
        /** No m-line can be relayed (488). */
        NO_USABLE_MEDIA(488),
        /** The port pool is exhausted (503). */
        NO_PORTS(503),
        /** The engine did not answer or answered an error (503). */
        ENGINE_FAILURE(503),
        /** The session is unknown or released (500). */
        NO_SESSION(500);

        private final int sipStatus;

        Kind(int sipStatus) {
            this.sipStatus = sipStatus;
        }

        public int sipStatus() {
            return sipStatus;
        }
    }

    private final Kind kind;

    public MediaException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MediaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
