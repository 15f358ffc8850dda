package org.plugboard.api.media;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The default asynchronous SDP methods of {@link MediaEndpoint}: a synchronous step as a completed stage. */
final class MediaEndpoints {
    private MediaEndpoints() {
    }

    /** A step that may throw a {@link MediaException}. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws MediaException;
    }

    static <T> CompletionStage<T> stage(Step<T> step) {
        try {
            return CompletableFuture.completedFuture(step.run());
        } catch (MediaException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
