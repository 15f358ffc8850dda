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

    /** A phone's socket on loopback that waits at most 5 s for an answer. */
    static DatagramSocket phone() throws IOException {
        DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phone.setSoTimeout(5_000);
        return phone;
    }

    /** A REGISTER of 1001 from {@code phonePort} to a stack on {@code port}; the branch also makes its Call-ID. */
    static String register(int port, int phonePort, String branch) {
        return "REGISTER sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phonePort + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@127.0.0.1>;tag=phone\r\n"
                + "To: <sip:1001@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:1001@127.0.0.1:" + phonePort + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String receiveStatusLine(DatagramSocket socket) throws IOException {
        String text = receive(socket);
        return text.substring(0, text.indexOf("\r\n"));
    }
}
