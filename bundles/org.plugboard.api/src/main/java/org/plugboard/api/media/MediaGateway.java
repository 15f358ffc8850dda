package org.plugboard.api.media;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A media engine. Registered once per engine with the {@link #ENGINE} property; the B2BUA picks the engine for
 * each new call by that name, so switching engines never touches calls already up. Thread-safe.
 */
@ProviderType
public interface MediaGateway {
    /** Service property (String): the engine's name, e.g. {@code local} for the in-process relay. */
    String ENGINE = "plugboard.media.engine";

    /** The engine's name, the value of {@link #ENGINE}. */
    String engine();

    /**
     * Opens a session for one call. Nothing is allocated until the first offer.
     *
     * @param callId   the call's id (for logs and lookups; the engine makes its own unique session id)
     * @param listener receives DTMF, inactivity and failures; may be replaced with {@link MediaSession#listener}
     */
    MediaSession open(String callId, MediaListener listener) throws MediaException;

    /** A live session by its {@link MediaSession#id()}: how a new version of the B2BUA picks its calls back up. */
    Optional<MediaSession> find(String sessionId);

    /** The live sessions this gateway opened, in no order. */
    List<MediaSession> sessions();

    /** Ports in the engine's pool, or {@link PortUsage#UNKNOWN} for an engine that does not tell. */
    PortUsage ports();

    /** True when this engine can terminate legs ({@link #endpoint}). Since 1.2. */
    default boolean terminatesLegs() {
        return false;
    }

    /**
     * Opens an endpoint of the engine's own for one side of a call: a port pair the engine plays to, records from
     * and collects digits on. Nothing is negotiated until {@link MediaEndpoint#answer} or {@link MediaEndpoint#offer}.
     * Since 1.2.
     *
     * @throws MediaException {@link MediaException.Kind#ENGINE_FAILURE} for an engine that only relays (check
     *                        {@link #terminatesLegs} first) or is shut down, {@link MediaException.Kind#NO_PORTS}
     */
    default MediaEndpoint endpoint(String callId, Side side) throws MediaException {
        throw new MediaException(MediaException.Kind.ENGINE_FAILURE,
                "the media engine '" + engine() + "' relays only: it cannot play, record or collect digits");
    }

    /**
     * {@link #endpoint} without blocking the caller: what a B2BUA strand calls, since a remote engine (a media node)
     * opens an endpoint by a round trip. Completes with the endpoint, or exceptionally with the
     * {@link MediaException} {@link #endpoint} would throw; completes on an engine thread (or at once in process).
     * The default wraps {@link #endpoint}. Since 1.3.
     */
    default CompletionStage<MediaEndpoint> openEndpoint(String callId, Side side) {
        try {
            return CompletableFuture.completedFuture(endpoint(callId, side));
        } catch (MediaException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The mixing room {@code name}, opened on first use ({@link Conference}); it lives until closed. Fails with
     * {@link MediaException.Kind#ENGINE_FAILURE} for an engine that cannot mix. Since 1.4.
     */
    default CompletionStage<Conference> conference(String name) {
        return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.ENGINE_FAILURE,
                "the media engine '" + engine() + "' cannot mix conferences"));
    }

    /** The open mixing rooms. Since 1.4. */
    default List<Conference> conferences() {
        return List.of();
    }
}
