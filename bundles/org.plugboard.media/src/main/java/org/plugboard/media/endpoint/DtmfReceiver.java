package org.plugboard.media.endpoint;

import org.plugboard.api.media.DtmfEvent;

import io.netty.buffer.ByteBuf;

/**
 * RFC 4733 telephone events received on a terminated leg: an event is a digit once, on its first end packet; the
 * retransmitted end packets (same RTP timestamp, usually three) are ignored, and so are events beyond 15 (flash,
 * tones). Loop-confined.
 */
final class DtmfReceiver {
    private long lastEndTimestamp = -1;
    private long lastSsrc = -1;

    /** For the next version of the bundle: a retransmitted end packet after the update is still ignored. */
    long[] save() {
        return new long[] {lastEndTimestamp, lastSsrc};
    }

    void restore(long[] s) {
        lastEndTimestamp = s[0];
        lastSsrc = s[1];
    }

    /**
     * @param payload the RTP payload (reader index at its start, at least 4 bytes readable)
     * @return the digit this packet ends, or 0
     */
    char accept(long ssrc, long timestamp, ByteBuf payload) {
        if (payload.readableBytes() < 4) {
            return 0;
        }
        int start = payload.readerIndex();
        boolean end = (payload.getUnsignedByte(start + 1) & 0x80) != 0;
        if (!end || timestamp == lastEndTimestamp && ssrc == lastSsrc) {
            return 0;
        }
        lastEndTimestamp = timestamp;
        lastSsrc = ssrc;
        char digit = DtmfEvent.digitOf(payload.getUnsignedByte(start));
        return digit == '?' ? 0 : digit;
    }
}
