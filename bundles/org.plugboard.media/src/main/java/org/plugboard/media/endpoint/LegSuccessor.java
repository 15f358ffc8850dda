package org.plugboard.media.endpoint;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.media.relay.LoopCalls;

/**
 * A leg handed to the next version of the bundle, seen from the old leg object that applications (and the calls
 * bundle) still hold: the next version completes the future with its leg (same id, same sockets), or with null when
 * nobody took it over, and the old object forwards to it. The future and the close flag travel in the hand-over map
 * as JDK types, because the next version reads them.
 */
final class LegSuccessor {
    /** A media operation run again on the next version's leg. */
    interface Op<T> {
        CompletionStage<T> on(MediaEndpoint next);
    }

    private final CompletableFuture<MediaEndpoint> next = new CompletableFuture<>();
    /** Set by a close during the update: the next version closes its leg as soon as it took it over. */
    private final AtomicBoolean closeRequested = new AtomicBoolean();

    void writeInto(Map<String, Object> state) {
        state.put("successor", next);
        state.put("closeRequested", closeRequested);
    }

    /** The next version's leg; waits (bounded) while the update is under way. */
    MediaEndpoint leg() throws MediaException {
        MediaEndpoint leg;
        try {
            leg = next.get(LoopCalls.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the media engine is being updated; try again", e);
        } catch (ExecutionException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the media engine's update failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(Kind.ENGINE_FAILURE, "interrupted", e);
        }
        if (leg == null) {
            throw goneError();
        }
        return leg;
    }

    /** The next version's leg if it took it over already, else null. */
    MediaEndpoint now() {
        return next.getNow(null);
    }

    /** Closed: nobody took it over, or it was closed during the update. */
    boolean gone() {
        return closeRequested.get() || next.isDone() && next.getNow(null) == null;
    }

    /** Runs {@code op} on the next version's leg once there is one, and completes {@code done} with its result. */
    <T> CompletableFuture<T> forward(CompletableFuture<T> done, Op<T> op) {
        next.whenComplete((leg, error) -> {
            if (leg == null) {
                done.completeExceptionally(goneError());
                return;
            }
            op.on(leg).whenComplete((value, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else {
                    done.complete(value);
                }
            });
        });
        return done;
    }

    /** Does {@code action} on the next version's leg once there is one (nothing if none comes). */
    void later(Consumer<MediaEndpoint> action) {
        next.thenAccept(leg -> {
            if (leg != null) {
                action.accept(leg);
            }
        });
    }

    void close() {
        closeRequested.set(true);
        later(MediaEndpoint::close);
    }

    private static MediaException goneError() {
        return new MediaException(Kind.NO_SESSION, "the media endpoint was closed: no new version of the media engine "
                + "took it over");
    }
}
