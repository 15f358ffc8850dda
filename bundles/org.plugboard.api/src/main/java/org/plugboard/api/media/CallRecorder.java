package org.plugboard.api.media;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running recording of a call ({@link MediaSession#record}). A recording lives in the engine with its session:
 * it goes on across a bundle update of the engine or of whoever started it; find it again with
 * {@link MediaSession#recorder}. Since 1.4.
 */
@ProviderType
public interface CallRecorder {
    /** Unique across engines. */
    String id();

    /** The session it records ({@link MediaSession#id}). */
    String sessionId();

    CallRecording.Options options();

    Instant started();

    /** The audio written so far. */
    Duration length();

    /**
     * Completes once the file is closed: stopped, at its maximum length, the session released, or failed. After an
     * engine update, this stage of the old engine's recorder completes with the result so far and the ending
     * {@link CallRecording.Ending#CALL_ENDED} only when the call really ended; otherwise it stays pending and the new
     * engine's {@link MediaSession#recorder} carries on.
     */
    CompletionStage<CallRecording.Result> finished();

    /** Stops recording and closes the file; the {@link #finished} stage completes. Idempotent. */
    void stop();
}
