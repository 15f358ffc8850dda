package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Side;

/** The client's socket against plain UDP sockets on loopback (ports 22231-22233). */
@Timeout(30)
class NgTransportTest {

    @Test
    void anEngineThatDoesNotAnswerFailsWithinTheBound() throws Exception {
        NgMediaGateway gateway = new NgMediaGateway("dead", "127.0.0.1:22231", 200, 2, 5, 60);
        try {
            var session = gateway.open("call", new RecordingListener());
            long start = System.nanoTime();
            MediaException e = assertThrows(MediaException.class, () -> session.offer(Side.CALLER, Sdps.audio(42000), null, null));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(MediaException.Kind.ENGINE_FAILURE, e.kind());
            assertTrue(e.getMessage().contains("127.0.0.1:22231"), e.getMessage());
            assertTrue(e.getMessage().contains("600 ms"), e.getMessage());
            assertTrue(millis >= 550 && millis < 1500, "failed after " + millis + " ms (bound 600 ms)");
            assertEquals(0, gateway.transport().pending(), "nothing left waiting");
        } finally {
            gateway.deactivate();
        }
    }

    @Test
    void anSdpTooLargeForOneDatagramIsBadSdpAndNothingIsSent() throws Exception {
        NgMediaGateway gateway = new NgMediaGateway("big", "127.0.0.1:22231", 200, 0, 5, 60);
        try {
            var session = gateway.open("call", new RecordingListener());
            String huge = Sdps.audio(42000) + "a=x-filler:" + "x".repeat(70_000) + "\r\n";
            MediaException e = assertThrows(MediaException.class, () -> session.offer(Side.CALLER, huge, null, null));
            assertEquals(MediaException.Kind.BAD_SDP, e.kind(), e.getMessage());
            assertEquals(0, gateway.transport().pending());
        } finally {
            gateway.deactivate();
        }
    }

    @Test
    void aRetransmissionReusesTheCookieAndTheLateReplyIsTaken() throws Exception {
        try (DatagramSocket engine = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 22232));
                NgTransport transport = new NgTransport("slow", Addresses.parse("127.0.0.1:22232", "test"), 150, 2)) {
            engine.setSoTimeout(2000);
            var reply = transport.request(NgCommands.ping());
            List<String> cookies = new ArrayList<>();
            DatagramPacket last = null;
            for (int i = 0; i < 3; i++) {
                // ignore the first two attempts, answer the third
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                engine.receive(p);
                cookies.add(NgCodec.decode(java.util.Arrays.copyOf(p.getData(), p.getLength())).cookie());
                last = p;
            }
            assertEquals(1, cookies.stream().distinct().count(), "one cookie for every attempt: " + cookies);
            byte[] pong = NgCodec.encode(cookies.get(0), Map.of(Ng.RESULT, Ng.PONG));
            engine.send(new DatagramPacket(pong, pong.length, last.getSocketAddress()));
            assertEquals(Ng.PONG, reply.get(2, java.util.concurrent.TimeUnit.SECONDS).string(Ng.RESULT));
            // a duplicate reply is counted, not mistaken for another request's
            engine.send(new DatagramPacket(pong, pong.length, last.getSocketAddress()));
            Eventually.until("the duplicate reply read", 2000, () -> transport.strayReplies() > 0);
            assertEquals(1, transport.strayReplies());
        }
    }

    @Test
    void repliesFromAnotherAddressOrUnreadableAreDropped() throws Exception {
        try (DatagramSocket engine = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 22233));
                DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                NgTransport transport = new NgTransport("t", Addresses.parse("127.0.0.1:22233", "test"), 300, 0)) {
            engine.setSoTimeout(2000);
            var reply = transport.request(NgCommands.ping());
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            engine.receive(p);
            String cookie = NgCodec.decode(java.util.Arrays.copyOf(p.getData(), p.getLength())).cookie();
            byte[] pong = NgCodec.encode(cookie, Map.of(Ng.RESULT, Ng.PONG));
            stranger.send(new DatagramPacket(pong, pong.length, p.getSocketAddress()));
            byte[] junk = (cookie + " d6:result").getBytes();
            engine.send(new DatagramPacket(junk, junk.length, p.getSocketAddress()));
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> reply.get(2, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof NgTimeoutException, e.toString());
            assertEquals(2, transport.strayReplies());
        }
    }
}
