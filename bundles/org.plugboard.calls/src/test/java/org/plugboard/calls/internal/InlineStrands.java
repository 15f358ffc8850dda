package org.plugboard.calls.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Strands for unit tests: every task runs at once on the calling thread. A task given while another runs (a
 * re-entrant call) is queued and runs after it, in order, as it would on a single-thread executor. Timers live on
 * a {@link ManualClock}. Failures of tasks are kept for the test to assert on (production strands log them).
 */
final class InlineStrands implements Strands {
    private final ManualClock clock;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private boolean running;
    private boolean stopped;

    InlineStrands(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public int indexOf(String callKey) {
        return Math.floorMod(callKey.hashCode(), 4);
    }

    @Override
    public void run(int strand, Runnable task) {
        if (stopped) {
            return; // as ThreadStrands: a stopped strand drops the event
        }
        queue.add(task);
        if (running) {
            return;
        }
        running = true;
        try {
            for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
                try {
                    next.run();
                } catch (RuntimeException | AssertionError e) {
                    failures.add(e);
                }
            }
        } finally {
            running = false;
        }
    }

    @Override
    public ScheduledFuture<?> later(int strand, long millis, Runnable task) {
        if (stopped) {
            return null;
        }
        ScheduledFuture<?> f = clock.schedule(millis, () -> run(strand, task));
        timers.removeIf(ScheduledFuture::isDone); // as ThreadStrands: a fired or cancelled timer holds nothing
        timers.add(f);
        return f;
    }

    @Override
    public void drain(long timeoutMillis) {
        stopped = true; // nothing is queued between calls: every task already ran
        timers.forEach(f -> f.cancel(false));
    }

    /** What tasks threw: a test fails when this is not empty. */
    List<Throwable> failures() {
        return failures;
    }
}
