package org.plugboard.api.application;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Tone;

/**
 * A caller's leg answered by the PBX and handed to a {@link MediaApplication}. Every operation is asynchronous; a
 * stage fails with {@link LegGoneException} when the caller hangs up.
 */
@ProviderType
public interface ApplicationLeg {
    String callId();

    /** The caller's extension or number. */
    String caller();

    /** The extension or number the application answers for (the mailbox owner, the IVR's number). */
    String servedUser();

    /** The parameters the service gave in its {@link org.plugboard.api.service.Outcome.Connect}. */
    Map<String, String> parameters();

    /** Plays a prompt (a WAV file or a named system prompt); completes when it ended or a digit interrupted it. */
    CompletionStage<Void> play(String prompt, boolean interruptibleByDigit);

    /** Collects up to {@code maxDigits} digits, ending early on {@code terminator} (may be empty) or the timeout. */
    CompletionStage<String> collect(int maxDigits, String terminators, Duration timeout);

    /** Records what the caller says into {@code file} until silence, a digit, the caller hanging up, or {@code max}. */
    CompletionStage<Recording> record(Path file, Duration max);

    /**
     * Plays prompts one after the other (names or files, as {@link #play}). Since 1.1.
     *
     * @return completes with true when a digit interrupted one (the rest are skipped, the digit is kept for the
     *         next {@link #collect}), false when all played
     */
    CompletionStage<Boolean> playAll(List<String> prompts, boolean interruptibleByDigit);

    /**
     * A call-progress tone of the leg's country (parameter {@code country}, default {@code us}); a digit stops it.
     * Since 1.1.
     *
     * @param length how long; null: once through its cadence
     */
    CompletionStage<Void> tone(Tone tone, Duration length);

    /** Collects digits with separate first-digit and inter-digit timeouts; completes with what was typed. Since 1.1. */
    CompletionStage<String> collect(DigitCollection collection);

    /** Records with explicit options (maximum length, stop digits, file encoding). Since 1.1. */
    CompletionStage<Recording> record(Path file, org.plugboard.api.media.Recording.Options options);

    /**
     * The engine endpoint that terminates this leg: what a conference or an operator's barge-in mixes
     * ({@link org.plugboard.api.media.Conference#join}, {@link org.plugboard.api.media.MediaSession#mix}). Do not close
     * it: the PBX does when the leg ends. Since 1.2.
     */
    org.plugboard.api.media.MediaEndpoint endpoint();

    /** What a recording captured. */
    record Recording(Path file, Duration length, String endedBy) {
    }

    /** The caller hung up while an operation ran. */
    final class LegGoneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LegGoneException(String callId) {
            super("call " + callId + " ended");
        }
    }
}
