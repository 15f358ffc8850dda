package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;
import org.plugboard.media.relay.RelayConfig;
import org.plugboard.media.relay.RelayGateway;

/**
 * NgMediaGateway -> NgServer (ng on 127.0.0.1:22234) -> the real in-process relay (ports 42200-42399), phones'
 * sockets on ephemeral ports: the media node's path end to end, on loopback.
 */
@Timeout(60)
class NgServerTest {
    static final String NODE = "127.0.0.1:22234";

    private RelayGateway relay;
    private NgServer server;
    private NgMediaGateway gateway;
    private RtpPeer caller;
    private RtpPeer callee;

    @BeforeEach
    void setUp() throws Exception {
        start(RelayConfig.defaults().withPorts(42200, 42399).withBindAddress("127.0.0.1").withInactivityTimeout(60).withThreads(1));
        gateway = new NgMediaGateway("node1", NODE, 500, 2, 1, 2);
        caller = new RtpPeer(0, 0x11111111);
        callee = new RtpPeer(0, 0x22222222);
    }

    private void start(RelayConfig config) {
        relay = new RelayGateway(config);
        server = new NgServer(NODE, relay, 2, 30);
    }

    @AfterEach
    void tearDown() {
        if (gateway != null) {
            gateway.sessions().forEach(MediaSession::release);
            gateway.deactivate();
        }
        server.deactivate();
        relay.close();
        caller.close();
        callee.close();
    }

    @Test
    void mediaFlowsThroughTheNodeAndStatsComeBack() throws Exception {
        int totalFree = relay.ports().free();
        MediaSession session = gateway.open("call-1", new RecordingListener());
        String offer = session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", "127.0.0.1");
        int towardCaller = Sdps.audioPort(offer);
        assertTrue(towardCaller >= 42200 && towardCaller <= 42399, offer);
        assertTrue(offer.contains("s=" + Sdps.SESSION_NAME + "\r\n"), "non-ASCII SDP survives the node: " + offer);
        int towardCallee = Sdps.audioPort(session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", "127.0.0.1"));
        assertEquals(1, server.liveCalls());
        assertEquals(1, relay.sessions().size());

        assertNotNull(callee.sendUntilReceived(towardCaller, caller, 50), "callee -> caller through the node");
        assertNotNull(caller.sendUntilReceived(towardCallee, callee, 50), "caller -> callee through the node");
        for (int i = 0; i < 10; i++) {
            byte[] sent = caller.send(towardCallee);
            byte[] got = callee.receive(1000);
            assertNotNull(got, "packet " + i);
            assertArrayEquals(sent, got, "the relay passes RTP unchanged");
        }

        List<StreamStats> stats = session.stats();
        assertEquals(2, stats.size(), stats.toString());
        StreamStats callerSide = stats.get(0);
        assertEquals(Side.CALLER, callerSide.side());
        assertEquals(towardCallee, callerSide.localPort());
        assertEquals("127.0.0.1:" + caller.port(), callerSide.remote());
        assertTrue(callerSide.latched(), callerSide.toString());
        assertTrue(callerSide.packetsIn() >= 11, callerSide.toString());
        assertTrue(callerSide.packetsOut() >= 1, "the node reports what it sent: " + callerSide);
        assertTrue(callerSide.lost() >= 0 && callerSide.jitterMillis() >= 0, callerSide.toString());
        assertTrue(callerSide.lastPacketMillis() > System.currentTimeMillis() - 10_000, callerSide.toString());
        assertEquals(Side.CALLEE, stats.get(1).side());
        assertEquals(towardCaller, stats.get(1).localPort());

        session.release();
        // delete is sent asynchronously and the relay closes its sockets on its own threads
        Eventually.until("the call deleted on the node and its ports back", 2000,
                () -> server.liveCalls() == 0 && relay.sessions().isEmpty() && relay.ports().free() == totalFree);
        assertEquals(0, server.liveCalls(), "delete reached the node");
        assertTrue(relay.sessions().isEmpty());
        assertEquals(totalFree, relay.ports().free(), "every port went back to the pool");
    }

    @Test
    void theAsyncOfferAndAnswerGiveTheSameSdpAsTheBlockingOnes() throws Exception {
        MediaSession blocking = gateway.open("call-blocking", new RecordingListener());
        String offer = blocking.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null);
        String answer = blocking.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null);

        MediaSession async = gateway.open("call-async", new RecordingListener());
        // as a strand does: the answer is given when the offer's stage has completed
        CompletableFuture<String> asyncOffer = new CompletableFuture<>();
        String asyncAnswer = async.offerAsync(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null)
                .thenCompose(sdp -> {
                    asyncOffer.complete(sdp);
                    return async.answerAsync(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null);
                }).toCompletableFuture().get(5, TimeUnit.SECONDS);

