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

    static long clamp(long ns) {
        return ns < 0 ? 0 : Math.min(ns, MAX_NS);
    }
}
