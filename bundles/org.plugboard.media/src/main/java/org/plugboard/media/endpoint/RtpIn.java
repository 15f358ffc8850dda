package org.plugboard.media.endpoint;

import io.netty.buffer.ByteBuf;

/** The payload of a received RTP packet (RFC 3550 5.1): past CSRCs and a header extension, less padding. */
public final class RtpIn {
    private RtpIn() {
    }

    /** A slice of the payload, or null when the header runs past the packet. */
    public static ByteBuf payload(ByteBuf b) {
        int start = b.readerIndex();
        int length = b.readableBytes();
        int first = b.getUnsignedByte(start);
        int offset = 12 + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (offset + 4 > length) {
                return null;
            }
            offset += 4 + 4 * b.getUnsignedShort(start + offset + 2);
        }
        if (offset > length) {
            return null;
        }
        int payload = length - offset;
        if ((first & 0x20) != 0 && payload > 0) {
            payload -= Math.min(payload, b.getUnsignedByte(start + length - 1));
        }
        return b.slice(start + offset, payload);
    }
}
