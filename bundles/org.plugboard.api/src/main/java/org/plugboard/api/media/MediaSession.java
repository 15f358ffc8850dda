package org.plugboard.api.media;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The media of one call: one relay endpoint per side and per m-line. Offers and answers go through it in the
 * order signalling sees them, initial and re-INVITE/UPDATE alike; each returns the SDP for the other side, with
 * the connection address and ports of the relay put in and everything else kept. The synchronous methods may block
 * for a round trip to a remote engine (bounded by the engine's timeout): a call's strand uses the asynchronous
 * {@link #offerAsync} and {@link #answerAsync}, which an engine with round trips implements without blocking.
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
     * @param fromAddress the IP address the offer's SIP message came from: a media source with this IP (or the
     *                    SDP's) may latch the stream, which lets phones behind NAT work; null if unknown
     * @param toAddress   the IP address the rewritten SDP is sent to (the other side's signalling next hop): the
     *                    engine advertises its own address that reaches it; null if unknown
     * @throws MediaException {@link MediaException.Kind#BAD_SDP} or {@link MediaException.Kind#NO_USABLE_MEDIA}
     *                        (answer 488), {@link MediaException.Kind#NO_PORTS} or
     *                        {@link MediaException.Kind#ENGINE_FAILURE} (answer 503)
     */
    String offer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException;

    /**
     * The answer from {@code from} to the last offer; returns the answer to send to the other side. An m-line
     * answered with port 0 is refused: its ports are given back and the other side sees port 0 too.
     */
    String answer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException;

    /**
     * {@link #offer} without blocking the caller: completes with the SDP for the other side, or exceptionally with
     * the {@link MediaException}. Offers and answers of one session must still be given in signalling order: give the
     * next one when the stage before it has completed. The default runs {@link #offer} in the calling thread, for
     * engines that never wait (the in-process relay).
     */
    default CompletionStage<String> offerAsync(Side from, String sdp, String fromAddress, String toAddress) {
        try {
            return CompletableFuture.completedFuture(offer(from, sdp, fromAddress, toAddress));
        } catch (MediaException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #answer} without blocking the caller; see {@link #offerAsync}. */
    default CompletionStage<String> answerAsync(Side from, String sdp, String fromAddress, String toAddress) {
        try {
            return CompletableFuture.completedFuture(answer(from, sdp, fromAddress, toAddress));
        } catch (MediaException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops relaying to and from {@code side} and its inactivity timer (a service holding the party). */
    void hold(Side side) throws MediaException;

    /** Undoes {@link #hold}. */
    void resume(Side side) throws MediaException;

    /** Replaces the listener (after a bundle update of the B2BUA, the new version listens). */
    void listener(MediaListener listener);

    /** Counters per stream, caller side first. */
    List<StreamStats> stats() throws MediaException;

    /**
     * Starts recording both parties into one file ({@link CallRecording}). Completes with the recorder once the file
     * is open; fails with a {@link MediaFileException} naming the file and the fault when it cannot be written, with
     * {@link MediaException.Kind#ENGINE_FAILURE} for an engine that cannot record or a session already recorded.
     * Since 1.4; by default the engine cannot record.
     */
    default CompletionStage<CallRecorder> record(CallRecording.Options options) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.ENGINE_FAILURE,
                "the media engine '" + engine() + "' cannot record calls"));
    }

    /** The recording running on this session, if any (the one a new engine version carried on). Since 1.4. */
    default Optional<CallRecorder> recorder() {
        return Optional.empty();
    }

    /**
     * Mixes a third party into this relayed call ({@link SessionMix}): {@code third} is an endpoint of the same engine
     * (the operator's leg), joining for the party on {@code party} (see {@link SessionMix.Mode#PRIVATE}). Both parties
     * hear {@link Beep#WARNING} when {@code warn}. Fails with
     * {@link MediaException.Kind#NO_USABLE_MEDIA} when the call's audio is not G.711, with
     * {@link MediaException.Kind#ENGINE_FAILURE} when a mix already runs or the engine cannot mix. Since 1.4; by
     * default the engine cannot mix.
     */
    default CompletionStage<SessionMix> mix(MediaEndpoint third, SessionMix.Mode mode, Side party, boolean warn) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.ENGINE_FAILURE,
                "the media engine '" + engine() + "' cannot mix a third party into a call"));
    }

    /** Gives every port back. Idempotent; never throws. */
    void release();
}
