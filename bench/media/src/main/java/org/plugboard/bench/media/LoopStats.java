package org.plugboard.bench.media;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** What one event loop saw during one step; touched by that loop's thread only, read after the step. */
final class LoopStats {
    private static final long MAX_NS = TimeUnit.SECONDS.toNanos(60);
    /** One-way latency generator -> engine -> generator of each first copy, ns. */
    final Histogram latency = new Histogram(MAX_NS, 3);
    /** How late the pacer sent each packet after its due time, ns (the generator's own lag). */
    final Histogram sendLag = new Histogram(MAX_NS, 3);
    long strays;      // ours, but of another step or an unknown stream
    long malformed;   // wrong size or no magic word
    long misrouted;   // arrived at a socket that is not the stream's receiver
    long duplicates;
    long reordered;   // a lower sequence number than one already seen
    /** Per second of the step (by send time): packets later than {@link #SLOW_NS}, and the worst latency, ns. */
    static final long SLOW_NS = TimeUnit.MILLISECONDS.toNanos(10);
    final long[] slowPerSecond = new long[SECONDS];
    final long[] maxPerSecond = new long[SECONDS];
    static final int SECONDS = 200;

    void timeline(long sentAt, long stepStart, long latency) {
        int second = (int) Math.min(SECONDS - 1, Math.max(0, (sentAt - stepStart) / 1_000_000_000L));
        if (latency > SLOW_NS) {
            slowPerSecond[second]++;
        }
        if (latency > maxPerSecond[second]) {
            maxPerSecond[second] = latency;
        }
    }

    static long clamp(long ns) {
        return ns < 0 ? 0 : Math.min(ns, MAX_NS);
    }
}
