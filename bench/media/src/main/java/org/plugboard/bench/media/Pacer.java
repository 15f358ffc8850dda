package org.plugboard.bench.media;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;

/**
 * Sends the streams of one event loop: packet k of stream s is due at start + k * 20 ms + s * 20 ms / streams,
 * so the load is spread evenly over each 20 ms instead of leaving in one burst. The pacer wakes once per tick,
 * sends what is due (one sendmmsg per socket through Netty's flush) and sleeps until the next packet is due,
 * but at least a tick. Each packet carries the time it was really sent, so the tick does not enter the latency.
 */
final class Pacer implements Runnable {
    static final long PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private final EventLoop loop;
    private final StepState step;
    private final LoopStats stats;
    private final int[] streams;       // the streams this loop sends, in phase order
    private final long[] phase;
    private final Channel[] sockets;   // all generator sockets, by index
    private final boolean[] dirty;
    private final long start;
    private final long tickNs;
    private final CountDownLatch done;
    private final ByteBufAllocator alloc;
    private int cursor;
    private int round;
    private volatile boolean stopped;

    Pacer(EventLoop loop, StepState step, LoopStats stats, int[] streams, Channel[] sockets, long start, long tickNs,
            CountDownLatch done) {
        this.loop = loop;
        this.step = step;
        this.stats = stats;
        this.streams = streams;
        this.sockets = sockets;
        this.dirty = new boolean[sockets.length];
        this.start = start;
        this.tickNs = tickNs;
        this.done = done;
        this.alloc = sockets[0].alloc();
        this.phase = new long[streams.length];
        for (int i = 0; i < streams.length; i++) {
            phase[i] = PERIOD_NS * streams[i] / step.streams;
        }
        if (streams.length == 0) {
            round = step.packetsPerStream;
        }
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        while (round < step.packetsPerStream && !stopped) {
            long due = start + round * PERIOD_NS + phase[cursor];
            if (due > now) {
                break;
            }
            stats.sendLag.recordValue(LoopStats.clamp(now - due));
            send(streams[cursor]);
            if (++cursor == streams.length) {
                cursor = 0;
                round++;
                now = System.nanoTime();
            }
        }
        for (int i = 0; i < dirty.length; i++) {
            if (dirty[i]) {
                dirty[i] = false;
                sockets[i].flush();
            }
        }
        if (round >= step.packetsPerStream || stopped) {
            done.countDown();
            return;
        }
        long next = start + round * PERIOD_NS + phase[cursor];
        loop.schedule(this, Math.max(next - System.nanoTime(), tickNs), TimeUnit.NANOSECONDS);
    }

    private void send(int s) {
        int src = step.source[s];
        Channel ch = sockets[src];
        ch.write(new DatagramPacket(RtpPacket.encode(alloc, s, round, step.tag, System.nanoTime()), step.target[s]),
                ch.voidPromise());
        dirty[src] = true;
        step.sent[s]++;
    }
}
