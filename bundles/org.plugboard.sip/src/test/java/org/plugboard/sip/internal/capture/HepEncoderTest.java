package org.plugboard.sip.internal.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HepEncoderTest {
    static Captured captured(String src, int sport, String dst, int dport, String transport, String text) throws Exception {
        return new Captured(false, transport, new InetSocketAddress(InetAddress.getByName(src), sport),
                new InetSocketAddress(InetAddress.getByName(dst), dport), 1_765_000_000_123_456L,
                text.getBytes(StandardCharsets.UTF_8), "call-1@x", Set.of("100"), "INVITE sip:100@x");
    }

    @Test
    void ipv4UdpMessageReadsBackChunkByChunk() throws Exception {
        String sip = "INVITE sip:100@192.0.2.1 SIP/2.0\r\nCall-ID: call-1@x\r\n\r\n";
        byte[] packet = HepEncoder.encode(captured("192.0.2.9", 5062, "192.0.2.1", 5060, "UDP", sip), 2001);
        HepPacket p = HepPacket.parse(packet, packet.length);
        assertEquals(packet.length, p.totalLength());
        assertEquals(2, p.u8(HepEncoder.FAMILY));
        assertEquals(17, p.u8(HepEncoder.PROTOCOL));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 9}, p.chunks().get(HepEncoder.IPV4_SRC));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, p.chunks().get(HepEncoder.IPV4_DST));
        assertEquals(5062, p.u16(HepEncoder.SRC_PORT));
        assertEquals(5060, p.u16(HepEncoder.DST_PORT));
        assertEquals(1_765_000_000L, p.u32(HepEncoder.TS_SEC));
        assertEquals(123_456L, p.u32(HepEncoder.TS_USEC));
        assertEquals(1, p.u8(HepEncoder.PROTO_TYPE));
        assertEquals(2001L, p.u32(HepEncoder.CAPTURE_ID));
        assertEquals(sip, p.text(HepEncoder.PAYLOAD));
        assertEquals("call-1@x", p.text(HepEncoder.CORRELATION_ID));
        assertFalse(p.chunks().containsKey(HepEncoder.IPV6_SRC));
    }

    @Test
    void ipv6TcpMessageCarriesSixteenByteAddresses() throws Exception {
        byte[] packet = HepEncoder.encode(captured("2001:db8::9", 40000, "::1", 5060, "TCP", "OPTIONS sip:x SIP/2.0\r\n\r\n"),
                -1);
        HepPacket p = HepPacket.parse(packet, packet.length);
        assertEquals(10, p.u8(HepEncoder.FAMILY));
        assertEquals(6, p.u8(HepEncoder.PROTOCOL));
        assertArrayEquals(InetAddress.getByName("2001:db8::9").getAddress(), p.chunks().get(HepEncoder.IPV6_SRC));
        assertArrayEquals(InetAddress.getByName("::1").getAddress(), p.chunks().get(HepEncoder.IPV6_DST));
        assertEquals(40000, p.u16(HepEncoder.SRC_PORT));
        assertEquals(0xffffffffL, p.u32(HepEncoder.CAPTURE_ID));
    }

    @Test
    void anOversizedPayloadIsCutToFitTheSixteenBitLength() throws Exception {
        byte[] packet = HepEncoder.encode(captured("192.0.2.9", 1, "192.0.2.1", 2, "TCP", "x".repeat(70_000)), 1);
        assertEquals(65535, packet.length);
        HepPacket p = HepPacket.parse(packet, packet.length);
        assertEquals(65535, p.totalLength());
    }
}
