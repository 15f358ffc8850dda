package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;

/** Symmetric latching and the anti-hijack rule. */
class LatchingTest extends RelayFixture {
    private static final byte[] VOICE = {9, 9, 9, 9};

    /** Caller's SDP names {@code sdpPort}; returns {toA, toB} relay ports. */
    private int[] call(MediaSession s, String callerIp, int sdpPort, String callerSignalling, Phone b) throws Exception {
        String toB = s.offer(Side.CALLER, audio(callerIp, sdpPort), callerSignalling, "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port()), "127.0.0.1", "127.0.0.1");
        return new int[] {port(toA, 0), port(toB, 0)};
    }

    @Test
    void aSourcePortOtherThanTheSdpsLatchesTheNatCase() throws Exception {
        start(CONFIG);
        Phone sdpPort = phone("127.0.0.1"), natted = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-nat", listener);
        int[] relay = call(s, "127.0.0.1", sdpPort.port(), "127.0.0.1", b);

        b.rtp(relay[1], 0, 1, 0, 0xB, VOICE);
        assertNotNull(sdpPort.receive(1000), "before any packet from the caller: its SDP address");
        assertFalse(s.stats().get(0).latched());

        natted.rtp(relay[0], 0, 1, 0, 0xA, VOICE);
        assertNotNull(b.receive(1000));
        b.rtp(relay[1], 0, 2, 160, 0xB, VOICE);
        DatagramPacket back = natted.receive(1000);
        assertNotNull(back, "after the caller's first packet: its source address and port");
        assertEquals(relay[0], back.getPort());
        assertNull(sdpPort.receive(100));
        assertTrue(s.stats().get(0).latched());
        assertEquals("127.0.0.1:" + natted.port(), s.stats().get(0).remote());
        s.release();
    }

    @Test
    void aStrangerAfterTheLatchIsDroppedAndCounted() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), stranger = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-stranger", listener);
        int[] relay = call(s, "127.0.0.1", a.port(), "127.0.0.1", b);
        a.rtp(relay[0], 0, 1, 0, 0xA, VOICE);
        assertNotNull(b.receive(1000));
        stranger.rtp(relay[0], 0, 1, 0, 0x5, VOICE);
        assertNull(b.receive(200), "same IP, other port, while the latched source is active: dropped");
        RelayTest.stats(s);
        eventually("counted", () -> RelayTest.stats(s).get(0).dropped() == 1);
        b.rtp(relay[1], 0, 1, 0, 0xB, VOICE);
        assertNotNull(a.receive(1000), "the callee still reaches the latched caller");
        assertNull(stranger.receive(100));
        s.release();
    }

    @Test
    void anIpOtherThanTheSdpsAndTheSignallingsIsNeverLatched() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), foreign = phone("127.0.0.2"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-hijack", listener);
        int[] relay = call(s, "127.0.0.1", a.port(), "127.0.0.1", b);
        foreign.rtp(relay[0], 0, 1, 0, 0x5, VOICE);
        assertNull(b.receive(200), "127.0.0.2 is neither the SDP's nor the signalling IP");
        eventually("counted", () -> RelayTest.stats(s).get(0).dropped() == 1);
        assertFalse(s.stats().get(0).latched());
        b.rtp(relay[1], 0, 1, 0, 0xB, VOICE);
        assertNotNull(a.receive(1000), "media for the caller still goes to its SDP address");
        assertNull(foreign.receive(100));
        s.release();
    }

    @Test
    void theSignallingAddressMayLatchToo() throws Exception {
        start(CONFIG);
        Phone behindNat = phone("127.0.0.2"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-signalling", listener);
        // The SDP names a private address the relay cannot reach; the INVITE came from 127.0.0.2.
        int[] relay = call(s, "10.99.99.99", 4000, "127.0.0.2", b);
        behindNat.rtp(relay[0], 0, 1, 0, 0xA, VOICE);
        assertNotNull(b.receive(1000));
        b.rtp(relay[1], 0, 1, 0, 0xB, VOICE);
        assertNotNull(behindNat.receive(1000));
        s.release();
    }

    @Test
    void latchAnyAddressAcceptsAnyIpForNewSessions() throws Exception {
        start(CONFIG);
        gateway.reconfigure(CONFIG.withLatchAnyAddress(true));
        Phone anywhere = phone("127.0.0.2"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-any", listener);
        int[] relay = call(s, "127.0.0.1", 4000, "127.0.0.1", b);
        anywhere.rtp(relay[0], 0, 1, 0, 0xA, VOICE);
        assertNotNull(b.receive(1000));
        s.release();
    }

    @Test
    void aSilentLatchMovesToANewSourceAfterTheRelatchTime() throws Exception {
        start(CONFIG.withRelatchAfterMillis(300));
        Phone first = phone("127.0.0.1"), rebound = phone("127.0.0.1"), foreign = phone("127.0.0.2"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-rebind", listener);
        int[] relay = call(s, "127.0.0.1", first.port(), "127.0.0.1", b);
        first.rtp(relay[0], 0, 1, 0, 0xA, VOICE);
        assertNotNull(b.receive(1000));
        rebound.rtp(relay[0], 0, 2, 160, 0xA, VOICE);
        assertNull(b.receive(150), "too early: the latched source spoke less than 300 ms ago");
        Thread.sleep(400); // the latched source must be silent longer than the 300 ms re-latch time
        foreign.rtp(relay[0], 0, 3, 320, 0xA, VOICE);
        assertNull(b.receive(150), "silence does not open the door to a foreign IP");
        rebound.rtp(relay[0], 0, 4, 480, 0xA, VOICE);
        assertNotNull(b.receive(1000), "after 300 ms of silence the NAT's new mapping takes over");
        b.rtp(relay[1], 0, 1, 0, 0xB, VOICE);
        assertNotNull(rebound.receive(1000));
        assertNull(first.receive(100));
        s.release();
    }

    @Test
    void aNewSdpWithAnotherAddressResetsTheLatch() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), moved = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-move", listener);
        int[] relay = call(s, "127.0.0.1", a.port(), "127.0.0.1", b);
        a.rtp(relay[0], 0, 1, 0, 0xA, VOICE);
        assertNotNull(b.receive(1000));
        // re-INVITE from the caller: new port
        String toB = s.offer(Side.CALLER, audio("127.0.0.1", moved.port()), "127.0.0.1", "127.0.0.1");
        assertEquals(relay[1], port(toB, 0), "a re-offer keeps the ports");
        s.answer(Side.CALLEE, audio("127.0.0.1", b.port()), "127.0.0.1", "127.0.0.1");
        assertFalse(s.stats().get(0).latched());
        b.rtp(relay[1], 0, 2, 160, 0xB, VOICE);
        assertNotNull(moved.receive(1000), "to the new SDP address");
        assertNull(a.receive(100));
        s.release();
    }
}
