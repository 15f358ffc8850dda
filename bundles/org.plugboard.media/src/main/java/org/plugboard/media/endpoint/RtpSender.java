package org.plugboard.media.endpoint;

import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The RTP header of what a leg sends (RFC 3550 5.1): one SSRC, a sequence number that grows by one per packet, a
 * timestamp that grows by the samples sent and, across a pause, by the time that passed (so the peer's jitter
 * buffer sees the pause as time), and the marker bit on the first packet of each talkspurt. Random starting
 * values. Loop-confined.
 */
final class RtpSender {
    private final long ssrc;
    private int sequence;
    private long timestamp;
    private long lastNanos = Long.MIN_VALUE;
    private int lastSamples;
    private boolean marker = true;

    RtpSender() {
        this(ThreadLocalRandom.current().nextLong(1L << 32), ThreadLocalRandom.current().nextInt(1 << 16),
                ThreadLocalRandom.current().nextLong(1L << 32));
    }

    RtpSender(long ssrc, int sequence, long timestamp) {
        this.ssrc = ssrc;
        this.sequence = sequence;
        this.timestamp = timestamp;
    }

    long ssrc() {
        return ssrc;
    }

    /** The header state as JDK values, for the next version of the bundle: the peer sees one unbroken stream. */
    long[] save() {
        return new long[] {ssrc, sequence, timestamp, lastNanos, lastSamples, marker ? 1 : 0};
    }

    static RtpSender restore(long[] s) {
        RtpSender r = new RtpSender(s[0], (int) s[1], s[2]);
        r.lastNanos = s[3];
        r.lastSamples = (int) s[4];
        r.marker = s[5] != 0;
        return r;
    }

    /**
     * A talkspurt starts at {@code nowNanos}: the next packet has the marker bit, and its timestamp is later than
     * the last packet's by the time that passed (at least the last packet's samples).
     */
    void talkspurt(long nowNanos) {
        marker = true;
        if (lastNanos != Long.MIN_VALUE) {
            long elapsed = (nowNanos - lastNanos) * 8 / 1_000_000; // samples at 8000 Hz
            timestamp = (timestamp + Math.max(0, elapsed - lastSamples)) & 0xFFFFFFFFL;
        }
    }

    /** The next packet: header and payload; the caller sends it. */
    ByteBuf packet(ByteBufAllocator alloc, int payloadType, byte[] payload, long nowNanos) {
        ByteBuf b = alloc.directBuffer(12 + payload.length);
        b.writeByte(0x80);
        b.writeByte((marker ? 0x80 : 0) | payloadType);
        b.writeShort(sequence);
        b.writeInt((int) timestamp);
        b.writeInt((int) ssrc);
        b.writeBytes(payload);
        marker = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + payload.length) & 0xFFFFFFFFL;
        lastNanos = nowNanos;
        lastSamples = payload.length;
        return b;
    }
}
