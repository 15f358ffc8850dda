package org.plugboard.recording.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes the recordings take, kept in memory (loaded from the rows at start, added to as recordings end, taken
 * from as they are deleted) against the site's limit.
 */
public final class Quota {
    private final AtomicLong used = new AtomicLong();
    private volatile long limitBytes;

    public Quota(long used, long limitBytes) {
        this.used.set(used);
        this.limitBytes = limitBytes;
    }

    public void limit(long bytes) {
        limitBytes = bytes;
    }

    public long limit() {
        return limitBytes;
    }

    public long used() {
        return used.get();
    }

    /** True when a limit is set and reached: new recordings are skipped. */
    public boolean over() {
        long limit = limitBytes;
        return limit > 0 && used.get() >= limit;
    }

    public void added(long bytes) {
        used.addAndGet(Math.max(0, bytes));
    }

    public void removed(long bytes) {
        used.updateAndGet(u -> Math.max(0, u - Math.max(0, bytes)));
    }
}
