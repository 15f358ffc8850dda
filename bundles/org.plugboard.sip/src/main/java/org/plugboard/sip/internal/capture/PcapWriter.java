package org.plugboard.sip.internal.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes captured messages as a libpcap file (version 2.4, microsecond timestamps, LINKTYPE_RAW: each packet starts
 * with its IP header) that Wireshark, tshark and sngrep read. Every message becomes one synthetic IPv4 or IPv6 packet
 * with a UDP header between the real addresses and ports, checksums computed; messages that went over TCP or TLS are
 * written as UDP too (their content is what matters for a SIP trace, not the stream's segments).
 */
public final class PcapWriter {
    public static final int MAGIC = 0xa1b2c3d4;
    public static final int LINKTYPE_RAW = 101;
    /** Largest UDP payload an IPv4 packet can carry. */
    static final int MAX_PAYLOAD = 65535 - 20 - 8;

    private final OutputStream out;

    /** Writes the file header at once. */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = out;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(LINKTYPE_RAW);
        out.write(h.array());
    }

    public void write(Captured m) throws IOException {
        byte[] src = m.source().getAddress().getAddress();
        byte[] dst = m.destination().getAddress().getAddress();
        if (dst.length != src.length) {
            dst = new byte[src.length];
        }
        boolean v6 = src.length == 16;
        int payload = Math.min(m.bytes().length, MAX_PAYLOAD);
        int udpLength = 8 + payload;
        int ipHeader = v6 ? 40 : 20;
        ByteBuffer p = ByteBuffer.allocate(16 + ipHeader + udpLength);
        p.order(ByteOrder.LITTLE_ENDIAN);
        p.putInt((int) (m.epochMicros() / 1_000_000)).putInt((int) (m.epochMicros() % 1_000_000));
        p.putInt(ipHeader + udpLength).putInt(ipHeader + udpLength);
        p.order(ByteOrder.BIG_ENDIAN);
        int ipStart = p.position();
        if (v6) {
            p.putInt(0x60000000).putShort((short) udpLength).put((byte) 17).put((byte) 64).put(src).put(dst);
        } else {
            p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)).putShort((short) 0).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) 17).putShort((short) 0).put(src).put(dst);
            p.putShort(ipStart + 10, (short) checksum(sum(p.array(), ipStart, 20, 0)));
        }
        int udpStart = p.position();
        p.putShort((short) m.source().getPort()).putShort((short) m.destination().getPort()).putShort((short) udpLength)
                .putShort((short) 0).put(m.bytes(), 0, payload);
        // the UDP checksum covers a pseudo header of the addresses, protocol and length (RFC 768, RFC 8200 8.1)
        long pseudo = sum(src, 0, src.length, 0);
        pseudo = sum(dst, 0, dst.length, pseudo);
        pseudo += 17 + udpLength;
        int udpSum = checksum(sum(p.array(), udpStart, udpLength, pseudo));
        p.putShort(udpStart + 6, (short) (udpSum == 0 ? 0xffff : udpSum));
        out.write(p.array());
    }

    public void flush() throws IOException {
        out.flush();
    }

    private static long sum(byte[] b, int from, int length, long start) {
        long s = start;
        for (int i = 0; i < length; i += 2) {
            int hi = b[from + i] & 0xff;
            int lo = i + 1 < length ? b[from + i + 1] & 0xff : 0;
            s += (hi << 8) | lo;
        }
        return s;
    }

    private static int checksum(long sum) {
        long s = sum;
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) (~s & 0xffff);
    }
}
