package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * A bundle update of the relay, played with two gateways in sequence on a real in-memory hand-over store and real
 * sockets on loopback: the first hands its live sessions over, the second takes them over. Phone A keeps sending
 * to phone B all along.
 */
class HandoverTest extends RelayFixture {
    private static final RelayConfig FIRST = RelayConfig.defaults().withPorts(40100, 40199).withBindAddress("127.0.0.1")
            .withThreads(2);
    private static final String OWNER = "org.plugboard.media.local";
    private final MapStore store = new MapStore();
    private RelayGateway previous;

    /** The hand-over store as org.plugboard.handover keeps it: lists of maps by owner, taken once. */
    static final class MapStore implements HandoverStore {
        private final Map<String, List<Map<String, Object>>> deposits = new HashMap<>();

        @Override
        public synchronized void deposit(String owner, List<Map<String, Object>> states) {
            deposits.computeIfAbsent(owner, o -> new ArrayList<>()).addAll(List.copyOf(states));
        }

        @Override
        public synchronized List<Map<String, Object>> collect(String owner) {
            List<Map<String, Object>> states = deposits.remove(owner);
            return states == null ? List.of() : states;
        }
    }

    /** A first version, closed after the test unless it handed over (its threads are then the next version's). */
    private RelayGateway first() {
        previous = new RelayGateway(FIRST);
        return previous;
    }

    /** The first version's deactivation: its sessions go into the store. */
    private void handOver(RelayGateway first, long keepMillis) {
        store.deposit(OWNER, first.handOver(keepMillis));
        previous = null;
    }

    /** If a test failed before the hand-over, the first version is closed here. */
    @AfterEach
    void closePrevious() {
        if (previous != null) {
            previous.close();
        }
    }

