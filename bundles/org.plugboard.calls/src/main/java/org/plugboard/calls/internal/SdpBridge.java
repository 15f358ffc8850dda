package org.plugboard.calls.internal;

/**
 * Where the SDP of one leg becomes the SDP of the other. Today bodies pass through unchanged after a real parse;
 * the media gateway plugs relaying in here (connection address and ports replaced per leg).
 */
interface SdpBridge {
    /** The body to send to {@code to} for an offer or answer that came from {@code from}. */
    byte[] relay(Call call, Leg from, Leg to, byte[] sdp, boolean offer) throws BadSdpException;

    /** The call is over: give back whatever the call held (ports). */
    default void release(Call call) {
    }

    final class BadSdpException extends Exception {
        private static final long serialVersionUID = 1L;

        BadSdpException(String message) {
            super(message);
        }
    }
}
