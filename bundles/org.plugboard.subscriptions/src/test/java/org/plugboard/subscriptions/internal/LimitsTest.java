package org.plugboard.subscriptions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A bad configuration is refused with a message that names the key and the fix. */
class LimitsTest {
    @Test
    void theDefaultsAreValid() {
        assertEquals("expiry 60..3600 s (default 3600), at most 100 per subscriber, package grace 30 s",
                new Limits(60, 3600, 3600, 100, 30).toString());
    }

    @Test
    void aMaximumBelowTheMinimumIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Limits(600, 300, 300, 100, 30));
        assertEquals("max.expires (300) is below min.expires (600); raise max.expires, e.g. max.expires = 3600", e.getMessage());
    }

    @Test
    void aDefaultOutsideTheBoundsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Limits(60, 3600, 30, 100, 30));
        assertEquals("default.expires (30) is outside min.expires..max.expires (60..3600); e.g. default.expires = 3600", e.getMessage());
    }

    @Test
    void zeroOrNegativeValuesAreRefused() {
        assertEquals("max.per.subscriber: 0 is not a positive number; e.g. max.per.subscriber = 100",
                assertThrows(IllegalArgumentException.class, () -> new Limits(60, 3600, 3600, 0, 30)).getMessage());
        assertEquals("package.grace: -1 is negative; use 0 or more seconds, e.g. package.grace = 30",
                assertThrows(IllegalArgumentException.class, () -> new Limits(60, 3600, 3600, 10, -1)).getMessage());
    }
}
