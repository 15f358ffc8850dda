package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;

/** Offers and answers: ports per m-line, refusals, re-offers from either side, errors, the pool. */
class SignallingTest extends RelayFixture {
    @Test
    void anAnswerWithPortZeroRefusesTheLineAndFreesItsPorts() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-refuse", listener);
        String toB = s.offer(Side.CALLER, audioVideo("127.0.0.1", a.port(), 5000), "127.0.0.1", "127.0.0.1");
        int total = gateway.ports().total();
        assertEquals(total - 8, gateway.ports().free(), "two lines, two sides, two ports each");
        assertNotEquals(0, port(toB, 1));
        String toA = s.answer(Side.CALLEE, audioVideo("127.0.0.1", b.port(), 0), "127.0.0.1", "127.0.0.1");
        assertNotEquals(0, port(toA, 0));
        assertEquals(0, port(toA, 1), "the caller sees the video refused too");
        assertEquals(total - 4, gateway.ports().free(), "the video ports went back");
        assertEquals(0, s.stats().get(1).localPort());
        s.release();
    }

    @Test
    void reOffersFromEitherSideKeepThePortsAndADisabledLineGivesItsPortsBack() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-reoffer", listener);
        String toB = s.offer(Side.CALLER, audioVideo("127.0.0.1", a.port(), 5000), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audioVideo("127.0.0.1", b.port(), 5002), "127.0.0.1", "127.0.0.1");

        // re-INVITE from the callee (hold): the caller is told the same ports as before
        String holdToA = s.offer(Side.CALLEE, audioVideo("127.0.0.1", b.port(), 5002).replace("a=fmtp:101 0-16\r\n",
                "a=fmtp:101 0-16\r\na=sendonly\r\n"), "127.0.0.1", "127.0.0.1");
        assertEquals(port(toA, 0), port(holdToA, 0));
        assertEquals(port(toA, 1), port(holdToA, 1));
        String holdToB = s.answer(Side.CALLER, audioVideo("127.0.0.1", a.port(), 5000), "127.0.0.1", "127.0.0.1");
        assertEquals(port(toB, 0), port(holdToB, 0));

        // re-INVITE from the caller disabling video
        int free = gateway.ports().free();
        String reToB = s.offer(Side.CALLER, audioVideo("127.0.0.1", a.port(), 0), "127.0.0.1", "127.0.0.1");
        assertEquals(port(toB, 0), port(reToB, 0));
        assertEquals(0, port(reToB, 1));
        assertEquals(free + 4, gateway.ports().free());
        s.answer(Side.CALLEE, audioVideo("127.0.0.1", b.port(), 0), "127.0.0.1", "127.0.0.1");

        // and enabling it again gets new ports
        String again = s.offer(Side.CALLER, audioVideo("127.0.0.1", a.port(), 5000), "127.0.0.1", "127.0.0.1");
        assertNotEquals(0, port(again, 1));
        assertEquals(free, gateway.ports().free());
        s.release();
    }

    @Test
    void forkedAnswersEachGetTheSamePorts() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), fork1 = phone("127.0.0.1"), fork2 = phone("127.0.0.1");
        MediaSession s = gateway.open("call-forks", listener);
        s.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        String early = s.answer(Side.CALLEE, audio("127.0.0.1", fork1.port()), "127.0.0.1", "127.0.0.1");
        String finalAnswer = s.answer(Side.CALLEE, audio("127.0.0.1", fork2.port()), "127.0.0.1", "127.0.0.1");
        assertEquals(port(early, 0), port(finalAnswer, 0));
        a.rtp(port(finalAnswer, 0), 0, 1, 0, 1, new byte[] {1});
        assertNotNull(fork2.receive(1000), "media goes to the fork that answered last");
        s.release();
    }

    @Test
    void unusableOrBadSdpIsRefusedWithTheRightKindAndTakesNoPort() throws Exception {
        start(CONFIG);
        MediaSession s = gateway.open("call-bad-sdp", listener);
        String tcpOnly = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=application 9 TCP/MRCPv2 1\r\nm=audio 0 RTP/AVP 0\r\n";
        MediaException none = assertThrows(MediaException.class, () -> s.offer(Side.CALLER, tcpOnly, null, null));
        assertEquals(Kind.NO_USABLE_MEDIA, none.kind());
        assertEquals(488, none.kind().sipStatus());
        MediaException garbage = assertThrows(MediaException.class, () -> s.offer(Side.CALLER, "\u0000\u0001garbage", null, null));
        assertEquals(Kind.BAD_SDP, garbage.kind());
        MediaException noOffer = assertThrows(MediaException.class,
                () -> s.answer(Side.CALLEE, audio("127.0.0.1", 4000), null, null));
        assertEquals(Kind.BAD_SDP, noOffer.kind());
        assertTrue(noOffer.getMessage().contains("no offer"));
        assertEquals(gateway.ports().total(), gateway.ports().free());
        s.offer(Side.CALLER, audio("127.0.0.1", 4000), null, null);
        assertEquals(Kind.BAD_SDP, assertThrows(MediaException.class,
                () -> s.answer(Side.CALLER, audio("127.0.0.1", 4000), null, null)).kind(), "answering one's own offer");
        assertEquals(Kind.BAD_SDP, assertThrows(MediaException.class,
                () -> s.answer(Side.CALLEE, audioVideo("127.0.0.1", 4000, 4002), null, null)).kind(), "more lines than offered");
        s.release();
    }

    @Test
    void anExhaustedPoolAnswersNoPortsAndRecoversOnRelease() throws Exception {
        start(CONFIG.withPorts(40100, 40103)); // two pairs: one audio session
        MediaSession first = gateway.open("call-1", listener);
        first.offer(Side.CALLER, audio("127.0.0.1", 4000), null, null);
        assertEquals(0, gateway.ports().free());
        MediaSession second = gateway.open("call-2", listener);
        MediaException e = assertThrows(MediaException.class, () -> second.offer(Side.CALLER, audio("127.0.0.1", 4002), null, null));
        assertEquals(Kind.NO_PORTS, e.kind());
        assertEquals(503, e.kind().sipStatus());
        assertEquals(0, gateway.ports().free(), "nothing leaked by the failed offer");
        first.release();
        assertEquals(4, gateway.ports().free());
        assertNotNull(second.offer(Side.CALLER, audio("127.0.0.1", 4002), null, null));
        MediaSession third = gateway.open("call-3", listener);
        MediaException half = assertThrows(MediaException.class,
                () -> third.offer(Side.CALLER, audioVideo("127.0.0.1", 4004, 4006), null, null));
        assertEquals(Kind.NO_PORTS, half.kind());
        second.release();
        third.release();
    }

    @Test
    void aPairAnotherProcessHoldsIsSkipped() throws Exception {
        start(CONFIG.withPorts(40100, 40105)); // three pairs
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40101))) {
            MediaSession s = gateway.open("call-squat", listener);
            s.offer(Side.CALLER, audio("127.0.0.1", 4000), null, null);
            assertEquals(40102, s.stats().get(0).localPort(), "40100/40101 skipped: 40101 is taken");
            assertEquals(40104, s.stats().get(1).localPort());
            assertEquals(2, gateway.ports().free(), "the skipped pair stays free in the pool");
            s.release();
        }
    }

    @Test
    void theAdvertisedAddressIsTheConfiguredOneOrTheOneTowardTheReceiver() throws Exception {
        start(CONFIG.withBindAddress("0.0.0.0"));
        MediaSession s = gateway.open("call-adv", listener);
        String toLoopback = s.offer(Side.CALLER, audio("127.0.0.1", 4000), "127.0.0.1", "127.0.0.1");
        assertTrue(toLoopback.contains("c=IN IP4 127.0.0.1\r\n"), toLoopback);
        s.release();
        gateway.reconfigure(CONFIG.withBindAddress("0.0.0.0").withAdvertisedAddress("203.0.113.5"));
        MediaSession t = gateway.open("call-adv2", listener);
        String toNat = t.offer(Side.CALLER, audio("127.0.0.1", 4000), "127.0.0.1", "127.0.0.1");
        assertTrue(toNat.contains("c=IN IP4 203.0.113.5\r\n") && toNat.contains("IN IP4 203.0.113.5\r\n"), toNat);
        t.release();
        assertThrows(IllegalArgumentException.class, () -> gateway.reconfigure(CONFIG.withAdvertisedAddress("pbx.example")));
    }

    @Test
    void aPortRangeChangeAppliesToNewSessionsAndLiveOnesKeepTheirPorts() throws Exception {
        start(CONFIG);
        MediaSession live = gateway.open("call-live", listener);
        String before = live.offer(Side.CALLER, audio("127.0.0.1", 4000), null, null);
        gateway.reconfigure(CONFIG.withPorts(40200, 40299));
        MediaSession fresh = gateway.open("call-new", listener);
        String after = fresh.offer(Side.CALLER, audio("127.0.0.1", 4000), null, null);
        assertTrue(port(before, 0) < 40100);
        assertTrue(port(after, 0) >= 40200 && port(after, 0) < 40300);
        assertEquals(port(before, 0), port(live.offer(Side.CALLER, audio("127.0.0.1", 4000), null, null), 0));
        live.release();
        fresh.release();
    }
}
