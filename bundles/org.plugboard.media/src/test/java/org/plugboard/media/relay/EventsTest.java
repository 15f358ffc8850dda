package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;

/** What the listener hears (DTMF, inactivity) and hold/resume. */
class EventsTest extends RelayFixture {
    private static final byte[] VOICE = {1, 1, 1, 1};

    private int[] call(MediaSession s, Phone a, Phone b, String... callerExtra) throws Exception {
        String toB = s.offer(Side.CALLER, audio("127.0.0.1", a.port(), callerExtra), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port()), "127.0.0.1", "127.0.0.1");
        return new int[] {port(toA, 0), port(toB, 0)};
    }

    @Test
    void aTelephoneEventIsRelayedUnchangedAndReportedOnceOnItsEnd() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-dtmf", listener);
        int[] relay = call(s, a, b);
        int seq = 1;
        for (int d = 160; d <= 480; d += 160) {
            a.rtp(relay[0], 101, seq++, 8000, 0xA, Phone.dtmf(5, false, d));
        }
        for (int i = 0; i < 3; i++) { // the end packet, sent three times
            a.rtp(relay[0], 101, seq++, 8000, 0xA, Phone.dtmf(5, true, 800));
        }
        for (int i = 0; i < 6; i++) {
            byte[] got = Phone.data(b.receive(1000));
            assertEquals(101, got[1] & 0x7f);
        }
        assertEquals(new DtmfEvent(Side.CALLER, '5', 100), dtmf.poll(1, TimeUnit.SECONDS), "800 units at 8000 Hz");
        a.rtp(relay[0], 101, seq++, 9600, 0xA, Phone.dtmf(11, true, 1600));
        assertNotNull(b.receive(1000));
        assertEquals(new DtmfEvent(Side.CALLER, '#', 200), dtmf.poll(1, TimeUnit.SECONDS), "a new timestamp is a new event");
        b.rtp(relay[1], 101, 1, 4000, 0xB, Phone.dtmf(10, true, 400));
        assertArrayEquals(Phone.rtpPacket(101, false, 1, 4000, 0xB, Phone.dtmf(10, true, 400)), Phone.data(a.receive(1000)));
        assertEquals(new DtmfEvent(Side.CALLEE, '*', 50), dtmf.poll(1, TimeUnit.SECONDS));
        assertNull(dtmf.poll(100, TimeUnit.MILLISECONDS), "no event twice");
        s.release();
    }

    @Test
    void holdStopsBothDirectionsOfThatSideAndResumeRestoresThem() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-hold", listener);
        int[] relay = call(s, a, b);
        s.hold(Side.CALLEE);
        a.rtp(relay[0], 0, 1, 0, 0xA, VOICE);
        b.rtp(relay[1], 0, 1, 0, 0xB, VOICE);
        assertNull(b.receive(200), "nothing to the held side");
        assertNull(a.receive(100), "nothing from the held side");
        eventually("both counted", () -> RelayTest.stats(s).get(0).dropped() == 1 && RelayTest.stats(s).get(1).dropped() == 1);
        s.resume(Side.CALLEE);
        a.rtp(relay[0], 0, 2, 160, 0xA, VOICE);
        assertNotNull(b.receive(1000));
        b.rtp(relay[1], 0, 2, 160, 0xB, VOICE);
        assertNotNull(a.receive(1000));
        s.release();
    }

    @Test
    void inactivityIsReportedOnceOnlyForAnAnsweredCallWithNothingHeld() throws Exception {
        start(CONFIG.withInactivityTimeout(1));
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession silent = gateway.open("call-silent", listener);
        call(silent, a, b);
        MediaSession heldByService = gateway.open("call-held", listener);
        call(heldByService, a, b);
        heldByService.hold(Side.CALLER);
        MediaSession heldBySdp = gateway.open("call-sendonly", listener);
        call(heldBySdp, a, b, "a=sendonly");
        MediaSession ringing = gateway.open("call-ringing", listener);
        ringing.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        MediaSession talking = gateway.open("call-talking", listener);
        int[] relay = call(talking, a, b);

        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) { // 2.4 s of voice, one packet every 200 ms
            a.rtp(relay[0], 0, i, 160L * i, 0xA, VOICE);
            Thread.sleep(200); // pacing, not waiting: the talking call must stay active past the 1 s timeout
        }
        talking.release(); // it would go silent now
        assertEquals(silent.id(), inactive.poll(0, TimeUnit.SECONDS), "the silent call, after about a second");
        assertNull(inactive.poll(600, TimeUnit.MILLISECONDS), "once, and for no other call");
        assertTrue(System.nanoTime() - start < 5_000_000_000L);

        heldByService.resume(Side.CALLER);
        assertEquals(heldByService.id(), inactive.poll(2500, TimeUnit.MILLISECONDS), "the timer runs again after resume");
        assertNull(inactive.poll(300, TimeUnit.MILLISECONDS), "held by SDP and ringing calls never");
        for (MediaSession s : new MediaSession[] {silent, heldByService, heldBySdp, ringing}) {
            s.release();
        }
    }
}
