package org.plugboard.sip.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** A phone's raw UDP side, for tests that talk to a real stack on loopback: text out, text back. */
final class RawUdp {
    private RawUdp() {
    }

    static void send(DatagramSocket socket, int port, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    /** The next datagram as text (waits up to the socket's timeout). */
    static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    static String receiveStatusLine(DatagramSocket socket) throws IOException {
        String text = receive(socket);
        return text.substring(0, text.indexOf("\r\n"));
    }
}
