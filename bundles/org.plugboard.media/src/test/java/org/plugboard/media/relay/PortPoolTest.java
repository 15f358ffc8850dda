package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PortPoolTest {
    @Test
    void evenOddPairsInsideTheRange() {
        PortPool pool = new PortPool(40001, 40008); // 40002/3, 40004/5, 40006/7
        assertEquals(3, pool.totalPairs());
        assertEquals(40002, pool.take());
        assertEquals(40004, pool.take());
        assertEquals(40006, pool.take());
        assertEquals(-1, pool.take(), "exhausted");
        assertEquals(0, pool.freePairs());
    }

    @Test
    void roundRobinDoesNotHandOutTheJustFreedPair() {
        PortPool pool = new PortPool(40000, 40007); // 4 pairs
        int first = pool.take();
        pool.free(first);
        assertEquals(40002, pool.take(), "the freed pair waits for its turn");
        assertEquals(40004, pool.take());
        assertEquals(40006, pool.take());
        assertEquals(40000, pool.take(), "wraps to the freed pair last");
        assertEquals(-1, pool.take());
        pool.free(40004);
        assertEquals(40004, pool.take(), "the only free pair");
    }

    @Test
    void freeingTwiceOrForeignPortsChangesNothing() {
        PortPool pool = new PortPool(40000, 40003);
        int p = pool.take();
        pool.free(p);
        pool.free(p);
        pool.free(40001);
        pool.free(50000);
        assertEquals(2, pool.freePairs());
    }
}
