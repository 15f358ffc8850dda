package org.plugboard.media.relay;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;

import io.netty.channel.EventLoop;

/**
 * Runs signalling work on a session's event loop and waits for it, bounded, so the packet path there needs no
 * locks. Every failure comes back as a {@link MediaException}: a stopped loop, a task that does not finish in
 * time, or anything the task throws. Called from the loop itself, the task runs at once.
 */
final class LoopCalls {
    /** How long signalling waits for the loop, for a socket to close, or for the next version's session. */
    static final long TIMEOUT_MILLIS = 5000;

    /** A task without a result. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final EventLoop loop;
    private final long timeoutMillis;

    LoopCalls(EventLoop loop) {
        this(loop, TIMEOUT_MILLIS);
    }

    LoopCalls(EventLoop loop, long timeoutMillis) {
        this.loop = loop;
        this.timeoutMillis = timeoutMillis;
    }

    EventLoop loop() {
        return loop;
    }

    void run(Task task) throws MediaException {
        call(() -> {
            task.run();
            return null;
        });
    }

    <T> T call(Callable<T> task) throws MediaException {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (MediaException e) {
                throw e;
            } catch (Exception e) {
                throw new MediaException(Kind.ENGINE_FAILURE, "relay failure: " + e, e);
            }
        }
        try {
            return loop.submit(task).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MediaException m) {
                throw m;
            }
            throw new MediaException(Kind.ENGINE_FAILURE, "relay failure: " + e.getCause(), e.getCause());
        } catch (RejectedExecutionException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the relay is shut down", e);
        } catch (TimeoutException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the relay did not answer in " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(Kind.ENGINE_FAILURE, "interrupted", e);
        }
    }
}
