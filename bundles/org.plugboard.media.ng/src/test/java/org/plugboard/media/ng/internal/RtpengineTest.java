package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * NgMediaGateway against a real rtpengine (Debian rtpengine-daemon 10.5): ng on 127.0.0.1:22230, relay ports
 * 41000-41999, phones' sockets on ephemeral ports (fixed ones inside the kernel's ephemeral range collide now and then),
 * DTMF log to 44010. Also what it offers a media application ({@code play media}, {@code play DTMF}, recording, the
 * DTMF log): the README's "rtpengine and media applications" rests on those tests.
 */
@Timeout(60)
class RtpengineTest {
    static final int NG_PORT = 22230;
    /** Where rtpengine sends its DTMF log (JSON per RFC 4733 event). */
    static final int DTMF_LOG = 44010;
    @TempDir
    static Path dir;
    private static Rtpengine rtpengine;

    private NgMediaGateway gateway;
    private RtpPeer caller;
    private RtpPeer callee;

    @BeforeAll
    static void startEngine() throws Exception {
        Assumptions.assumeTrue(Rtpengine.installed(), "rtpengine is not installed (Debian package rtpengine-daemon)");
        Files.createDirectories(dir.resolve("rec"));
        rtpengine = Rtpengine.start(NG_PORT, 41000, 41999, "--dtmf-log-dest=127.0.0.1:" + DTMF_LOG,
                "--recording-dir=" + dir.resolve("rec"), "--recording-method=pcap");
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (rtpengine != null) {
            rtpengine.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        gateway = new NgMediaGateway("rtpengine", "127.0.0.1:" + NG_PORT, 500, 2, 1, 2);
        caller = new RtpPeer(0, 0x11111111);
        callee = new RtpPeer(0, 0x22222222);
    }

    @AfterEach
    void tearDown() {
        gateway.sessions().forEach(MediaSession::release);
        gateway.deactivate();
        caller.close();
        callee.close();
    }

    @Test
    void offerAnswerRelaysRtpBothWaysAndKeepsTheSdpBytes() throws Exception {
        RecordingListener events = new RecordingListener();
        MediaSession session = gateway.open("call-1", events);
        String offer = session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", "127.0.0.1");
        // the offer goes to the callee: the callee sends to its port, which relays toward the caller
        int towardCaller = Sdps.audioPort(offer);
        assertTrue(towardCaller >= 41000 && towardCaller <= 41999, "relay port from the engine's range: " + offer);
        assertEquals("127.0.0.1", Sdps.connection(offer));
        assertTrue(offer.contains("s=" + Sdps.SESSION_NAME + "\r\n"), "non-ASCII session name survives: " + offer);
        assertTrue(offer.contains("a=rtpmap:101 telephone-event/8000"), offer);

        String answer = session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", "127.0.0.1");
        int towardCallee = Sdps.audioPort(answer);
        assertNotEquals(towardCaller, towardCallee);

        // callee -> relay port in the offer -> caller, and back
        byte[] fromCallee = callee.sendUntilReceived(towardCaller, caller, 50);
        assertNotNull(fromCallee, "RTP from the callee reached the caller");
        assertEquals(172, fromCallee.length);
        byte[] fromCaller = caller.sendUntilReceived(towardCallee, callee, 50);
        assertNotNull(fromCaller, "RTP from the caller reached the callee");
        for (int i = 0; i < 10; i++) {
            byte[] sent = caller.send(towardCallee);
            byte[] got = callee.receive(1000);
            assertNotNull(got, "packet " + i + " relayed");
            assertArrayEquals(java.util.Arrays.copyOfRange(sent, 12, sent.length), java.util.Arrays.copyOfRange(got, 12, got.length));
        }

        List<StreamStats> stats = session.stats();
        assertEquals(2, stats.size(), stats.toString());
        StreamStats callerSide = stats.get(0);
        StreamStats calleeSide = stats.get(1);
        assertEquals(Side.CALLER, callerSide.side());
        assertEquals(towardCallee, callerSide.localPort(), "the caller sends to the port in the answer");
        assertEquals("127.0.0.1:" + caller.port(), callerSide.remote());
        assertTrue(callerSide.packetsIn() >= 11, callerSide.toString());
        assertEquals(callerSide.packetsIn() * 172, callerSide.bytesIn());
        assertEquals(-1, callerSide.packetsOut(), "rtpengine does not report what it sent");
        assertTrue(callerSide.lastPacketMillis() > System.currentTimeMillis() - 10_000);
        assertEquals("audio", callerSide.media());
        assertEquals(0, callerSide.index());
        assertEquals(Side.CALLEE, calleeSide.side());
        assertEquals(towardCaller, calleeSide.localPort());
        assertTrue(calleeSide.packetsIn() >= 1, calleeSide.toString());

        session.release();
        session.release();
        assertTrue(gateway.sessions().isEmpty());
        assertThrows(MediaException.class, session::stats);
        // delete went through: the engine no longer knows the call (delete-delay 0)
        Eventually.until("the engine no longer knows the call", 2000, () -> gateway.find(session.id()).isEmpty());
        assertNull(events.next(0), "no events while media flowed");
    }

    @Test
    void holdBlocksTheMediaAndResumeRestoresIt() throws Exception {
        MediaSession session = gateway.open("call-hold", new RecordingListener());
        int towardCaller = Sdps.audioPort(session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null));
        int towardCallee = Sdps.audioPort(session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null));
        assertNotNull(caller.sendUntilReceived(towardCallee, callee, 50));

