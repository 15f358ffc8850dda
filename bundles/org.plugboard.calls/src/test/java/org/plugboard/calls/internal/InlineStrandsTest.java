package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.junit.jupiter.api.Test;

/** The scenario tests' time and strands behave as a single-thread executor and a timer thread would. */
class InlineStrandsTest {
    private final ManualClock clock = new ManualClock(CallsFixture.T0);
    private final InlineStrands strands = new InlineStrands(clock);
    private final List<String> ran = new ArrayList<>();

    @Test
    void aTaskGivenByARunningTaskRunsAfterIt() {
        strands.run(0, () -> {
            strands.run(0, () -> ran.add("second"));
            ran.add("first");
        });
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void timersFireInTimeOrderEachAtItsInstant() {
        strands.later(0, 2000, () -> ran.add("b@" + clock.millis()));
        strands.later(0, 1000, () -> {
            ran.add("a@" + clock.millis());
            strands.later(0, 500, () -> ran.add("c@" + clock.millis()));
        });
        strands.later(0, 5000, () -> ran.add("late"));
        clock.advance(Duration.ofSeconds(2));
        long t0 = CallsFixture.T0.toEpochMilli();
        assertEquals(List.of("a@" + (t0 + 1000), "c@" + (t0 + 1500), "b@" + (t0 + 2000)), ran);
        assertEquals(t0 + 2000, clock.millis());
        assertEquals(1, clock.pending());
    }

    @Test
    void aCancelledTimerNeverFires() {
        ScheduledFuture<?> f = strands.later(0, 1000, () -> ran.add("fired"));
        assertTrue(f.cancel(false));
        assertTrue(f.isCancelled());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), ran);
        assertFalse(f.cancel(false), "cancelled once");
    }

    @Test
    void drainedStrandsDropTimersAndNewWork() {
        strands.later(0, 1000, () -> ran.add("timer"));
        strands.drain(5000);
        strands.run(0, () -> ran.add("task"));
        assertNull(strands.later(0, 10, () -> ran.add("late")), "null when stopped, as ThreadStrands");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), ran);
    }

    @Test
    void aFailingTaskIsKeptAndTheNextOneStillRuns() {
        strands.run(0, () -> {
            strands.run(0, () -> ran.add("next"));
            throw new IllegalStateException("boom");
        });
        assertEquals(List.of("next"), ran);
        assertEquals("boom", strands.failures().get(0).getMessage());
    }
}
