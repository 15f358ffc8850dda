package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Side;

/**
 * The latching and anti-hijack rule on its own, with a manual clock (times in ms). The peer's SDP names
 * 127.0.0.1:4000 (a=rtcp on 127.0.0.3) and its signalling came from 127.0.0.4; the relatch time is 300 ms.
 * {@code LatchingTest} checks the same rule end to end on sockets.
 */
class LatchingRuleTest {
    private static final long MS = 1_000_000L;

    private final Latching latching = new Latching("session-1", false, 300 * MS);
    private final Endpoint peer = peer();
    private final Latch latch = peer.rtpLatch;

    private static Endpoint peer() {
        Endpoint e = new Endpoint(Side.CALLER, PortPool.NONE, 20000);
        e.stream = new Stream(0);
        try {
            e.peer(Sdp.parse(RelayFixture.audio("127.0.0.1", 4000, "a=rtcp:4001 IN IP4 127.0.0.3")).media().get(0),
                    Addresses.literal("127.0.0.4"));
        } catch (MediaException x) {
            throw new AssertionError(x);
        }
        return e;
    }

    private static InetSocketAddress from(String ip, int port) {
        return new InetSocketAddress(Addresses.literal(ip), port);
    }

    @Test
    void theSdpIpLatchesWhateverThePort() {
        assertTrue(latching.admit(peer, latch, from("127.0.0.1", 61000), 0), "behind NAT: another port");
        assertEquals(from("127.0.0.1", 61000), latch.source);
        assertEquals(from("127.0.0.1", 61000), peer.rtpDestination(), "and the relay sends back there");
    }

    @Test
    void theRtcpAddressAndTheSignallingIpMayLatchTooButNoOtherIp() {
        assertFalse(latching.admit(peer, latch, from("127.0.0.2", 4000), 0), "a stranger's IP, even on the SDP port");
        assertTrue(latching.mayLatch(peer, Addresses.literal("127.0.0.3")), "a=rtcp's address");
        assertTrue(latching.admit(peer, latch, from("127.0.0.4", 4000), 0), "the signalling IP");
    }

    @Test
    void aLatchAcceptsOnlyItsSourceUntilThatHasBeenSilentForTheRelatchTime() {
        assertTrue(latching.admit(peer, latch, from("127.0.0.1", 4000), 0));
        assertFalse(latching.admit(peer, latch, from("127.0.0.1", 4100), 100 * MS), "another port of the same IP, too early");
        assertTrue(latching.admit(peer, latch, from("127.0.0.1", 4000), 200 * MS), "the latched source, which stays fresh");
        assertFalse(latching.admit(peer, latch, from("127.0.0.1", 4100), 499 * MS), "299 ms after its last packet");
        assertFalse(latching.admit(peer, latch, from("127.0.0.2", 4100), 600 * MS), "silence does not open the door to a foreign IP");
        assertTrue(latching.admit(peer, latch, from("127.0.0.1", 4100), 600 * MS), "NAT rebinding after 400 ms of silence");
        assertEquals(from("127.0.0.1", 4100), latch.source);
        assertFalse(latching.admit(peer, latch, from("127.0.0.1", 4000), 700 * MS), "the old mapping is now the stranger");
    }

    @Test
    void sourcePortZeroNeverLatchesAsNothingCanBeSentBackThere() {
        assertFalse(latching.admit(peer, latch, from("127.0.0.1", 0), 0));
        assertEquals(null, latch.source);
    }

    @Test
    void latchAnyAddressTakesAnyIpButKeepsTheRelatchTime() {
        Latching any = new Latching("session-1", true, 300 * MS);
        assertTrue(any.admit(peer, latch, from("127.0.0.2", 4000), 0));
        assertFalse(any.admit(peer, latch, from("127.0.0.5", 4000), 100 * MS));
        assertTrue(any.admit(peer, latch, from("127.0.0.5", 4000), 400 * MS));
    }

    @Test
    void withoutAnSdpFromThatSideNothingLatches() {
        Endpoint unknown = new Endpoint(Side.CALLEE, PortPool.NONE, 20002);
        assertFalse(latching.admit(unknown, unknown.rtpLatch, from("127.0.0.1", 4000), 0));
    }
}
