package org.plugboard.handover.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MemoryHandoverStoreTest {
    private static MemoryHandoverStore store(int keepSeconds) {
        return new MemoryHandoverStore(new MemoryHandoverStore.Config() {
            @Override
            public int keep_seconds() {
                return keepSeconds;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MemoryHandoverStore.Config.class;
            }
        });
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
    void uncollectedDepositsAreDroppedAfterTheKeepTime() throws Exception {
        MemoryHandoverStore s = store(0);
        s.deposit("calls", List.of(Map.of("id", "a")));
        Thread.sleep(5);
        s.dropOld();
        assertTrue(s.collect("calls").isEmpty());
        s.deactivate();
    }
}