    /** A call from A to B, answered, A's first packet latched; returns {A's relay port, B's relay port}. */
    private int[] call(MediaSession s, Phone a, Phone b) throws Exception {
        String toB = s.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port()), "127.0.0.1", "127.0.0.1");
        return new int[] {port(toA, 0), port(toB, 0)};
    }

    /** The update: the first gateway hands over into the store, a pause, the second takes over from the store. */
    private RelayGateway update(RelayGateway first, RelayConfig next, long pauseMillis, long keepMillis) throws Exception {
        handOver(first, keepMillis);
        Thread.sleep(pauseMillis); // the update's duration itself, during which packets must wait in the sockets
        RelayGateway second = new RelayGateway(next, store.collect(OWNER));
        gateway = second; // the fixture checks its pool after the test
        return second;
    }

    @Test
    void packetsKeepFlowingAcrossTheUpdateWithTheSameSessionPortsAndCounters() throws Exception {
        RelayGateway first = first();
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1"), stranger = phone("127.0.0.2");
        MediaSession s = first.open("call-upd", listener);
        int[] relay = call(s, a, b);
        int total = 600;
        AtomicInteger sent = new AtomicInteger();
        Thread sender = new Thread(() -> {
            try {
                for (int seq = 0; seq < total; seq++) {
                    a.rtp(relay[0], 0, seq, seq * 160L, 0xA, new byte[160]);
                    sent.incrementAndGet();
                    Thread.sleep(2); // pacing: 600 packets spread over the hand-over pause
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "phone-a");
        List<Integer> received = new ArrayList<>();
        Thread receiver = new Thread(() -> {
            try {
                DatagramPacket p;
                while (received.size() < total && (p = b.receive(2000)) != null) {
                    received.add(ByteBuffer.wrap(p.getData(), p.getOffset(), p.getLength()).getShort(2) & 0xffff);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "phone-b");
        receiver.start();
        sender.start();
        eventually("A's first 100 packets sent", () -> sent.get() >= 100);

        RelayGateway second = update(first, FIRST, 150, 10_000);
        assertTrue(first.sessions().isEmpty(), "nothing is left in the previous version");
        MediaSession taken = second.find(s.id()).orElseThrow();
        assertEquals("call-upd", taken.callId());
        assertEquals(4, second.ports().total() - second.ports().free(), "the session's pair per side counts as used");

        sender.join(10_000);
        receiver.join(10_000);
        assertEquals(total, received.size(), "every packet A sent reached B, those sent during the pause too");
        for (int i = 0; i < total; i++) {
            assertEquals(i, received.get(i), "in order");
        }
        StreamStats callerSide = taken.stats().get(0);
        assertEquals(relay[0], callerSide.localPort(), "the same relay port");
        assertEquals(total, callerSide.packetsIn(), "the counters went on from where the first version left them");
        assertEquals(0, callerSide.lost());
        assertTrue(callerSide.latched());
        assertEquals("127.0.0.1:" + a.port(), callerSide.remote(), "the latch was handed over");
        assertEquals(total, taken.stats().get(1).packetsOut());

        stranger.rtp(relay[0], 0, 1, 160, 0xC, new byte[160]);
        eventually("the stranger dropped by the handed-over latch", () -> stats(taken).get(0).dropped() == 1);
        assertNull(b.receive(200), "the stranger's packet did not reach B");

        b.rtp(relay[1], 0, 1, 160, 0xB, new byte[160]);
        DatagramPacket atA = a.receive(1000);
        assertNotNull(atA, "B -> A after the update");
        assertEquals(relay[0], atA.getPort(), "from the port A was told about");

        b.send(relay[1], Phone.rtpPacket(101, false, 2, 320, 0xB, Phone.dtmf(9, true, 800)));
        DtmfEvent digit = dtmf.poll(2, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(digit, "the B2BUA's listener was handed over with the session");
        assertEquals('9', digit.digit());

        s.release(); // the caller still holding the first version's object releases the session of the second
        assertTrue(second.sessions().isEmpty());
        assertEquals(second.ports().total(), second.ports().free(), "ports back in the new version's pool");
    }

    @Test
    void theOldSessionObjectForwardsSignallingToTheNewVersion() throws Exception {
        RelayGateway first = first();
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1"), video = phone("127.0.0.1");
        MediaSession s = first.open("call-reinvite", listener);
        int[] relay = call(s, a, b);
        RelayGateway second = update(first, FIRST, 0, 10_000);
        String reoffer = s.offer(Side.CALLER, audioVideo("127.0.0.1", a.port(), video.port()), "127.0.0.1", "127.0.0.1");
        assertEquals(relay[1], port(reoffer, 0), "the audio line keeps its port");
        assertTrue(port(reoffer, 1) > 0, "the new video line got ports from the new version's pool");
        s.answer(Side.CALLEE, audioVideo("127.0.0.1", b.port(), b.port() + 2), "127.0.0.1", "127.0.0.1");
        s.hold(Side.CALLEE);
        a.rtp(relay[0], 0, 1, 160, 0xA, new byte[160]);
        assertNull(b.receive(300), "held through the old object");
        s.resume(Side.CALLEE);
        a.rtp(relay[0], 0, 2, 320, 0xA, new byte[160]);
        assertNotNull(b.receive(1000), "resumed through the old object");
        assertEquals(4, s.stats().size(), "stats of the new version's session");
        assertEquals(8, second.ports().total() - second.ports().free(), "audio and video pairs in the new pool");
    }

    @Test
    void aReleaseDuringTheUpdateIsCarriedOutByTheNextVersion() throws Exception {
        RelayGateway first = first();
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = first.open("call-bye", listener);
        call(s, a, b);
        handOver(first, 10_000);
        s.release(); // a BYE while no version runs
        RelayGateway second = new RelayGateway(FIRST, store.collect(OWNER));
        gateway = second;
        assertTrue(second.sessions().isEmpty(), "released as soon as it was taken over");
        assertEquals(second.ports().total(), second.ports().free());
    }

    @Test
    void aChangedPortRangeLeavesHandedOverSessionsOnTheirPorts() throws Exception {
        RelayGateway first = first();
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = first.open("call-range", listener);
        int[] relay = call(s, a, b);
        RelayGateway second = update(first, FIRST.withPorts(40200, 40299), 0, 10_000);
        assertEquals(second.ports().total(), second.ports().free(), "ports outside the new range are not counted");
        a.rtp(relay[0], 0, 1, 160, 0xA, new byte[160]);
        assertNotNull(b.receive(1000), "still relayed on its old ports");
        MediaSession fresh = second.open("call-new", listener);
        String toB = fresh.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        assertTrue(port(toB, 0) >= 40200 && port(toB, 0) <= 40299, "a new call uses the new range");
        fresh.release();
        s.release();
        assertTrue(canBind(relay[0]) && canBind(relay[1]), "the old ports are closed by the release all the same");
    }

    @Test
    void sessionsNobodyTakesOverAreClosedAfterTheHandoverTime() throws Exception {
        RelayGateway first = first();
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = first.open("call-orphan", listener);
        int[] relay = call(s, a, b);
        handOver(first, 300); // and no next version comes
        assertFalse(canBind(relay[0]), "the sockets stay open while a next version may come");
        eventually("the guard closed the sockets", () -> canBind(relay[0]) && canBind(relay[0] + 1) && canBind(relay[1]));
        MediaException gone = assertThrows(MediaException.class, s::stats);
        assertEquals(Kind.NO_SESSION, gone.kind());
        s.release(); // never throws
        RelayGateway late = new RelayGateway(FIRST, store.collect(OWNER));
        gateway = late;
        assertTrue(late.sessions().isEmpty(), "a version that comes too late takes nothing over");
    }

    @Test
    void aGatewayWithoutLiveSessionsHandsNothingOver() {
        RelayGateway first = first();
        assertTrue(first.handOver(10_000).isEmpty(), "nothing to hand over: the first version simply stopped");
        previous = null;
        RelayGateway second = new RelayGateway(FIRST, store.collect(OWNER));
        gateway = second;
        assertTrue(second.sessions().isEmpty());
        assertEquals(second.ports().total(), second.ports().free());
    }

    private static boolean canBind(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port))) {
            return true;
        } catch (SocketException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<StreamStats> stats(MediaSession s) {
        try {
            return s.stats();
        } catch (MediaException e) {
            throw new AssertionError(e);
        }
    }
}
