package org.plugboard.media.relay;

import io.netty.buffer.ByteBuf;

/** What a datagram on a relay socket is, from its first bytes, its port and its line's transport. */
enum PacketKind {
    /** RTP with a whole header: counted, inspected for loss, jitter and DTMF. */
    RTP,
    /** RTCP, on the RTCP port or muxed on the RTP port (RFC 5761). */
    RTCP,
    /** Relayed unread: udptl (T.38), DTLS records on a DTLS-SRTP line. */
    OTHER,
    /** Empty, not version 2, or shorter than its header says: dropped. */
    BAD;

    static PacketKind of(Stream stream, ByteBuf buf, boolean onRtcpPort) {
        int length = buf.readableBytes();
        if (length == 0) {
            return BAD;
        }
        if (stream.udptl || (stream.dtls && Rtp.dtls(buf))) {
            return OTHER;
        }
        if (onRtcpPort) {
            return length >= 8 && Rtp.version(buf) == 2 ? RTCP : BAD;
        }
        if (length >= 8 && Rtp.version(buf) == 2 && Rtp.rtcpOnRtpPort(buf)) {
            return RTCP; // a receiver report alone is 8 bytes, shorter than an RTP header
        }
        if (length < Rtp.HEADER || Rtp.version(buf) != 2) {
            return BAD;
        }
        return Rtp.payloadOffset(buf) < 0 ? BAD : RTP;
    }
}
