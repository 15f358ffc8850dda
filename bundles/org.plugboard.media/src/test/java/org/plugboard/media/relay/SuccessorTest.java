package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaSession;

/**
 * The old session object's view of the next version, through the two JDK objects the hand-over map carries. The
 * next version's session is a real one of a gateway that binds nothing here (ports 40420-40439, never offered).
 */
class SuccessorTest {
    private final RelayGateway gateway = new RelayGateway(RelayConfig.defaults().withPorts(40420, 40439)
            .withBindAddress("127.0.0.1").withThreads(1));
    private final Successor successor = new Successor(100);
    private final Map<String, Object> state = new HashMap<>();

    @AfterEach
    void close() {
        gateway.close();
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<MediaSession> next() {
        return (CompletableFuture<MediaSession>) state.get("successor");
    }

    private boolean releaseRequested() {
        return ((AtomicBoolean) state.get("releaseRequested")).get();
    }

    @Test
    void theNextVersionsSessionOnceItHasTakenOver() throws Exception {
        successor.writeInto(state);
        assertInstanceOf(CompletableFuture.class, state.get("successor"), "a JDK type the next version can read");
        MediaSession taken = gateway.open("call-1", null);
        next().complete(taken);
        assertSame(taken, successor.session());
    }

    @Test
    void whileTheUpdateRunsCallersWaitBoundedThenTryAgain() {
        successor.writeInto(state);
        long start = System.nanoTime();
        MediaException e = assertThrows(MediaException.class, successor::session);
        assertEquals(MediaException.Kind.ENGINE_FAILURE, e.kind());
        assertTrue(e.getMessage().contains("being updated"), e.getMessage());
        assertTrue(System.nanoTime() - start >= 100_000_000L, "it waited its 100 ms");
    }

    @Test
    void noNextVersionMeansTheSessionIsGone() {
        successor.writeInto(state);
        next().complete(null); // the guard closed it
        assertEquals(MediaException.Kind.NO_SESSION, assertThrows(MediaException.class, successor::session).kind());
    }

    @Test
    void aFailedTakeOverIsAnEngineFailure() {
        successor.writeInto(state);
        next().completeExceptionally(new IllegalStateException("boom"));
        MediaException e = assertThrows(MediaException.class, successor::session);
        assertEquals(MediaException.Kind.ENGINE_FAILURE, e.kind());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void aReleaseDuringTheUpdateIsLeftToTheNextVersion() {
        successor.writeInto(state);
        assertFalse(releaseRequested());
        successor.release();
        assertTrue(releaseRequested(), "the next version releases its session when it takes it over");
    }

    @Test
    void aReleaseAfterTheTakeOverReleasesTheNextVersionsSession() throws Exception {
        successor.writeInto(state);
        MediaSession taken = gateway.open("call-2", null);
        next().complete(taken);
        successor.release();
        assertTrue(releaseRequested());
        assertTrue(gateway.sessions().isEmpty(), "released at once");
        assertThrows(MediaException.class, taken::stats);
    }
}
