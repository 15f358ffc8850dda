package org.plugboard.media.relay;

import org.plugboard.api.media.DtmfEvent;

import io.netty.buffer.ByteBuf;

/**
 * RFC 4733 telephone events in the RTP a side sends: an event is reported once, on the first packet with its end
 * bit (senders repeat the end packet, usually three times, with the same RTP timestamp). Packets are relayed
 * unchanged either way. Not on SRTP lines, whose payload is encrypted.
 */
final class TelephoneEvents {
    private TelephoneEvents() {
    }

    /**
     * The event that ends with this packet of {@code from}'s telephone-event payload type, or null (not an end,
     * a repeated end, encrypted, or too short). Remembers the event's timestamp in {@code from}.
     */
    static DtmfEvent ended(Endpoint from, boolean secure, ByteBuf buf, int payloadType, long timestamp) {
        int offset = Rtp.payloadOffset(buf);
        if (secure || Rtp.payloadLength(buf, offset) < 4) {
            return null;
        }
        int start = buf.readerIndex() + offset;
        boolean end = (buf.getUnsignedByte(start + 1) & 0x80) != 0;
        if (!end || timestamp == from.lastDtmfTimestamp) {
            return null;
        }
        from.lastDtmfTimestamp = timestamp;
        int clock = Math.max(1, from.clockRate(payloadType));
        int durationMillis = (int) (buf.getUnsignedShort(start + 2) * 1000L / clock);
        return new DtmfEvent(from.side, DtmfEvent.digitOf(buf.getUnsignedByte(start)), durationMillis);
    }
}
