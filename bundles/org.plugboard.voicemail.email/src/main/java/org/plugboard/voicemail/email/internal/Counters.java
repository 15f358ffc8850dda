package org.plugboard.voicemail.email.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What {@code pbx:vm-email-list} shows: mails sent, failed for good, retries made, waiting, and the last failure. */
public final class Counters {
    /** A failure as the console shows it. */
    public record LastError(Instant at, String what) {
    }

    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong pending = new AtomicLong();
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    void error(Instant at, String what) {
        lastError.set(new LastError(at, what));
    }

    /** @return the last failure (a retry or a mail given up), or null when none */
    LastError lastError() {
        return lastError.get();
    }

    /** An immutable copy for the console. */
    public Snapshot snapshot() {
        return new Snapshot(sent.get(), failed.get(), retried.get(), pending.get(), lastError.get());
    }

    public record Snapshot(long sent, long failed, long retried, long pending, LastError lastError) {
    }
}
