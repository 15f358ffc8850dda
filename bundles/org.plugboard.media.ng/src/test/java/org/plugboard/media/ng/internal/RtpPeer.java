package org.plugboard.media.ng.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A phone's media socket on loopback: sends real RTP packets (PCMU, 20 ms) and receives what the relay sends. */
final class RtpPeer implements AutoCloseable {
    final DatagramSocket socket;
    private final int ssrc;
    private int seq;

    RtpPeer(int port, int ssrc) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.ssrc = ssrc;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** An RTP packet: version 2, PT 0, sequence, timestamp, SSRC, then 160 bytes of payload marked with the sequence. */
    byte[] send(int toPort) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) (seq & 0x7f));
        b.put(payload);
        seq++;
        byte[] packet = b.array();
        socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), toPort));
        return packet;
    }

    /** The next datagram within {@code millis}, or null. */
    byte[] receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
            return Arrays.copyOf(buf, p.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Sends up to {@code attempts} packets 20 ms apart until one arrives at {@code to}; returns the first received. */
    byte[] sendUntilReceived(int toPort, RtpPeer to, int attempts) throws IOException {
        for (int i = 0; i < attempts; i++) {
            send(toPort);
            byte[] got = to.receive(20);
            if (got != null) {
                return got;
            }
        }
        return null;
    }

    /** Drops whatever waits in the socket. */
    void drain() throws IOException {
        for (int i = 0; i < 1000 && receive(1) != null; i++) {
            // bounded
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
