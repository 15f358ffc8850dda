package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
    private final AtomicLong now = new AtomicLong(0);
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class), 60_000, now::get);

    @Test
    void aFloodOfOneCauseIsOneLinePerIntervalWithTheCountOfTheRest() {
        assertEquals(0, log.warn("io UDP", "I/O error towards {}", "192.0.2.1:5060"));
        for (int i = 0; i < 1000; i++) {
            assertEquals(-1, log.warn("io UDP", "I/O error towards {}", "192.0.2.1:5060"));
        }
        now.addAndGet(59_999);
        assertEquals(-1, log.warn("io UDP", "I/O error towards {}", "192.0.2.1:5060"));
        now.addAndGet(1);
        assertEquals(1001, log.warn("io UDP", "I/O error towards {}", "192.0.2.1:5060", new IllegalStateException("x")));
        assertEquals(-1, log.error("io UDP", "again"));
    }

    @Test
    void causesAreCountedApart() {
        assertEquals(0, log.warn("io UDP", "a"));
        assertEquals(0, log.warn("io TCP", "b"));
        assertEquals(-1, log.warn("io UDP", "a"));
    }
}
