package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.junit.jupiter.api.Test;

/** The production strands' timers (issue 18: what an ended call leaves behind in them). */
class ThreadStrandsTest {

    @Test
    void aCancelledTimerLeavesTheQueueAtOnceNotWhenItWouldHaveFired() {
        ThreadStrands strands = new ThreadStrands(2);
        try {
            List<ScheduledFuture<?>> maxDurations = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) { // as 1,000 answered calls arm max.call.duration
                maxDurations.add(strands.later(i % 2, 4 * 3600_000L, () -> { }));
            }
            assertEquals(1_000, strands.queuedTimers());
            maxDurations.forEach(f -> f.cancel(false)); // as they end
            assertEquals(0, strands.queuedTimers(), "cancelled timers kept for 4 h");
        } finally {
            strands.drain(1_000);
        }
    }
}
