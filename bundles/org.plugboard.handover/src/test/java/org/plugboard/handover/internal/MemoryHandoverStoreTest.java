package org.plugboard.handover.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MemoryHandoverStoreTest {
    /** The store's clock, in ms, moved by the tests. */
    private final AtomicLong now = new AtomicLong(1_000_000);

    private MemoryHandoverStore store(int keepSeconds) {
        return new MemoryHandoverStore(new MemoryHandoverStore.Config() {
            @Override
            public int keep_seconds() {
                return keepSeconds;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MemoryHandoverStore.Config.class;
            }
        }, now::get);
    }

    @Test
    void collectTakesEverythingOnceInDepositOrder() {
        MemoryHandoverStore s = store(60);
        s.deposit("calls", List.of(Map.of("id", "a")));
        s.deposit("calls", List.of(Map.of("id", "b"), Map.of("id", "c")));
        s.deposit("cdr", List.of(Map.of("id", "x")));
        assertEquals(List.of("a", "b", "c"), s.collect("calls").stream().map(m -> m.get("id")).toList());
        assertTrue(s.collect("calls").isEmpty());
        assertEquals(1, s.collect("cdr").size());
        s.deactivate();
    }

    @Test
    void uncollectedDepositsAreDroppedAfterTheKeepTime() {
        MemoryHandoverStore s = store(60);
        s.deposit("calls", List.of(Map.of("id", "a")));
        now.addAndGet(30_000);
        s.deposit("calls", List.of(Map.of("id", "b")));
        now.addAndGet(30_000);
        s.dropOld();
        assertEquals(2, s.collect("calls").size(), "60 s is still within the keep time");

        s.deposit("calls", List.of(Map.of("id", "c")));
        now.addAndGet(30_000);
        s.deposit("calls", List.of(Map.of("id", "d")));
        now.addAndGet(30_001);
        s.dropOld();
        assertEquals(List.of("d"), s.collect("calls").stream().map(m -> m.get("id")).toList(),
                "only the deposit older than 60 s is dropped");
        s.deactivate();
    }
}
