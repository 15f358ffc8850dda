package org.plugboard.calls.internal;

import java.util.concurrent.ScheduledFuture;

/**
 * Serial executors: every event of one call runs on the same strand, one at a time, so call logic needs no locks.
 * Calls are spread over the strands by the hash of their id; timers hop onto the call's strand when they fire.
 * {@link ThreadStrands} runs them on threads; unit tests run them inline under a manual clock.
 */
interface Strands {
    int indexOf(String callKey);

    /** Runs the task on the strand after the tasks already given to it. */
    void run(int strand, Runnable task);

    /** Runs the task on the strand after {@code millis}; null when the strands are stopped. */
    ScheduledFuture<?> later(int strand, long millis, Runnable task);

    /** Stops new work and waits until every strand has finished what it was given. */
    void drain(long timeoutMillis);
}
