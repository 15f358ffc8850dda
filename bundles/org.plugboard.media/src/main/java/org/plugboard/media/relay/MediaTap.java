package org.plugboard.media.relay;

import org.plugboard.api.media.Side;

import io.netty.buffer.ByteBuf;

/**
 * Something that sees a relayed call's audio on the session's event loop: a call recorder copies it, a mix (an
 * operator's barge-in) takes it instead of the relay. Only plain RTP of the session's first audio line reaches a tap
 * (no RTCP, no telephone events, nothing encrypted), after latching and the hold checks. Runs on the event loop:
 * never block, never keep the buffer past the call (copy what you need).
 */
public interface MediaTap {
    /**
     * An RTP packet {@code from} sent.
     *
     * @param packet     the whole RTP packet (header and payload), readable from its reader index; do not release it
     * @param nowNanos   {@link System#nanoTime()} at arrival
     * @return true to relay it on to the other side as usual, false when the tap took it (a mix sends its own)
     */
    boolean rtp(Side from, ByteBuf packet, long nowNanos);

    /** The session was released, or handed over to the next version of the bundle; the tap is removed. */
    default void detached(boolean released) {
    }
}
