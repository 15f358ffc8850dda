package org.plugboard.calls.internal;

/** At most one report per interval, counting what it did not report. Not thread-safe: use it under one lock. */
final class LogThrottle {
    private final long intervalNanos;
    private long last = Long.MIN_VALUE;
    private long count;

    LogThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** One more event; @return how many since the last report, this one included. */
    long count() {
        return ++count;
    }

    /** True when a report is due now (then the count starts again). */
    boolean due(long now) {
        if (last != Long.MIN_VALUE && now - last < intervalNanos) {
            return false;
        }
        last = now;
        count = 0;
        return true;
    }
}
