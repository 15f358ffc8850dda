package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaException;

import io.netty.channel.DefaultEventLoop;

/** Signalling work on a real event loop: results, failures as MediaException, a bound on the wait. */
class LoopCallsTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final LoopCalls calls = new LoopCalls(loop, 200);

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void theTaskRunsOnTheLoopAndItsResultComesBack() throws Exception {
        Thread[] ranOn = new Thread[1];
        assertEquals("done", calls.call(() -> {
            ranOn[0] = Thread.currentThread();
            return "done";
        }));
        assertTrue(loop.inEventLoop(ranOn[0]));
    }

    @Test
    void fromTheLoopItselfTheTaskRunsAtOnce() throws Exception {
        Thread caller = loop.submit(() -> calls.call(Thread::currentThread)).get(1, TimeUnit.SECONDS);
        assertTrue(loop.inEventLoop(caller), "no submit to itself, which would wait for ever");
        MediaException e = loop.submit(() -> assertThrows(MediaException.class,
                () -> calls.run(() -> {
                    throw new IOException("disk");
                }))).get(1, TimeUnit.SECONDS);
        assertEquals(MediaException.Kind.ENGINE_FAILURE, e.kind());
    }

    @Test
    void aMediaExceptionComesBackAsItIsAndAnythingElseAsAnEngineFailure() {
        MediaException bad = new MediaException(MediaException.Kind.BAD_SDP, "line 3");
        assertSame(bad, assertThrows(MediaException.class, () -> calls.run(() -> {
            throw bad;
        })));
        MediaException other = assertThrows(MediaException.class, () -> calls.run(() -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(MediaException.Kind.ENGINE_FAILURE, other.kind());
        assertTrue(other.getMessage().startsWith("relay failure: java.lang.IllegalStateException: bug"), other.getMessage());
    }

    @Test
    void aLoopThatDoesNotAnswerInTimeIsAnEngineFailure() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                stuck.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            MediaException e = assertThrows(MediaException.class, () -> calls.call(() -> "late"));
            assertEquals(MediaException.Kind.ENGINE_FAILURE, e.kind());
            assertEquals("the relay did not answer in 200 ms", e.getMessage());
        } finally {
            stuck.countDown();
        }
    }

    @Test
    void aStoppedLoopIsAnEngineFailure() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        MediaException e = assertThrows(MediaException.class, () -> calls.call(() -> "never"));
        assertEquals(MediaException.Kind.ENGINE_FAILURE, e.kind());
        assertEquals("the relay is shut down", e.getMessage());
    }
}