        // the relay's ports differ between two sessions; every other byte is the same
        assertEquals(withoutPorts(offer), withoutPorts(asyncOffer.get()));
        assertEquals(withoutPorts(answer), withoutPorts(asyncAnswer));
        int towardCaller = Sdps.audioPort(asyncOffer.get());
        int towardCallee = Sdps.audioPort(asyncAnswer);
        assertNotNull(callee.sendUntilReceived(towardCaller, caller, 50), "callee -> caller through the async session");
        assertNotNull(caller.sendUntilReceived(towardCallee, callee, 50), "caller -> callee through the async session");
        assertEquals(2, async.stats().size(), "both sides known to the node");
    }

    @Test
    void aSlowConsumerOfAnOfferDoesNotStallTheSocket() throws Exception {
        MediaSession session = gateway.open("call-slow", new RecordingListener());
        CountDownLatch consumer = new CountDownLatch(1);
        CountDownLatch consuming = new CountDownLatch(1);
        try {
            session.offerAsync(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null).thenAccept(sdp -> {
                consuming.countDown();
                try {
                    consumer.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(consuming.await(5, TimeUnit.SECONDS), "the offer completed");
            // while that consumer holds its thread, the socket keeps reading replies
            assertTrue(gateway.ping(), "ping answered while a consumer is stuck");
            MediaSession other = gateway.open("call-other", new RecordingListener());
            assertTrue(other.offer(Side.CALLER, Sdps.audio(callee.port()), "127.0.0.1", null).contains("m=audio"),
                    "another session's offer completes on the other reply thread");
        } finally {
            consumer.countDown();
        }
    }

    private static String withoutPorts(String sdp) {
        return sdp.replaceAll("m=(audio|video) \\d+ ", "m=$1 PORT ").replaceAll("a=rtcp:\\d+", "a=rtcp:PORT");
    }

    @Test
    void aRestartedClientAdoptsItsSessionFromTheNodeWithItsCallId() throws Exception {
        MediaSession session = gateway.open("b2bua-call-9", new RecordingListener());
        session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null);
        session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null);
        NgMediaGateway restarted = new NgMediaGateway("node1", NODE, 500, 2, 1, 2);
        try {
            MediaSession adopted = restarted.find(session.id()).orElseThrow();
            assertEquals("b2bua-call-9", adopted.callId());
            assertEquals(2, adopted.stats().size());
        } finally {
            restarted.deactivate();
        }
    }

    @Test
    void holdThroughTheNodeStopsBothDirections() throws Exception {
        MediaSession session = gateway.open("call-hold", new RecordingListener());
        int towardCaller = Sdps.audioPort(session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null));
        int towardCallee = Sdps.audioPort(session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null));
        assertNotNull(caller.sendUntilReceived(towardCallee, callee, 50));
        assertNotNull(callee.sendUntilReceived(towardCaller, caller, 50));
        session.hold(Side.CALLEE);
        caller.drain();
        callee.drain();
        for (int i = 0; i < 5; i++) {
            caller.send(towardCallee);
            callee.send(towardCaller);
        }
        assertNull(callee.receive(300));
        assertNull(caller.receive(100));
        session.resume(Side.CALLEE);
        assertNotNull(caller.sendUntilReceived(towardCallee, callee, 50), "relayed again after resume");
    }

    @Test
    void aRetransmittedOfferIsExecutedOnceAndAnsweredAlike() throws Exception {
        int free = relay.ports().free();
        try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Map<String, Object> offer = NgCommands.offer("retransmitted", Side.CALLER, false, Sdps.audio(42100), "127.0.0.1");
            byte[] datagram = NgCodec.encode("cookie-1", offer);
            byte[] first = exchange(pbx, datagram);
            byte[] second = exchange(pbx, datagram);
            assertArrayEquals(first, second, "the same reply from the cache");
            assertEquals(Ng.OK, NgCodec.decode(first).dict().string(Ng.RESULT));
            assertEquals(1, relay.sessions().size(), "one session, not two");
            assertEquals(free - 4, relay.ports().free(), "one RTP/RTCP pair per side, allocated once");
            assertEquals(1, server.answeredFromCache.get());
            // the same cookie from another sender is another command
            try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                NgDict reply = NgCodec.decode(exchange(other, NgCodec.encode("cookie-1", NgCommands.ping()))).dict();
                assertEquals(Ng.PONG, reply.string(Ng.RESULT));
            }
        }
    }

    @Test
    void malformedDatagramsAreDroppedAndCountedAndTheServerKeepsAnswering() throws Exception {
        try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            pbx.setSoTimeout(300);
            List<byte[]> junk = List.of("garbage".getBytes(StandardCharsets.US_ASCII),
                    "c1 d3:abc2000000000:xe".getBytes(StandardCharsets.US_ASCII),
                    "c2 l4:spame".getBytes(StandardCharsets.US_ASCII), new byte[0],
                    "c3 d7:command4:pinge trailing".getBytes(StandardCharsets.US_ASCII));
            for (byte[] j : junk) {
                pbx.send(new DatagramPacket(j, j.length, Addresses.parse(NODE, "node")));
            }
            byte[] buf = new byte[2048];
            assertThrows(java.net.SocketTimeoutException.class, () -> pbx.receive(new DatagramPacket(buf, buf.length)));
            assertEquals(junk.size(), server.malformed.get());
            assertEquals(Ng.PONG, NgCodec.decode(exchange(pbx, NgCodec.encode("ok-1", NgCommands.ping()))).dict().string(Ng.RESULT));
        }
    }

    @Test
    void refusalsComeBackAsErrorsWithTheRightKind() throws Exception {
        MediaSession session = gateway.open("call-bad", new RecordingListener());
        MediaException bad = assertThrows(MediaException.class, () -> session.offer(Side.CALLER, "garbage", null, null));
        assertEquals(MediaException.Kind.BAD_SDP, bad.kind(), bad.getMessage());
        assertEquals(0, server.liveCalls(), "a failed first offer leaves nothing behind");
        assertTrue(relay.sessions().isEmpty());

        String noMedia = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n";
        MediaException none = assertThrows(MediaException.class, () -> session.offer(Side.CALLER, noMedia, null, null));
        assertTrue(none.kind() == MediaException.Kind.NO_USABLE_MEDIA || none.kind() == MediaException.Kind.BAD_SDP,
                none.kind() + ": " + none.getMessage());

        assertEquals("Unknown call-id", call(NgCommands.query("nope")).string(Ng.ERROR_REASON));
        assertTrue(call(Map.of(Ng.COMMAND, "publish")).string(Ng.ERROR_REASON).startsWith("Unrecognized command"));
        assertEquals("No command given", call(Map.of("call-id", "x")).string(Ng.ERROR_REASON));
        assertEquals("No sdp in message", call(Map.of(Ng.COMMAND, Ng.OFFER, Ng.CALL_ID, "x", Ng.FROM_TAG, "a")).string(Ng.ERROR_REASON));
        assertEquals(Ng.UNKNOWN_CALL_ID, call(NgCommands.answer("nope", Side.CALLER, Side.CALLEE, Sdps.audio(42102), null)).string(Ng.ERROR_REASON));
        NgDict deleted = call(NgCommands.delete("nope"));
        assertEquals(Ng.OK, deleted.string(Ng.RESULT));
        assertNotNull(deleted.string(Ng.WARNING));

        // a third party in one call is refused, the call itself stays
        assertEquals(Ng.OK, call(offer("three", "a", Sdps.audio(42100))).string(Ng.RESULT));
        assertEquals(Ng.OK, call(answer("three", "a", "b", Sdps.audio(42102))).string(Ng.RESULT));
        assertTrue(call(offer("three", "c", Sdps.audio(42104))).string(Ng.ERROR_REASON).contains("two tags"));
        assertTrue(call(answer("three", "a", "a", Sdps.audio(42102))).string(Ng.ERROR_REASON).contains("not the other party"));
        assertEquals(Ng.OK, call(NgCommands.delete("three")).string(Ng.RESULT));
        assertEquals(0, server.liveCalls());
    }

    @Test
    void keysAreReadTheWayRtpengineReadsThem() throws Exception {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("command", "offer");
        offer.put("call id", "spaced");
        offer.put("from_tag", "a");
        offer.put("sdp", Sdps.audio(42100));
        offer.put("received from", List.of("IP4", "127.0.0.1"));
        assertEquals(Ng.OK, call(offer).string(Ng.RESULT));
        assertEquals(1, server.liveCalls());
        assertEquals(Ng.OK, call(Map.of("command", "delete", "call-id", "spaced")).string(Ng.RESULT));
    }

    @Test
    void aCallTheNodeFindsInactiveIsReleasedThereAndReportedLostToTheClient() throws Exception {
        tearDown();
        start(RelayConfig.defaults().withPorts(42200, 42399).withBindAddress("127.0.0.1").withInactivityTimeout(1).withThreads(1));
        caller = new RtpPeer(0, 1);
        callee = new RtpPeer(0, 2);
        gateway = new NgMediaGateway("node1", NODE, 500, 2, 1, 0);
        RecordingListener events = new RecordingListener();
        MediaSession session = gateway.open("call-idle", events);
        session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null);
        session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null);
        String event = events.next(8000);
        assertNotNull(event, "reported");
        assertTrue(event.startsWith("failed: ") && event.contains("Unknown call-id"), event);
        assertEquals(0, server.liveCalls());
        assertTrue(relay.sessions().isEmpty(), "the node gave the ports back");
    }

    private static Map<String, Object> offer(String callId, String fromTag, String sdp) {
        return Map.of(Ng.COMMAND, Ng.OFFER, Ng.CALL_ID, callId, Ng.FROM_TAG, fromTag, Ng.SDP, sdp);
    }

    private static Map<String, Object> answer(String callId, String fromTag, String toTag, String sdp) {
        return Map.of(Ng.COMMAND, Ng.ANSWER, Ng.CALL_ID, callId, Ng.FROM_TAG, fromTag, Ng.TO_TAG, toTag, Ng.SDP, sdp);
    }

    private NgDict call(Map<String, Object> command) throws MediaException {
        return gateway.transport().call(command);
    }

    private static byte[] exchange(DatagramSocket socket, byte[] datagram) throws Exception {
        socket.setSoTimeout(2000);
        socket.send(new DatagramPacket(datagram, datagram.length, Addresses.parse(NODE, "node")));
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return Arrays.copyOf(buf, p.getLength());
    }
}
