package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

/**
 * Which steps of a load test a failure is charged to, now that the steps run a few seconds apart, closer than a
 * call's hold: a refused call to the step running when it was refused, a dropped call to every step that ran while
 * it was up (its BYE gets 481 a hold later, steps after the one that lost it), a SIPp timeout to every step in the
 * span its cause can lie in. Steps here: [100, 103), [103, 106), [106, 109), [109, 112); calls held 10 s.
 */
public class LoadEventsTest {
    private static final double HOLD = 10;

    /** A caller log line as uac-load.xml writes it: date, time, epoch, kind, Call-ID, details. */
    private static String line(double epoch, String kind, String callId, String what) {
        return "2026-12-07\t12:00:00.000000\t" + epoch + "\t" + kind + "\t" + callId + "\t" + what;
    }

    private static Map<String, Long> step(LoadEvents seen, double from) {
        return seen.between(from, from + 3, true);
    }

    @Test
    public void aCallDroppedAfterSeveralStepsIsChargedToEveryStepThatRanWhileItWasUp() {
        LoadEvents seen = new LoadEvents(HOLD);
        // answered at 101 (step 1), its BYE got 481 at 111 (step 4): any of steps 1 to 4 could have lost it
        seen.callerLog(String.join("\n", line(101, "ANSWERED", "c1", ""), line(111, "DROPPED", "c1", "BYE 481")));
        for (double from : new double[] {100, 103, 106, 109}) {
            assertEquals("step at " + from, Map.of("caller: dropped (BYE 481)", 1L), step(seen, from));
        }
        assertTrue("not before it was answered", seen.between(90, 100, true).isEmpty());
        assertTrue("not after it was seen to fail", seen.between(112, 200, true).isEmpty());
    }

    @Test
    public void aRefusedCallIsChargedToTheStepRunningWhenItWasRefusedOnly() {
        LoadEvents seen = new LoadEvents(HOLD);
        seen.callerLog(line(104.5, "REFUSED", "c2", "503 Service Unavailable"));
        assertTrue(step(seen, 100).isEmpty());
        assertEquals(Map.of("caller: refused 503 Service Unavailable", 1L), step(seen, 103));
        assertTrue(step(seen, 106).isEmpty());
    }

    @Test
    public void aCallThatEndedWellIsNoFailureAnywhere() {
        LoadEvents seen = new LoadEvents(HOLD);
        seen.callerLog(String.join("\n", line(101, "ANSWERED", "c3", ""), line(111, "DONE", "c3", "")));
        seen.unended();
        assertTrue(seen.between(0, Double.MAX_VALUE, true).isEmpty());
    }

    @Test
    public void anAnsweredCallNeverSeenToEndIsChargedOverItsHold() {
        LoadEvents seen = new LoadEvents(HOLD);
        seen.callerLog(line(104, "ANSWERED", "c4", ""));
        seen.unended();
        assertTrue(step(seen, 100).isEmpty());
        for (double from : new double[] {103, 106, 109}) { // 104 .. 104 + hold + 2
            assertEquals("step at " + from, Map.of("caller: answered, never ended", 1L), step(seen, from));
        }
    }

    @Test
    public void aSippTimeoutReachesBackOverTheWaitThatEndedInIt() {
        LoadEvents seen = new LoadEvents(HOLD);
        // a callee left without its BYE fails hold + 30 s after the call began: 101 + 40
        seen.sippErrors("callee", "2026-12-07\t12:00:41.000000\t141.000000: Aborting call on receive timeout");
        assertEquals(1, step(seen, 100).size());
        assertEquals(1, step(seen, 109).size());
        LoadEvents other = new LoadEvents(HOLD);
        other.sippErrors("caller", "2026-12-07\t12:00:41.000000\t141.000000: Aborting call on unexpected message");
        assertTrue("an unexpected message is charged where it came", step(other, 109).isEmpty());
    }
}
