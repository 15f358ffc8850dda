package org.plugboard.media.endpoint;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A phone's media socket for the tests: real UDP on 127.0.0.1, ports 41500-41999. */
final class RtpPeer implements AutoCloseable {
    private static int next = 41500;
    final DatagramSocket socket;
    int engineRtpPort;

    /** One packet as received, with its arrival time. */
    record Packet(long nanos, int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {
    }

    private RtpPeer(DatagramSocket socket) {
        this.socket = socket;
    }

    static RtpPeer open() throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            try {
                return new RtpPeer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), nextPort())));
            } catch (SocketException busy) {
                // taken: try the next
            }
        }
        throw new IOException("no free test port in 41500-41999");
    }

    private static synchronized int nextPort() {
        int p = next;
        next = next >= 41999 ? 41500 : next + 1;
        return p;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** An offer from this peer. */
    String offer(String formats, int ptime, String... extra) {
        StringBuilder b = new StringBuilder("v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port() + " RTP/AVP " + formats + "\r\n");
        for (String f : formats.split(" ")) {
            switch (f) {
                case "0" -> b.append("a=rtpmap:0 PCMU/8000\r\n");
                case "8" -> b.append("a=rtpmap:8 PCMA/8000\r\n");
                case "101" -> b.append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n");
                default -> { }
            }
        }
        if (ptime > 0) {
            b.append("a=ptime:").append(ptime).append("\r\n");
        }
        for (String line : extra) {
            b.append(line).append("\r\n");
        }
        return b.toString();
    }

    void rtp(int pt, boolean marker, int seq, long timestamp, long ssrc, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq).putInt((int) timestamp)
                .putInt((int) ssrc).put(payload);
        socket.send(new DatagramPacket(b.array(), b.position(), InetAddress.getLoopbackAddress(), engineRtpPort));
    }

    /** An RFC 4733 digit as a phone sends it: two progress packets, then the end packet three times. */
    void digit(char digit, int seq, long timestamp) throws IOException {
        int event = "0123456789*#ABCD".indexOf(digit);
        rtp(101, true, seq, timestamp, 0xD7, dtmf(event, false, 160));
        rtp(101, false, seq + 1, timestamp, 0xD7, dtmf(event, false, 320));
        for (int i = 0; i < 3; i++) {
            rtp(101, false, seq + 2 + i, timestamp, 0xD7, dtmf(event, true, 800));
        }
    }

    static byte[] dtmf(int event, boolean end, int duration) {
        return new byte[] {(byte) event, (byte) (end ? 0x80 | 10 : 10), (byte) (duration >> 8), (byte) duration};
    }

    /** The next packet within {@code timeoutMillis}, or null. */
    Packet receive(int timeoutMillis) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(timeoutMillis);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
        int first = b.get() & 0xFF;
        int second = b.get() & 0xFF;
        int seq = b.getShort() & 0xFFFF;
        long ts = b.getInt() & 0xFFFFFFFFL;
        long ssrc = b.getInt() & 0xFFFFFFFFL;
        if (first >> 6 != 2) {
            throw new IOException("not RTP version 2");
        }
        return new Packet(System.nanoTime(), second & 0x7f, (second & 0x80) != 0, seq, ts, ssrc,
                Arrays.copyOfRange(p.getData(), 12, p.getLength()));
    }

    /** Packets until none came for {@code quietMillis} (bounded by {@code maxPackets}). */
    List<Packet> receiveUntilQuiet(int quietMillis, int maxPackets) throws IOException {
        List<Packet> got = new ArrayList<>();
        Packet p;
        while (got.size() < maxPackets && (p = receive(got.isEmpty() ? 3000 : quietMillis)) != null) {
            got.add(p);
        }
        return got;
    }

    @Override
    public void close() {
        socket.close();
    }
}
