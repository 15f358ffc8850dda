package org.plugboard.calls.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One CDR sink's failures and what is said about them, bounded: the first failure at WARN with its cause, then one
 * line per interval while it keeps failing, one INFO line when it works again. Used by the sink's writer thread only.
 */
final class SinkFailures {
    private final String sink;
    private final CdrQueue.Log log;
    private final LongSupplier nanos;
    private final long maxRetryNanos;
    private final long intervalNanos;
    private long failures;
    private long failingSince;
    private long lastReport;

    SinkFailures(String sink, CdrQueue.Log log, LongSupplier nanos, long maxRetryNanos, long intervalNanos) {
        this.sink = sink;
        this.log = log;
        this.nanos = nanos;
        this.maxRetryNanos = maxRetryNanos;
        this.intervalNanos = intervalNanos;
    }

    /** Failed attempts since the sink last worked. */
    long count() {
        return failures;
    }

    void failed(String what, Throwable x, IntSupplier heldBack) {
        long now = nanos.getAsLong();
        failures++;
        if (failures == 1) {
            failingSince = now;
            lastReport = now;
            log.log("WARN", "CDR sink " + sink + " failed to " + what + "; retrying (every "
                    + TimeUnit.NANOSECONDS.toMillis(maxRetryNanos) + " ms at most) until it works, other sinks go on: " + x, x);
        } else if (now - lastReport >= intervalNanos) {
            lastReport = now;
            log.log("WARN", "CDR sink " + sink + " still failing after " + TimeUnit.NANOSECONDS.toSeconds(now - failingSince)
                    + " s (" + failures + " attempts), " + heldBack.getAsInt() + " record(s) held back for it: " + x, null);
        }
    }

    /** The sink worked: says so once if it had been failing. */
    void recovered(IntSupplier heldBack) {
        if (failures == 0) {
            return;
        }
        log.log("INFO", "CDR sink " + sink + " works again after " + TimeUnit.NANOSECONDS.toSeconds(nanos.getAsLong() - failingSince)
                + " s and " + failures + " failed attempt(s); writing the " + heldBack.getAsInt() + " record(s) held back for it", null);
        failures = 0;
    }
}
