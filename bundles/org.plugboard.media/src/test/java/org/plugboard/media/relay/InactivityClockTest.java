package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The inactivity clock with a manual clock: times in seconds, a 10 s timeout. */
class InactivityClockTest {
    private static final long S = 1_000_000_000L;
    private static final long TIMEOUT = 10 * S;

    private final InactivityClock clock = new InactivityClock();

    @Test
    void aRingingCallIsNeverReported() {
        assertEquals(-1, clock.check(100 * S, TIMEOUT, false), "not armed before the first answer");
    }

    @Test
    void silenceForTheTimeoutIsReportedOnceUntilThePacketsComeBack() {
        clock.arm(0);
        assertEquals(-1, clock.check(10 * S - 1, TIMEOUT, false));
        assertEquals(10 * S, clock.check(10 * S, TIMEOUT, false));
        assertEquals(-1, clock.check(30 * S, TIMEOUT, false), "once");
        clock.activity(31 * S);
        assertEquals(-1, clock.check(40 * S, TIMEOUT, false));
        assertEquals(12 * S, clock.check(43 * S, TIMEOUT, false), "again after a packet and another silence");
    }

    @Test
    void aPacketRestartsTheCount() {
        clock.arm(0);
        clock.activity(8 * S);
        assertEquals(-1, clock.check(17 * S, TIMEOUT, false));
        assertEquals(10 * S, clock.check(18 * S, TIMEOUT, false));
    }

    @Test
    void theClockDoesNotRunWhileAnythingIsHeld() {
        clock.arm(0);
        assertEquals(-1, clock.check(60 * S, TIMEOUT, true));
        assertEquals(-1, clock.check(69 * S, TIMEOUT, false), "it starts over when the hold ends");
        assertEquals(10 * S, clock.check(70 * S, TIMEOUT, false));
    }

    @Test
    void aSecondAnswerDoesNotRestartIt() {
        clock.arm(0);
        clock.arm(5 * S);
        assertEquals(10 * S, clock.check(10 * S, TIMEOUT, false));
    }

    @Test
    void itsStateCrossesTheHandOver() {
        clock.arm(3 * S);
        Map<String, Object> saved = new HashMap<>();
        clock.save(saved);
        assertEquals(Map.of("armed", true, "lastActivityNanos", 3 * S, "inactiveReported", false), saved,
                "the keys every version reads");
        InactivityClock next = new InactivityClock();
        next.restore(saved);
        assertEquals(10 * S, next.check(13 * S, TIMEOUT, false));
    }
}