        session.hold(Side.CALLEE);
        callee.drain();
        caller.drain();
        for (int i = 0; i < 5; i++) {
            caller.send(towardCallee);
            callee.send(towardCaller);
        }
        assertNull(callee.receive(300), "nothing reaches the held callee");
        assertNull(caller.receive(100), "nothing comes from the held callee");

        session.resume(Side.CALLEE);
        assertNotNull(caller.sendUntilReceived(towardCallee, callee, 50), "relayed again after resume");
    }

    @Test
    void reOfferFromTheCalleeKeepsTheCall() throws Exception {
        MediaSession session = gateway.open("call-reinvite", new RecordingListener());
        session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null);
        session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null);
        try (RtpPeer moved = new RtpPeer(0, 0x33333333)) {
            // the callee moves its media to another port (a re-INVITE), the caller answers
            // the offer goes to the caller: its port relays toward the callee; the answer's port toward the caller
            int towardCallee = Sdps.audioPort(session.offer(Side.CALLEE, Sdps.audio(moved.port()), "127.0.0.1", null));
            int towardCaller = Sdps.audioPort(session.answer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null));
            assertNotNull(caller.sendUntilReceived(towardCallee, moved, 50), "media goes to the callee's new port");
            assertNotNull(moved.sendUntilReceived(towardCaller, caller, 50));
        }
    }

    @Test
    void asyncOfferAndAnswerRelayRtpAndAReOfferFollows() throws Exception {
        MediaSession session = gateway.open("call-async", new RecordingListener());
        CompletableFuture<String> offer = session.offerAsync(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null)
                .toCompletableFuture();
        int towardCaller = Sdps.audioPort(offer.get(5, TimeUnit.SECONDS));
        int towardCallee = Sdps.audioPort(session.answerAsync(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null)
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertNotNull(callee.sendUntilReceived(towardCaller, caller, 50), "callee -> caller");
        assertNotNull(caller.sendUntilReceived(towardCallee, callee, 50), "caller -> callee");
        try (RtpPeer moved = new RtpPeer(0, 0x33333333)) {
            // the re-offer names both tags only if the answer's reply marked the session answered
            int newTowardCallee = Sdps.audioPort(session.offerAsync(Side.CALLEE, Sdps.audio(moved.port()), "127.0.0.1", null)
                    .toCompletableFuture().get(5, TimeUnit.SECONDS));
            int newTowardCaller = Sdps.audioPort(session.answerAsync(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null)
                    .toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertNotNull(caller.sendUntilReceived(newTowardCallee, moved, 50), "media goes to the callee's new port");
            assertNotNull(moved.sendUntilReceived(newTowardCaller, caller, 50));
        }
    }

    @Test
    void inactivityIsReportedOnceAfterTheMediaStops() throws Exception {
        RecordingListener events = new RecordingListener();
        MediaSession session = gateway.open("call-idle", events);
        session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null);
        int towardCallee = Sdps.audioPort(session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null));
        // traffic for 2.5 s (longer than the 2 s timeout): no report while it flows
        long end = System.nanoTime() + 2_500_000_000L;
        while (System.nanoTime() < end) {
            caller.send(towardCallee);
            Thread.sleep(20); // pacing: a packet every 20 ms, as a phone sends
        }
        assertNull(events.next(0), "active media is not inactive");
        assertEquals("inactive", events.next(6000), "reported within timeout + 2 polls");
        assertNull(events.next(2500), "reported once");
    }

    @Test
    void aSessionTheEngineForgotIsReportedFailed() throws Exception {
        RecordingListener events = new RecordingListener();
        MediaSession session = gateway.open("call-lost", events);
        session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null);
        // as if the engine restarted: someone else deletes the call
        assertEquals(Ng.OK, gateway.transport().call(NgCommands.delete(session.id())).string(Ng.RESULT));
        String event = events.next(4000);
        assertNotNull(event, "failure reported by the poller");
        assertTrue(event.startsWith("failed: ") && event.contains("Unknown call-id"), event);
        assertNull(events.next(1500), "reported once");
    }

    @Test
    void unparsableSdpIsBadSdp() throws Exception {
        MediaSession session = gateway.open("call-bad", new RecordingListener());
        MediaException e = assertThrows(MediaException.class, () -> session.offer(Side.CALLER, "garbage", "127.0.0.1", null));
        assertEquals(MediaException.Kind.BAD_SDP, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("Failed to parse SDP"), e.getMessage());
    }

    @Test
    void answerBeforeOfferIsRefusedWithoutARoundTrip() throws Exception {
        MediaSession session = gateway.open("call-early", new RecordingListener());
        MediaException e = assertThrows(MediaException.class, () -> session.answer(Side.CALLEE, Sdps.audio(42002), null, null));
        assertEquals(MediaException.Kind.NO_SESSION, e.kind());
    }

    @Test
    void aSessionIsAdoptedByIdAfterTheClientRestarts() throws Exception {
        MediaSession session = gateway.open("call-adopt", new RecordingListener());
        session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null);
        session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", null);
        NgMediaGateway restarted = new NgMediaGateway("rtpengine", "127.0.0.1:" + NG_PORT, 500, 2, 1, 2);
        try {
            MediaSession adopted = restarted.find(session.id()).orElseThrow();
            assertEquals(session.id(), adopted.id());
            assertEquals("call-adopt", adopted.callId(), "the B2BUA's call id comes back from the offer's label");
            assertEquals(2, adopted.stats().size());
            // a re-offer from the adopted session names both tags and is accepted
            assertTrue(adopted.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", null).contains("m=audio"));
            assertTrue(restarted.find(java.util.UUID.randomUUID().toString()).isEmpty());
        } finally {
            restarted.deactivate();
        }
    }

    // ---- what rtpengine offers a media application ----

    @Test
    void playMediaReachesThePartyWithItsDurationAndStopMediaIsAccepted() throws Exception {
        MediaSession session = call();
        Path prompt = dir.resolve("tone.wav");
        Process sox = new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", prompt.toString(), "synth", "0.6",
                "sine", "1000").start();
        Assumptions.assumeTrue(sox.waitFor(10, TimeUnit.SECONDS) && sox.exitValue() == 0, "sox is installed");
        NgDict played = gateway.transport().call(NgCommands.playMedia(session.id(), Side.CALLER, prompt.toString()));
        assertEquals(Ng.OK, played.string(Ng.RESULT), played.toString());
        assertEquals(600, played.number(Ng.DURATION, -1), "the file's length is the only completion rtpengine gives");
        int packets = 0;
        while (caller.receive(300) != null) {
            packets++;
        }
        assertTrue(packets >= 25 && packets <= 35, "about 30 packets of 20 ms reached the phone: " + packets);
        assertEquals(Ng.OK, gateway.transport().call(NgCommands.stopMedia(session.id(), Side.CALLER)).string(Ng.RESULT));
    }

    @Test
    void digitsComeOnlyAsDtmfLogJsonAndPlayDtmfNeedsMediaFirst() throws Exception {
        NgDict refused = gateway.transport().call(NgCommands.playDtmf(call().id(), Side.CALLER, '5'));
        assertEquals(Ng.ERROR, refused.string(Ng.RESULT));
        assertTrue(refused.string(Ng.ERROR_REASON).contains("SSRC"), refused.toString());
        tearDown();
        setUp();
        MediaSession session = gateway.open("call-d", new RecordingListener());
        session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", "127.0.0.1");
        int towardPhone = Sdps.audioPort(session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", "127.0.0.1"));
        try (DatagramSocket log = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), DTMF_LOG))) {
            log.setSoTimeout(3000);
            for (int i = 0; i < 5; i++) {
                caller.send(towardPhone);
            }
            for (int i = 0; i < 4; i++) { // event 7: start, then the end three times
                byte[] b = ByteBuffer.allocate(16).put((byte) 0x80).put((byte) ((i == 0 ? 0x80 : 0) | 101)).putShort((short) (50 + i))
                        .putInt(8000).putInt(0x1234).put((byte) 7).put((byte) (i == 0 ? 10 : 0x8a)).putShort((short) 640).array();
                caller.socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), towardPhone));
            }
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            log.receive(p);
            String json = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            DtmfLog digit = DtmfLog.parse(json).orElseThrow(() -> new AssertionError(json));
            assertEquals(session.id(), digit.callId(), json);
            assertEquals('7', digit.digit(), json);
        }
    }

    @Test
    void recordingWritesAPcapInItsOwnDirectoryAndItsPongOffersNoEndpoints() throws Exception {
        MediaSession session = call();
        assertEquals(Ng.OK, gateway.transport().call(NgCommands.recording(session.id(), true)).string(Ng.RESULT));
        assertEquals(Ng.OK, gateway.transport().call(NgCommands.recording(session.id(), false)).string(Ng.RESULT));
        try (Stream<Path> files = Files.walk(dir.resolve("rec"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(session.id())).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".pcap")), "a pcap named by rtpengine: " + names);
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".wav")), "no WAV (that needs rtpengine-recording): " + names);
        }
        NgDict pong = gateway.transport().call(NgCommands.ping());
        assertEquals(Ng.PONG, pong.string(Ng.RESULT));
        assertFalse(pong.has(EndpointWire.CAPABILITY), "rtpengine's pong names no endpoint capability: " + pong);
        assertFalse(gateway.terminatesLegs());
    }

    /** A call between the phone (caller) and a callee socket through rtpengine. */
    private MediaSession call() throws Exception {
        MediaSession session = gateway.open("call-m", new RecordingListener());
        session.offer(Side.CALLER, Sdps.audio(caller.port()), "127.0.0.1", "127.0.0.1");
        session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", "127.0.0.1");
        return session;
    }
}
