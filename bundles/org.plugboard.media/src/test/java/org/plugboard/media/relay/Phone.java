package org.plugboard.media.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A phone's media socket for the tests: a real UDP socket on loopback, ports 40500-40999. */
final class Phone implements AutoCloseable {
    private static int next = 40500;
    final DatagramSocket socket;

    private Phone(DatagramSocket socket) {
        this.socket = socket;
    }

    static Phone on(String ip) throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = nextPort();
            try {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port));
                return new Phone(s);
            } catch (SocketException busy) {
                // taken: try the next
            }
        }
        throw new IOException("no free test port in 40500-40999");
    }

    private static synchronized int nextPort() {
        int p = next;
        next = next >= 40999 ? 40500 : next + 1;
        return p;
    }

    int port() {
        return socket.getLocalPort();
    }

    String ip() {
        return socket.getLocalAddress().getHostAddress();
    }

    void send(int relayPort, byte[] data) throws IOException {
        socket.send(new DatagramPacket(data, data.length, InetAddress.getByName("127.0.0.1"), relayPort));
    }

    void rtp(int relayPort, int pt, int seq, long timestamp, long ssrc, byte[] payload) throws IOException {
        send(relayPort, rtpPacket(pt, false, seq, timestamp, ssrc, payload));
    }

    /** The next datagram within the timeout, or null. */
    DatagramPacket receive(int timeoutMillis) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(timeoutMillis);
        try {
            socket.receive(p);
            return p;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    static byte[] data(DatagramPacket p) {
        return Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
    }

    static byte[] rtpPacket(int pt, boolean marker, int seq, long timestamp, long ssrc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq).putInt((int) timestamp)
                .putInt((int) ssrc).put(payload);
        return b.array();
    }

    /** An RTCP receiver report (packet type 201), 8 bytes. */
    static byte[] rtcpReceiverReport(long ssrc) {
        return ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt((int) ssrc).array();
    }

    /** An RFC 4733 event payload. */
    static byte[] dtmf(int event, boolean end, int duration) {
        return new byte[] {(byte) event, (byte) (end ? 0x80 | 10 : 10), (byte) (duration >> 8), (byte) duration};
    }

    @Override
    public void close() {
        socket.close();
    }
}
