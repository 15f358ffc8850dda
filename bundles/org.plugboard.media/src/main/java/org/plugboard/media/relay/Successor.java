package org.plugboard.media.relay;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaSession;

/**
 * A session that was handed to the next version of the bundle, seen from the old session object that callers may
 * still hold: the next version completes the future with its session (same id, same sockets), or with null when
 * nobody took the session over, and the old object forwards every call to it. Both travel in the hand-over map as
 * JDK types ({@code successor}, {@code releaseRequested}) because the next version reads them.
 */
final class Successor {
    private final CompletableFuture<MediaSession> next = new CompletableFuture<>();
    /** Set by a release during the update, for the next version to release its session when it takes it over. */
    private final AtomicBoolean releaseRequested = new AtomicBoolean();
    private final long waitMillis;

    Successor() {
        this(LoopCalls.TIMEOUT_MILLIS);
    }

    Successor(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** Puts the future and the release flag into a session's hand-over state. */
    void writeInto(Map<String, Object> state) {
        state.put("successor", next);
        state.put("releaseRequested", releaseRequested);
    }

    /** The session that lives in the next version now; waits (bounded) while the update is under way. */
    MediaSession session() throws MediaException {
        MediaSession session;
        try {
            session = next.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the media relay is being updated; try again", e);
        } catch (ExecutionException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the media relay's update failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(Kind.ENGINE_FAILURE, "interrupted", e);
        }
        if (session == null) {
            throw new MediaException(Kind.NO_SESSION, "the media session was closed: no new version of the relay took it over");
        }
        return session;
    }

    /** The next version releases its session: now if it has taken it over, else as soon as it does. */
    void release() {
        releaseRequested.set(true);
        MediaSession session = next.getNow(null);
        if (session != null) {
            session.release();
        }
    }
}
