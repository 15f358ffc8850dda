package org.plugboard.media.mix;

import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * RTP headers for what a mix sends to a party of a relayed call: a stream of its own (random SSRC, sequence and
 * timestamp start, the marker on the first packet), so the party's jitter buffer sees a new source, not a gap in the
 * other party's stream. Confined to the session's loop.
 */
final class RtpWriter {
    private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextLong(1L << 32);
    private boolean marker = true;

    ByteBuf packet(ByteBufAllocator alloc, int payloadType, byte[] payload, int length) {
        ByteBuf b = alloc.directBuffer(12 + length);
        b.writeByte(0x80);
        b.writeByte((marker ? 0x80 : 0) | payloadType);
        b.writeShort(sequence);
        b.writeInt((int) timestamp);
        b.writeInt((int) ssrc);
        b.writeBytes(payload, 0, length);
        marker = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + length) & 0xFFFFFFFFL;
        return b;
    }

    long ssrc() {
        return ssrc;
    }
}
