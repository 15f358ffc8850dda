package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** What the packet path makes of a datagram, by port and by the line's transport. */
class PacketKindTest {
    private static final byte[] VOICE = new byte[160];

    private static Stream line(String proto) throws Exception {
        Stream s = new Stream(0);
        s.transport(Sdp.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 "
                + proto + " 0\r\n").media().get(0));
        return s;
    }

    private static PacketKind kind(Stream line, byte[] bytes, boolean onRtcpPort) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return PacketKind.of(line, buf, onRtcpPort);
        } finally {
            buf.release();
        }
    }

    @Test
    void onAnRtpPort() throws Exception {
        Stream rtp = line("RTP/AVP");
        assertEquals(PacketKind.RTP, kind(rtp, Phone.rtpPacket(0, false, 1, 160, 7, VOICE), false));
        assertEquals(PacketKind.RTP, kind(rtp, Phone.rtpPacket(0, false, 1, 160, 7, new byte[0]), false), "a bare header");
        assertEquals(PacketKind.RTCP, kind(rtp, Phone.rtcpReceiverReport(7), false), "rtcp-mux (RFC 5761), 8 bytes");
        assertEquals(PacketKind.BAD, kind(rtp, new byte[0], false));
        assertEquals(PacketKind.BAD, kind(rtp, new byte[11], false), "shorter than a header");
        byte[] version1 = Phone.rtpPacket(0, false, 1, 160, 7, VOICE);
        version1[0] = 0x40;
        assertEquals(PacketKind.BAD, kind(rtp, version1, false));
        byte[] csrcs = Phone.rtpPacket(0, false, 1, 160, 7, new byte[8]);
        csrcs[0] = (byte) 0x83; // three CSRCs announced, two fit
        assertEquals(PacketKind.BAD, kind(rtp, csrcs, false));
    }

    @Test
    void onAnRtcpPort() throws Exception {
        Stream rtp = line("RTP/AVP");
        assertEquals(PacketKind.RTCP, kind(rtp, Phone.rtcpReceiverReport(7), true));
        assertEquals(PacketKind.RTCP, kind(rtp, Phone.rtpPacket(0, false, 1, 160, 7, VOICE), true), "whatever its type");
        assertEquals(PacketKind.BAD, kind(rtp, new byte[7], true));
        byte[] version0 = Phone.rtcpReceiverReport(7);
        version0[0] = 0;
        assertEquals(PacketKind.BAD, kind(rtp, version0, true));
    }

    @Test
    void udptlAndDtlsRecordsAreRelayedUnread() throws Exception {
        assertEquals(PacketKind.OTHER, kind(line("udptl"), new byte[] {0, 1, 2}, false), "T.38");
        Stream dtls = line("UDP/TLS/RTP/SAVP");
        assertEquals(PacketKind.OTHER, kind(dtls, new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0}, false), "a handshake record");
        assertEquals(PacketKind.RTP, kind(dtls, Phone.rtpPacket(0, false, 1, 160, 7, VOICE), false), "SRTP beside it");
        assertEquals(PacketKind.BAD, kind(line("RTP/SAVP"), new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0}, false),
                "no DTLS on a plain SRTP line");
        assertEquals(PacketKind.BAD, kind(line("udptl"), new byte[0], false), "empty is bad everywhere");
    }
}
