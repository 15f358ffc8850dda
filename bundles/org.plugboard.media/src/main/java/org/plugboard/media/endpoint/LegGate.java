package org.plugboard.media.endpoint;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;

import io.netty.channel.EventLoop;

/**
 * Where an operation on a terminated leg goes: to the leg's event loop, nowhere (the leg is closed: the operation
 * fails with {@code NO_SESSION}), or, once the leg was handed to the next version of the bundle, to that version's
 * leg ({@link LegSuccessor}). Checked again on the loop, since a hand-over or a close may come in between.
 */
final class LegGate {
    private final String id;
    private final EventLoop loop;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when the leg was handed to the next version of the bundle: from then on that version's leg does the work. */
    private volatile LegSuccessor successor;

    LegGate(String id, EventLoop loop) {
        this.id = id;
        this.loop = loop;
    }

    /** The next version's leg, once handed over; else null. */
    LegSuccessor successor() {
        return successor;
    }

    void forwardTo(LegSuccessor next) {
        successor = next;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** True for the one call that closes the leg. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    void checkOpen() throws MediaException {
        if (closed.get()) {
            throw new MediaException(Kind.NO_SESSION, "media endpoint " + id + " is closed");
        }
    }

    boolean failedClosed(CompletableFuture<?> done) {
        if (closed.get()) {
            done.completeExceptionally(new MediaException(Kind.NO_SESSION, "media endpoint " + id + " is closed"));
            return true;
        }
        return false;
    }

    /** No SDP work on a leg handed to the next version (a call that raced the hand-over): the caller tries again. */
    void checkHere() throws MediaException {
        if (successor != null) {
            throw new MediaException(Kind.ENGINE_FAILURE, "media endpoint " + id + " is being handed to the next "
                    + "version of the media engine; try again");
        }
    }

    /**
     * Runs {@code task} on the loop unless the leg is closed (then {@code done} fails); once the leg was handed over,
     * {@code forward} runs it on the next version's leg and completes {@code done} from there.
     */
    <T> void onLoop(CompletableFuture<T> done, LegSuccessor.Op<T> forward, Runnable task) {
        if (successor != null) {
            successor.forward(done, forward);
            return;
        }
        if (failedClosed(done)) {
            return;
        }
        try {
            loop.execute(() -> {
                if (successor != null) {
                    successor.forward(done, forward);
                } else if (!failedClosed(done)) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new MediaException(Kind.ENGINE_FAILURE, "the media engine is shut down", e));
        }
    }
}
