package org.plugboard.sip.internal.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Reads the file back as a pcap reader would, checking every header field and both checksums. */
class PcapWriterTest {
    @Test
    void ipv4AndIpv6PacketsReadBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out);
        String a = "INVITE sip:100@192.0.2.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        String b = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n!"; // odd length: checksum padding
        w.write(HepEncoderTest.captured("192.0.2.9", 5062, "192.0.2.1", 5060, "UDP", a));
        w.write(HepEncoderTest.captured("::1", 5060, "2001:db8::9", 40000, "TCP", b));
        w.flush();
        ByteBuffer f = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, f.getInt());
        assertEquals(2, f.getShort());
        assertEquals(4, f.getShort());
        f.getInt();
        f.getInt();
        assertEquals(65535, f.getInt());
        assertEquals(101, f.getInt()); // LINKTYPE_RAW

        byte[] ip = record(f, 1_765_000_000, 123_456);
        ByteBuffer p = ByteBuffer.wrap(ip);
        assertEquals(0x45, p.get(0) & 0xff);
        assertEquals(ip.length, p.getShort(2) & 0xffff);
        assertEquals(17, p.get(9));
        assertEquals(0xffff, fold(sum(ip, 0, 20, 0)), "IPv4 header checksum");
        assertArrayEquals(InetAddress.getByName("192.0.2.9").getAddress(), Arrays.copyOfRange(ip, 12, 16));
        assertArrayEquals(InetAddress.getByName("192.0.2.1").getAddress(), Arrays.copyOfRange(ip, 16, 20));
        checkUdp(ip, 20, Arrays.copyOfRange(ip, 12, 16), Arrays.copyOfRange(ip, 16, 20), 5062, 5060, a);

        byte[] ip6 = record(f, 1_765_000_000, 123_456);
        ByteBuffer q = ByteBuffer.wrap(ip6);
        assertEquals(6, (q.get(0) & 0xff) >> 4);
        assertEquals(ip6.length - 40, q.getShort(4) & 0xffff);
        assertEquals(17, q.get(6));
        assertArrayEquals(InetAddress.getByName("::1").getAddress(), Arrays.copyOfRange(ip6, 8, 24));
        checkUdp(ip6, 40, Arrays.copyOfRange(ip6, 8, 24), Arrays.copyOfRange(ip6, 24, 40), 5060, 40000, b);
        assertEquals(0, f.remaining());
    }

    private static byte[] record(ByteBuffer f, long sec, long usec) {
        assertEquals(sec, f.getInt() & 0xffffffffL);
        assertEquals(usec, f.getInt() & 0xffffffffL);
        int incl = f.getInt();
        assertEquals(incl, f.getInt());
        byte[] data = new byte[incl];
        f.get(data);
        return data;
    }

    private static void checkUdp(byte[] ip, int at, byte[] src, byte[] dst, int sport, int dport, String payload) {
        ByteBuffer u = ByteBuffer.wrap(ip, at, ip.length - at);
        assertEquals(sport, u.getShort() & 0xffff);
        assertEquals(dport, u.getShort() & 0xffff);
        int length = u.getShort() & 0xffff;
        assertEquals(ip.length - at, length);
        long pseudo = sum(src, 0, src.length, 0);
        pseudo = sum(dst, 0, dst.length, pseudo) + 17 + length;
        assertEquals(0xffff, fold(sum(ip, at, length, pseudo)), "UDP checksum");
        assertEquals(payload, new String(ip, at + 8, length - 8, StandardCharsets.UTF_8));
    }

    private static long sum(byte[] b, int from, int length, long start) {
        long s = start;
        for (int i = 0; i < length; i += 2) {
            s += ((b[from + i] & 0xff) << 8) | (i + 1 < length ? b[from + i + 1] & 0xff : 0);
        }
        return s;
    }

    private static int fold(long s) {
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) s;
    }
}
