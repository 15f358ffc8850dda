package org.plugboard.media.relay;

import io.netty.buffer.ByteBuf;

/** Reading RTP and RTCP headers (RFC 3550 5.1, RFC 5761 4, RFC 7983) straight from the received buffer. */
final class Rtp {
    static final int HEADER = 12;

    private Rtp() {
    }

    static int version(ByteBuf b) {
        return b.getUnsignedByte(b.readerIndex()) >> 6;
    }

    static int payloadType(ByteBuf b) {
        return b.getUnsignedByte(b.readerIndex() + 1) & 0x7f;
    }

    /** RFC 5761: an RTCP packet type 192-223 seen as marker + payload type is 64-95; 72-76 are SR, RR, SDES, BYE, APP. */
    static boolean rtcpOnRtpPort(ByteBuf b) {
        int pt = payloadType(b);
        return pt >= 72 && pt <= 76;
    }

    /** RFC 7983: a first byte of 20-63 is DTLS. */
    static boolean dtls(ByteBuf b) {
        int first = b.getUnsignedByte(b.readerIndex());
        return first >= 20 && first <= 63;
    }

    static int sequence(ByteBuf b) {
        return b.getUnsignedShort(b.readerIndex() + 2);
    }

    static long timestamp(ByteBuf b) {
        return b.getUnsignedInt(b.readerIndex() + 4);
    }

    static long ssrc(ByteBuf b) {
        return b.getUnsignedInt(b.readerIndex() + 8);
    }

    /** Offset of the payload from the reader index, past CSRCs and the header extension; -1 if the packet is shorter. */
    static int payloadOffset(ByteBuf b) {
        int start = b.readerIndex();
        int length = b.readableBytes();
        int first = b.getUnsignedByte(start);
        int offset = HEADER + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (offset + 4 > length) {
                return -1;
            }
            offset += 4 + 4 * b.getUnsignedShort(start + offset + 2);
        }
        return offset > length ? -1 : offset;
    }

    /** Payload length: what follows the header, less the padding the P bit announces; -1 if inconsistent. */
    static int payloadLength(ByteBuf b, int offset) {
        int length = b.readableBytes() - offset;
        if ((b.getUnsignedByte(b.readerIndex()) & 0x20) != 0 && length > 0) {
            length -= b.getUnsignedByte(b.readerIndex() + b.readableBytes() - 1);
        }
        return length < 0 ? -1 : length;
    }
}
