package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ParkingTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Test
    void onlyKeysWhoseHandlerLeftArePark() {
        Parking p = new Parking(10_000, 100, now::get);
        assertFalse(p.park("method INVITE", () -> seen.add("x"), () -> { }), "never had a handler: not parked");
        p.gone("method INVITE");
        assertTrue(p.park("method INVITE", () -> seen.add("x"), () -> { }));
        assertFalse(p.park("method BYE", () -> seen.add("y"), () -> { }));
        p.shutdown();
    }

    @Test
    void parkedItemsAreDeliveredInOrderWhenTheHandlerComesBack() throws Exception {
        Parking p = new Parking(10_000, 100, now::get);
        p.gone("owner calls");
        for (int i = 0; i < 5; i++) {
            int n = i;
            p.park("owner calls", () -> seen.add("r" + n), () -> seen.add("expired"));
        }
        p.arrived("owner calls");
        long end = System.currentTimeMillis() + 2000;
        while (seen.size() < 5 && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        assertEquals(List.of("r0", "r1", "r2", "r3", "r4"), seen);
        assertEquals(0, p.size());
        assertFalse(p.park("owner calls", () -> { }, () -> { }), "the handler is back: nothing more is parked");
        p.shutdown();
    }

    @Test
    void itemsExpireWhenTheWindowClosesAndCapacityIsBounded() {
        Parking p = new Parking(10_000, 2, now::get);
        p.gone("method INVITE");
        assertTrue(p.park("method INVITE", () -> seen.add("delivered"), () -> seen.add("503")));
        assertTrue(p.park("method INVITE", () -> seen.add("delivered"), () -> seen.add("503")));
        assertFalse(p.park("method INVITE", () -> { }, () -> { }), "over capacity");
        now.addAndGet(10_001);
        p.expireOld();
        assertEquals(List.of("503", "503"), seen);
        assertFalse(p.park("method INVITE", () -> { }, () -> { }), "window closed");
        p.shutdown();
    }
}
