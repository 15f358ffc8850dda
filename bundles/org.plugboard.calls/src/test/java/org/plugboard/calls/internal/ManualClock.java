package org.plugboard.calls.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock that moves only when a test advances it, and the timers set on it: {@link #advance} fires every timer
 * that falls due on the way, in time order (equal times in the order they were set), each at its own instant.
 */
final class ManualClock extends Clock {
    private long now;
    private long sequence;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            java.util.Comparator.comparingLong((Timer t) -> t.due).thenComparingLong(t -> t.seq));

    ManualClock(Instant start) {
        this.now = start.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock has one zone");
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public long millis() {
        return now;
    }

    /** A timer that runs {@code task} once the clock has been advanced by {@code delayMillis}. */
    ScheduledFuture<?> schedule(long delayMillis, Runnable task) {
        Timer t = new Timer(now + Math.max(0, delayMillis), sequence++, task);
        timers.add(t);
        return t;
    }

    /** Moves time forward, firing due timers in order; a timer set by a firing timer fires too if it falls due. */
    void advance(Duration d) {
        long target = now + d.toMillis();
        for (Timer t = timers.peek(); t != null && t.due <= target; t = timers.peek()) {
            timers.poll();
            if (!t.cancelled) {
                now = Math.max(now, t.due);
                t.done = true;
                t.task.run();
            }
        }
        now = target;
    }

    /** Timers not yet fired nor cancelled. */
    long pending() {
        return timers.stream().filter(t -> !t.cancelled).count();
    }

    /** Drops every timer, as a scheduler shut down with shutdownNow. */
    void cancelAll() {
        timers.forEach(t -> t.cancelled = true);
        timers.clear();
    }

    private final class Timer implements ScheduledFuture<Object> {
        final long due;
        final long seq;
        final Runnable task;
        boolean cancelled;
        boolean done;

        Timer(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - now, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            timers.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
