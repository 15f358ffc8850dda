package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;

/**
 * What the Debian rtpengine (10.5) offers a media application over ng, measured against the real daemon (ng
 * 44001, media 44100-44199, DTMF log 44010, phone 44051, callee 44052): {@code play media} of a file to one party
 * with its duration as the only completion; RFC 4733 digits only through {@code --dtmf-log-dest} JSON; {@code play
 * DTMF} refused before media flowed; {@code start/stop recording} writing a pcap and metadata in its own
 * recording-dir; and no endpoint capability in its pong. The README's "rtpengine and media applications" rests on it.
 */
class RtpengineMediaTest {
    static final int NG_PORT = 44001;
    @TempDir
    static Path dir;
    private static Rtpengine rtpengine;
    private NgMediaGateway gateway;
    private RtpPeer phone;
    private RtpPeer callee;

    @BeforeAll
    static void startEngine() throws Exception {
        Assumptions.assumeTrue(Rtpengine.installed(), "rtpengine is not installed (Debian package rtpengine-daemon)");
        Files.createDirectories(dir.resolve("rec"));
        rtpengine = Rtpengine.start(NG_PORT, 44100, 44199, "--dtmf-log-dest=127.0.0.1:44010",
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
        gateway = new NgMediaGateway("rtpengine", "127.0.0.1:" + NG_PORT, 500, 2, 1, 0);
        phone = new RtpPeer(44051, 0x1234);
        callee = new RtpPeer(44052, 0x5678);
    }

    @AfterEach
    void tearDown() {
        gateway.sessions().forEach(MediaSession::release);
        gateway.deactivate();
        phone.close();
        callee.close();
    }

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
        while (phone.receive(300) != null) {
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
        session.offer(Side.CALLER, Sdps.audio(phone.port()), "127.0.0.1", "127.0.0.1");
        int towardPhone = Sdps.audioPort(session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", "127.0.0.1"));
        try (DatagramSocket log = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 44010))) {
            log.setSoTimeout(3000);
            for (int i = 0; i < 5; i++) {
                phone.send(towardPhone);
            }
            for (int i = 0; i < 4; i++) { // event 7: start, then the end three times
                byte[] b = ByteBuffer.allocate(16).put((byte) 0x80).put((byte) ((i == 0 ? 0x80 : 0) | 101)).putShort((short) (50 + i))
                        .putInt(8000).putInt(0x1234).put((byte) 7).put((byte) (i == 0 ? 10 : 0x8a)).putShort((short) 640).array();
                phone.socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), towardPhone));
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
        MediaSession session = gateway.open("call", new RecordingListener());
        session.offer(Side.CALLER, Sdps.audio(phone.port()), "127.0.0.1", "127.0.0.1");
        session.answer(Side.CALLEE, Sdps.audio(callee.port()), "127.0.0.1", "127.0.0.1");
        return session;
    }
}
