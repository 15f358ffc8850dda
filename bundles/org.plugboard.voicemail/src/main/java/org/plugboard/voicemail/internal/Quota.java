package org.plugboard.voicemail.internal;

import java.time.Duration;
import java.util.List;

/**
 * How much a mailbox may hold: at most {@code maxMessages} messages and {@code maxSeconds} seconds of audio in all
 * (0: no limit), each message at most {@code maxMessageSeconds} long.
 */
record Quota(int maxMessages, long maxSeconds, int maxMessageSeconds) {
    Quota {
        if (maxMessages < 0 || maxSeconds < 0 || maxMessageSeconds < 1) {
            throw new IllegalArgumentException("quota limits must be 0 or more and a message at least 1 s long");
        }
    }

    boolean full(List<Message> messages) {
        return maxMessages > 0 && messages.size() >= maxMessages
                || maxSeconds > 0 && seconds(messages) >= maxSeconds;
    }

    /** The longest recording that still fits. */
    Duration room(List<Message> messages) {
        long left = maxSeconds == 0 ? maxMessageSeconds : Math.min(maxMessageSeconds, maxSeconds - seconds(messages));
        return Duration.ofSeconds(Math.max(1, left));
    }

    static long seconds(List<Message> messages) {
        return messages.stream().mapToLong(Message::seconds).sum();
    }
}
