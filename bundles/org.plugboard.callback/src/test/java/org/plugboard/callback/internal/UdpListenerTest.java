package org.plugboard.callback.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The real socket: a datagram in, the handler's answer back to the sender; a datagram too large is seen as such. */
class UdpListenerTest {
    @Test
    void answersGoBackToTheSenderAndLargeDatagramsAreSeenAsLarge() throws Exception {
        CallbackCounters counters = new CallbackCounters();
        try (UdpListener listener = UdpListener.open("127.0.0.1", 0, 64, counters,
                replies -> (sender, data, size) -> replies.send(sender, "size=" + size + " kept=" + data.length));
                DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(5000);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.localAddress().getPort());
            byte[] small = "CB/1 PING id=x".getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(small, small.length, to));
            assertEquals("size=14 kept=14\n", receive(client));
            byte[] big = new byte[1000];
            client.send(new DatagramPacket(big, big.length, to));
            assertEquals("size=65 kept=64\n", receive(client), "truncated one byte past the limit: too large");
        }
    }

    private static String receive(DatagramSocket s) throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }
}
