package org.plugboard.calls.internal;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.sip.NextHop;

/**
 * Where the SDP of one leg becomes the SDP of the other. {@link PassThroughSdp} checks and passes bodies on
 * unchanged (no media engine configured); {@link MediaSdp} relays the media through a media gateway, which puts
 * its own address and ports in per side.
 */
interface SdpBridge {
    /**
     * The body to send on for an offer or answer that came from {@code from}.
     *
     * @param toward the next hop of the leg that receives the result (the media engine advertises the address
     *               that reaches it)
     */
    byte[] relay(Call call, Leg from, NextHop toward, byte[] sdp, boolean offer) throws BadSdpException;

    /** The call is over: give back whatever the call held (ports). Never blocks the strand. */
    default void release(Call call) {
    }

    /** The SDP could not be relayed; carries what to answer and how the CDR names it. */
    final class BadSdpException extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final CallTag tag;

        /** The body is unusable: 488. */
        BadSdpException(String message) {
            this(message, 488, CallTag.BAD_REQUEST);
        }

        BadSdpException(String message, int status, CallTag tag) {
            super(message);
            this.status = status;
            this.tag = tag;
        }
    }
}
