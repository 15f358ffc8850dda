package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/** Relaying between two phones on loopback: directions, RTCP, rtcp-mux, video, counters, bad packets. */
class RelayTest extends RelayFixture {
    private static final byte[] VOICE = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void relaysAudioAndVideoBothWaysFromThePortsEachPeerWasTold() throws Exception {
        start(CONFIG);
        Phone aAudio = phone("127.0.0.1"), aVideo = phone("127.0.0.1"), bAudio = phone("127.0.0.1"), bVideo = phone("127.0.0.1");
        MediaSession s = gateway.open("call-av", listener);
        String toB = s.offer(Side.CALLER, audioVideo("127.0.0.1", aAudio.port(), aVideo.port()), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audioVideo("127.0.0.1", bAudio.port(), bVideo.port()), "127.0.0.1", "127.0.0.1");
        assertTrue(toB.contains("c=IN IP4 127.0.0.1\r\n") && toA.contains("c=IN IP4 127.0.0.1\r\n"));
        assertTrue(toB.contains("o=phone 1 1 IN IP4 127.0.0.1\r\n"));

        for (int line = 0; line < 2; line++) {
            Phone a = line == 0 ? aAudio : aVideo, b = line == 0 ? bAudio : bVideo;
            int pt = line == 0 ? 0 : 96;
            a.rtp(port(toA, line), pt, 1, 160, 0xA, VOICE);
            DatagramPacket atB = b.receive(1000);
            assertNotNull(atB, "caller -> callee on m-line " + line);
            assertEquals(port(toB, line), atB.getPort(), "sent from the port the callee was told about");
            assertArrayEquals(Phone.rtpPacket(pt, false, 1, 160, 0xA, VOICE), Phone.data(atB), "relayed unchanged");

            b.rtp(port(toB, line), pt, 7, 320, 0xB, VOICE);
            DatagramPacket atA = a.receive(1000);
            assertNotNull(atA, "callee -> caller on m-line " + line);
            assertEquals(port(toA, line), atA.getPort(), "sent from the port the caller was told about");
        }
        List<StreamStats> stats = s.stats();
        assertEquals(4, stats.size());
        StreamStats callerAudio = stats.get(0);
        assertEquals(Side.CALLER, callerAudio.side());
        assertEquals("audio", callerAudio.media());
        assertEquals(port(toA, 0), callerAudio.localPort());
        assertEquals("127.0.0.1:" + aAudio.port(), callerAudio.remote());
        assertTrue(callerAudio.latched());
        assertEquals(1, callerAudio.packetsIn());
        assertEquals(20, callerAudio.bytesIn());
        assertEquals(1, callerAudio.packetsOut());
        assertTrue(callerAudio.lastPacketMillis() > 0);
        StreamStats calleeVideo = stats.get(3);
        assertEquals(Side.CALLEE, calleeVideo.side());
        assertEquals("video", calleeVideo.media());
        assertEquals(1, calleeVideo.packetsIn());
        s.release();
    }

