package org.plugboard.api.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A recording {@link MediaEndpoint#record} wrote: a complete WAV file (8000 Hz mono), present under its name only
 * once finished. Since 1.2.
 *
 * @param file   the WAV file
 * @param length the audio it holds
 * @param ending why it ended
 * @param digit  the stop digit that ended it, else empty
 */
public record Recording(Path file, Duration length, Ending ending, String digit) {
    public enum Ending {
        /** It reached its maximum length; later audio was not written. */
        MAX_LENGTH,
        /** One of the stop digits ended it (the digit is not handed to a later collection). */
        DIGIT,
        /** Its stage was cancelled. */
        STOPPED,
        /** The endpoint closed (the caller hung up): what came before is kept. */
        CLOSED
    }

    /**
     * What and how to record.
     *
     * @param max        the longest recording; audio beyond it is not written
     * @param stopDigits digits that end the recording (e.g. {@code "#"}); may be empty
     * @param encoding   the file's encoding; null: the leg's G.711 law
     */
    public record Options(Duration max, String stopDigits, AudioEncoding encoding) {
        public Options {
            if (max == null || max.isNegative() || max.isZero()) {
                throw new IllegalArgumentException("a recording needs a positive maximum length");
            }
            stopDigits = stopDigits == null ? "" : stopDigits;
            if (!Digits.valid(stopDigits)) {
                throw new IllegalArgumentException("stop digits may only hold 0-9, *, #, A-D: '" + stopDigits + "'");
            }
        }
    }
}
