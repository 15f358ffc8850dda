package org.plugboard.calls.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production strands: one single-thread executor per strand and one timer thread. */
final class ThreadStrands implements Strands {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadStrands.class);

    private final ExecutorService[] strands;
    private final java.util.concurrent.ScheduledThreadPoolExecutor timers;
    /** Events refused after the strands stopped (a bundle update hands the calls over; late engine events are lost). */
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

    ThreadStrands(int count) {
        strands = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            strands[i] = Executors.newSingleThreadExecutor(named("plugboard-call-strand-" + i));
        }
        timers = new java.util.concurrent.ScheduledThreadPoolExecutor(1, named("plugboard-call-timers"));
        // every answered call sets a max.call.duration timer (4 h) and cancels it when it ends: kept until due, the
        // cancelled timers of an hour at 200 calls/s would be 720,000 objects in the queue (issue 18)
        timers.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, n.getAndIncrement() == 0 ? name : name + "-" + n.get());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public int indexOf(String callKey) {
        return Math.floorMod(callKey.hashCode(), strands.length);
    }

    @Override
    public void run(int strand, Runnable task) {
        try {
            strands[strand].execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("A call event failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8...: bounded, and the count says how many
                LOG.warn("Call strands are stopped (the bundle is stopping): {} call event(s) dropped so far", n);
            }
        }
    }

    @Override
    public ScheduledFuture<?> later(int strand, long millis, Runnable task) {
        try {
            return timers.schedule(() -> run(strand, task), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
    }

    /** Timers waiting in the queue, cancelled ones included if any were kept (for tests). */
    int queuedTimers() {
        return timers.getQueue().size();
    }

    @Override
    public void drain(long timeoutMillis) {
        timers.shutdownNow();
        for (ExecutorService s : strands) {
            s.shutdown();
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (ExecutorService s : strands) {
            try {
                s.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