    @Test
    void rtcpGoesBetweenTheOddPortsAndARtcpAttribute() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), aRtcp = phone("127.0.0.1"), b = phone("127.0.0.1"), bRtcp = phone("127.0.0.1");
        MediaSession s = gateway.open("call-rtcp", listener);
        String toB = s.offer(Side.CALLER, audio("127.0.0.1", a.port(), "a=rtcp:" + aRtcp.port()), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port(), "a=rtcp:" + bRtcp.port()), "127.0.0.1", "127.0.0.1");
        assertTrue(toB.contains("a=rtcp:" + (port(toB, 0) + 1) + "\r\n"), toB);

        aRtcp.send(port(toA, 0) + 1, Phone.rtcpReceiverReport(0xA));
        DatagramPacket atB = bRtcp.receive(1000);
        assertNotNull(atB, "RTCP reaches the callee's a=rtcp port");
        assertEquals(port(toB, 0) + 1, atB.getPort());
        assertArrayEquals(Phone.rtcpReceiverReport(0xA), Phone.data(atB));
        bRtcp.send(port(toB, 0) + 1, Phone.rtcpReceiverReport(0xB));
        assertNotNull(aRtcp.receive(1000), "and back");
        assertNull(a.receive(100), "nothing on the RTP port");
        s.release();
    }

    @Test
    void rtcpMuxAgreedByBothSidesSendsRtcpToTheRtpPort() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1"), bRtcp = phone("127.0.0.1");
        MediaSession s = gateway.open("call-mux", listener);
        String toB = s.offer(Side.CALLER, audio("127.0.0.1", a.port(), "a=rtcp-mux"), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port(), "a=rtcp-mux", "a=rtcp:" + bRtcp.port()),
                "127.0.0.1", "127.0.0.1");
        assertTrue(toA.contains("a=rtcp-mux\r\n"));
        a.send(port(toA, 0), Phone.rtcpReceiverReport(0xA)); // RTCP on the RTP port
        DatagramPacket atB = b.receive(1000);
        assertNotNull(atB, "muxed RTCP reaches the callee's RTP port");
        assertEquals(port(toB, 0), atB.getPort());
        assertArrayEquals(Phone.rtcpReceiverReport(0xA), Phone.data(atB));
        assertNull(bRtcp.receive(100));
        s.release();
    }

    @Test
    void withoutMuxInTheAnswerRtcpOnTheRtpPortGoesToTheRtcpPort() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1"), bRtcp = phone("127.0.0.1");
        MediaSession s = gateway.open("call-nomux", listener);
        String toB = s.offer(Side.CALLER, audio("127.0.0.1", a.port(), "a=rtcp-mux"), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port(), "a=rtcp:" + bRtcp.port()), "127.0.0.1", "127.0.0.1");
        a.send(port(toA, 0), Phone.rtcpReceiverReport(0xA));
        DatagramPacket atB = bRtcp.receive(1000);
        assertNotNull(atB, "RTCP seen on the RTP port (RFC 5761 rule) goes to the callee's RTCP port");
        assertEquals(port(toB, 0) + 1, atB.getPort());
        assertNull(b.receive(100));
        assertEquals(0, s.stats().get(0).lost(), "RTCP is not counted as RTP");
        s.release();
    }

    @Test
    void badPacketsAreDroppedAndCounted() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-bad", listener);
        s.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port()), "127.0.0.1", "127.0.0.1");
        int relay = port(toA, 0);
        a.send(relay, new byte[] {(byte) 0x80, 0, 1, 2, 3}); // truncated
        byte[] version1 = Phone.rtpPacket(0, false, 1, 0, 1, VOICE);
        version1[0] = 0x40;
        a.send(relay, version1);
        a.send(relay, "INVITE sip:x SIP/2.0\r\n".getBytes()); // not RTP
        byte[] csrcBeyondEnd = Phone.rtpPacket(0, false, 1, 0, 1, new byte[0]);
        csrcBeyondEnd[0] = (byte) 0x8f; // 15 CSRCs announced, none present
        a.send(relay, csrcBeyondEnd);
        a.send(relay + 1, new byte[] {(byte) 0x80, (byte) 201}); // truncated RTCP
        assertNull(b.receive(200), "nothing relayed");
        eventually("4 drops on RTP", () -> stats(s).get(0).dropped() == 5);
        assertEquals(0, stats(s).get(0).packetsIn());
        a.rtp(relay, 0, 1, 0, 1, VOICE);
        assertNotNull(b.receive(1000), "a good packet still goes through");
        s.release();
    }

    @Test
    void udptlIsRelayedWithoutRtpChecks() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-fax", listener);
        String fax = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=image %d udptl t38\r\n";
        s.offer(Side.CALLER, String.format(fax, a.port()), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, String.format(fax, b.port()), "127.0.0.1", "127.0.0.1");
        a.send(port(toA, 0), new byte[] {0, 1, 2});
        DatagramPacket atB = b.receive(1000);
        assertNotNull(atB);
        assertArrayEquals(new byte[] {0, 1, 2}, Phone.data(atB));
        assertEquals(-1, s.stats().get(0).lost(), "no RTP statistics for UDPTL");
        s.release();
    }

    @Test
    void lossAndJitterComeFromWhatArrives() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-loss", listener);
        s.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port()), "127.0.0.1", "127.0.0.1");
        for (int seq : new int[] {1, 2, 4, 5, 8}) {
            a.rtp(port(toA, 0), 0, seq, 160L * seq, 0xA, VOICE);
        }
        for (int i = 0; i < 5; i++) {
            assertNotNull(b.receive(1000));
        }
        eventually("5 packets in", () -> stats(s).get(0).packetsIn() == 5);
        StreamStats caller = s.stats().get(0);
        assertEquals(3, caller.lost());
        assertTrue(caller.jitterMillis() > 0, "packets sent 20 ms apart in RTP time arrive together");
        s.release();
    }

    @Test
    void nothingIsSentBeforeTheOtherSideHasAnSdp() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1");
        MediaSession s = gateway.open("call-early", listener);
        String toB = s.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        // The caller cannot know the callee-side port yet; a packet to the caller-side pair has nowhere to go.
        int callerSide = s.stats().get(0).localPort();
        assertTrue(callerSide > 0 && callerSide != port(toB, 0));
        a.rtp(callerSide, 0, 1, 0, 1, VOICE);
        eventually("dropped", () -> stats(s).get(0).dropped() == 1);
        s.release();
    }

    static List<StreamStats> stats(MediaSession s) {
        try {
            return s.stats();
        } catch (MediaException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void afterReleaseEveryCallFailsWithNoSessionAndReleaseIsIdempotent() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1");
        MediaSession s = gateway.open("call-rel", listener);
        s.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        assertTrue(gateway.find(s.id()).isPresent());
        s.release();
        s.release();
        assertFalse(gateway.find(s.id()).isPresent());
        assertEquals(gateway.ports().total(), gateway.ports().free());
        MediaException e = assertThrows(MediaException.class, () -> s.offer(Side.CALLER, audio("127.0.0.1", 4000), null, null));
        assertEquals(Kind.NO_SESSION, e.kind());
        assertEquals(Kind.NO_SESSION, assertThrows(MediaException.class, () -> s.hold(Side.CALLER)).kind());
        assertEquals(Kind.NO_SESSION, assertThrows(MediaException.class, s::stats).kind());
    }

    @Test
    void closingTheGatewayReleasesEverySession() throws Exception {
        RelayGateway g = new RelayGateway(CONFIG);
        try {
            MediaSession s = g.open("call-close", listener);
            s.offer(Side.CALLER, audio("127.0.0.1", 4000), "127.0.0.1", "127.0.0.1");
            assertEquals(g.ports().total() - 4, g.ports().free());
        } finally {
            g.close();
        }
        assertTrue(g.sessions().isEmpty());
        assertEquals(g.ports().total(), g.ports().free());
        assertEquals(Kind.ENGINE_FAILURE, assertThrows(MediaException.class, () -> g.open("late", listener)).kind());
    }
}
