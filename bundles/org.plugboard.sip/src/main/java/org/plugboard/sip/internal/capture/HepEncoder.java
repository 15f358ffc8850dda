package org.plugboard.sip.internal.capture;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a captured message as one HEP version 3 packet (the Homer encapsulation protocol): the "HEP3" id, the total
 * length, then chunks of {@code vendor 0, type, length (header included), value}, all big-endian.
 */
public final class HepEncoder {
    public static final int FAMILY = 0x01;
    public static final int PROTOCOL = 0x02;
    public static final int IPV4_SRC = 0x03;
    public static final int IPV4_DST = 0x04;
    public static final int IPV6_SRC = 0x05;
    public static final int IPV6_DST = 0x06;
    public static final int SRC_PORT = 0x07;
    public static final int DST_PORT = 0x08;
    public static final int TS_SEC = 0x09;
    public static final int TS_USEC = 0x0a;
    public static final int PROTO_TYPE = 0x0b;
    public static final int CAPTURE_ID = 0x0c;
    public static final int PAYLOAD = 0x0f;
    public static final int CORRELATION_ID = 0x11;
    /** Protocol type of a SIP payload. */
    public static final int SIP = 0x01;
    /** Largest HEP packet (its length field is 16 bits). */
    static final int MAX = 65535;

    private HepEncoder() {
    }

    public static byte[] encode(Captured m, int captureId) {
        boolean v6 = m.source().getAddress() instanceof Inet6Address;
        byte[] src = m.source().getAddress().getAddress();
        byte[] dst = m.destination().getAddress().getAddress();
        if (dst.length != src.length) { // a mapped address on one side only: keep the family of the source
            dst = new byte[src.length];
        }
        byte[] callId = m.callId() == null ? new byte[0] : m.callId().getBytes(StandardCharsets.UTF_8);
        int fixed = 6 + 7 + 7 + 2 * (6 + src.length) + 8 + 8 + 10 + 10 + 7 + 10 + 6 + (callId.length > 0 ? 6 + callId.length : 0);
        int payload = Math.min(m.bytes().length, MAX - fixed);
        ByteBuffer b = ByteBuffer.allocate(fixed + payload);
        b.put((byte) 'H').put((byte) 'E').put((byte) 'P').put((byte) '3').putShort((short) (fixed + payload));
        u8(b, FAMILY, v6 ? 0x0a : 0x02);
        u8(b, PROTOCOL, "UDP".equalsIgnoreCase(m.transport()) ? 17 : 6);
        bytes(b, v6 ? IPV6_SRC : IPV4_SRC, src, src.length);
        bytes(b, v6 ? IPV6_DST : IPV4_DST, dst, dst.length);
        u16(b, SRC_PORT, m.source().getPort());
        u16(b, DST_PORT, m.destination().getPort());
        u32(b, TS_SEC, m.epochMicros() / 1_000_000);
        u32(b, TS_USEC, m.epochMicros() % 1_000_000);
        u8(b, PROTO_TYPE, SIP);
        u32(b, CAPTURE_ID, captureId & 0xffffffffL);
        bytes(b, PAYLOAD, m.bytes(), payload);
        if (callId.length > 0) {
            bytes(b, CORRELATION_ID, callId, callId.length);
        }
        return b.array();
    }

    private static void header(ByteBuffer b, int type, int valueLength) {
        b.putShort((short) 0).putShort((short) type).putShort((short) (6 + valueLength));
    }

    private static void u8(ByteBuffer b, int type, int v) {
        header(b, type, 1);
        b.put((byte) v);
    }

    private static void u16(ByteBuffer b, int type, int v) {
        header(b, type, 2);
        b.putShort((short) v);
    }

    private static void u32(ByteBuffer b, int type, long v) {
        header(b, type, 4);
        b.putInt((int) v);
    }

    private static void bytes(ByteBuffer b, int type, byte[] v, int length) {
        header(b, type, length);
        b.put(v, 0, length);
    }
}
