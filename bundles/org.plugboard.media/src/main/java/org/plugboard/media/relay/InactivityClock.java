package org.plugboard.media.relay;

import java.util.Map;

/**
 * The session's inactivity clock: armed when the first answer is in (a ringing call is never reported), reset by
 * every accepted packet and by a resume, paused while anything is held, and reporting once until the next packet.
 * Times are {@code System.nanoTime()} values passed in. Confined to the session's event loop.
 */
final class InactivityClock {
    private boolean armed;
    private long lastActivityNanos;
    private boolean inactiveReported;

    /** Media is up: an answer was applied. The clock starts now, not at the call's first ringing. */
    void arm(long now) {
        if (!armed) {
            armed = true;
            lastActivityNanos = now;
        }
    }

    /** A packet was accepted, or a side resumed: the clock starts over and may report again. */
    void activity(long now) {
        lastActivityNanos = now;
        inactiveReported = false;
    }

    /**
     * The periodic check: the idle time to report when nothing came for {@code timeoutNanos} and nothing is held
     * (once), else -1. While anything is held the clock does not run; it starts over afterwards.
     */
    long check(long now, long timeoutNanos, boolean anyHeld) {
        if (!armed || inactiveReported) {
            return -1;
        }
        if (anyHeld) {
            lastActivityNanos = now;
            return -1;
        }
        long idle = now - lastActivityNanos;
        if (idle < timeoutNanos) {
            return -1;
        }
        inactiveReported = true;
        return idle;
    }

    /** For the next version (nanoTime values stay valid in the same JVM); keys as the relay's hand-over map has them. */
    void save(Map<String, Object> m) {
        m.put("armed", armed);
        m.put("lastActivityNanos", lastActivityNanos);
        m.put("inactiveReported", inactiveReported);
    }

    void restore(Map<String, Object> m) {
        armed = (Boolean) m.get("armed");
        lastActivityNanos = (Long) m.get("lastActivityNanos");
        inactiveReported = (Boolean) m.get("inactiveReported");
    }
}
