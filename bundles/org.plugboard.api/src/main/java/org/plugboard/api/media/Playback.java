package org.plugboard.api.media;

import java.time.Duration;

/**
 * How a prompt or tone played by {@link MediaEndpoint#play} or {@link MediaEndpoint#tone} ended. Since 1.2.
 *
 * @param ending why it ended
 * @param digit  the digit that interrupted it (barge-in), else empty
 * @param played how much audio was sent
 */
public record Playback(Ending ending, String digit, Duration played) {
    public enum Ending {
        /** Played to its end (or for its whole length). */
        COMPLETED,
        /** One of the stop digits interrupted it. */
        DIGIT,
        /** Another play or tone replaced it, or its stage was cancelled. */
        STOPPED
    }
}
