package org.plugboard.calls.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.sip.NextHop;

/**
 * Where the SDP of one leg becomes the SDP of the other. {@link PassThroughSdp} checks and passes bodies on
 * unchanged (no media engine configured); {@link MediaSdp} relays the media through a media gateway, which puts
 * its own address and ports in per side. Both answer with completion stages, so a strand never waits for a remote
 * engine: {@link MediaSteps} runs what follows on the call's strand, in order.
 */
interface SdpBridge {
    /**
     * The body to send on for an offer or answer that came from {@code from}; completes exceptionally with a
     * {@link BadSdpException}. Called on the call's strand, one step of a call at a time.
     *
     * @param toward the next hop of the leg that receives the result (the media engine advertises the address
     *               that reaches it)
     */
    CompletionStage<byte[]> relay(Call call, Leg from, NextHop toward, byte[] sdp, boolean offer);

    /**
     * Completes when the call's media engine can take a step: at once, unless the call has no session yet and its
     * engine is not bound (its bundle is being updated): then when it is bound again, or after a bounded wait.
     */
    default CompletionStage<Void> ready(Call call) {
        return CompletableFuture.completedFuture(null);
    }

    /** The call is over: give back whatever the call held (ports). Never blocks the strand. */
    default void release(Call call) {
    }

    static CompletionStage<byte[]> failed(BadSdpException e) {
        return CompletableFuture.failedFuture(e);
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
