package org.plugboard.media.endpoint;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/** One-shot timers of a leg: the event loop's in the engine, a manual clock in tests. */
interface Timers {
    /** A timer that can be cancelled (cancelling one that fired does nothing). */
    interface Timer {
        void cancel();
    }

    Timer after(long millis, Runnable task);

    /** The timers of an event loop: tasks run on the loop. */
    static Timers of(EventLoop loop) {
        return (millis, task) -> {
            ScheduledFuture<?> f = loop.schedule(task, millis, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
