package org.plugboard.api.media;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The media of one call: one relay endpoint per side and per m-line. Offers and answers go through it in the
 * order signalling sees them, initial and re-INVITE/UPDATE alike; each returns the SDP for the other side, with
 * the connection address and ports of the relay put in and everything else kept. Methods may block for a
 * round trip to a remote engine (a few milliseconds, bounded by the engine's timeout).
 */
@ProviderType
public interface MediaSession {
    /** Unique across engines and PBX nodes. */
    String id();

    /** The call id given to {@link MediaGateway#open}. */
    String callId();

    /** The name of the engine holding this session. */
    String engine();

    /**
     * An offer from {@code from}; returns the offer to send to the other side.
     *
     * @param signalAddress the IP address the offer's SIP message came from: a source whose IP matches it (or the
     *                      SDP's) may latch the stream even behind NAT; may be null
     * @throws MediaException {@link MediaException.Kind#BAD_SDP} or {@link MediaException.Kind#NO_USABLE_MEDIA}
     *                        (answer 488), {@link MediaException.Kind#NO_PORTS} or
     *                        {@link MediaException.Kind#ENGINE_FAILURE} (answer 503)
     */
    String offer(Side from, String sdp, String signalAddress) throws MediaException;

    /** The answer from {@code from} to the last offer; returns the answer to send to the other side. */
    String answer(Side from, String sdp, String signalAddress) throws MediaException;

    /** Stops relaying to and from {@code side} and its inactivity timer (a service holding the party). */
    void hold(Side side) throws MediaException;

    /** Undoes {@link #hold}. */
    void resume(Side side) throws MediaException;

    /** Replaces the listener (after a bundle update of the B2BUA, the new version listens). */
    void listener(MediaListener listener);

    /** Counters per stream, caller side first. */
    List<StreamStats> stats() throws MediaException;

    /** Gives every port back. Idempotent; never throws. */
    void release();
}
