package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class EventRingTest {
    final EventRing ring = new EventRing(3, 100);

    static List<Long> ids(EventRing.Slice s) {
        return s.events().stream().map(EventRing.Event::id).toList();
    }

    @Test
    void idsIncreaseByOneFromTheFirst() {
        assertEquals(99, ring.lastId());
        assertEquals(100, ring.append("a", "{}"));
        assertEquals(101, ring.append("b", "{}"));
        assertEquals(101, ring.lastId());
    }

    @Test
    void resumesAfterTheLastIdReceived() {
        for (int i = 0; i < 3; i++) {
            ring.append("e" + i, "{}");
        }
        assertEquals(List.of(101L, 102L), ids(ring.after(100)));
        assertEquals(List.of(100L, 101L, 102L), ids(ring.after(99)), "from before the first event: all of them");
        assertEquals(List.of(), ids(ring.after(102)), "caught up");
        assertFalse(ring.after(102).reset());
    }

    @Test
    void anIdNoLongerKeptOrFromAnotherRunIsAReset() {
        for (int i = 0; i < 5; i++) {
            ring.append("e" + i, "{}"); // 100..104, keeps 102..104
        }
        assertEquals(102, ring.oldestId());
        assertEquals(List.of(102L, 103L, 104L), ids(ring.after(101)), "the event before the oldest: nothing missed");
        assertTrue(ring.after(100).reset(), "event 101 is gone");
        assertTrue(ring.after(7).reset());
        assertTrue(ring.after(105).reset(), "an id never given (an earlier run's)");
    }

    @Test
    void awaitWakesOnAnEventAndTimesOutEmpty() throws Exception {
        assertEquals(List.of(), ids(ring.await(99, 10)));
        CompletableFuture<EventRing.Slice> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return ring.await(99, 30_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ring.append("x", "{}");
        assertEquals(List.of(100L), ids(waiting.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void closeReleasesReaders() throws Exception {
        CompletableFuture<EventRing.Slice> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return ring.await(99, 30_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ring.close();
        assertNull(waiting.get(10, TimeUnit.SECONDS));
    }
}
