package org.plugboard.callback.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the listener saw since the bundle started; read by the console while the I/O thread and strands count. */
final class CallbackCounters {
    final AtomicLong received = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    /** Answered with an error: malformed (400), refused by the call engine (503). */
    final AtomicLong rejected = new AtomicLong();
    /** Larger than the maximum datagram size (answered 413). */
    final AtomicLong oversized = new AtomicLong();
    /** From an address not allowed: dropped without an answer. */
    final AtomicLong disallowed = new AtomicLong();
    /** Over a sender's rate: dropped without an answer. */
    final AtomicLong flooded = new AtomicLong();
    /** A repeated ORIGINATE (same sender and id within the window): answered like the first, no second call. */
    final AtomicLong repeated = new AtomicLong();
    /** Calls ended by CANCEL. */
    final AtomicLong cancelled = new AtomicLong();
    final AtomicLong connected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Accepted calls not yet failed or ended. */
    final AtomicLong live = new AtomicLong();
    final AtomicLong sendErrors = new AtomicLong();

    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("received", received.get());
        m.put("accepted", accepted.get());
        m.put("rejected", rejected.get());
        m.put("oversized", oversized.get());
        m.put("disallowed", disallowed.get());
        m.put("flooded", flooded.get());
        m.put("repeated", repeated.get());
        m.put("cancelled", cancelled.get());
        m.put("connected", connected.get());
        m.put("failed", failed.get());
        m.put("live", live.get());
        m.put("sendErrors", sendErrors.get());
        return m;
    }
}
