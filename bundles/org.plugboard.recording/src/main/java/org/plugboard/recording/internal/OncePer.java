package org.plugboard.recording.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Lets a message through once per period and key: a problem every call meets is logged once, not per call. */
public final class OncePer {
    private final long periodMillis;
    private final LongSupplier millis;
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    public OncePer(long periodMillis, LongSupplier millis) {
        this.periodMillis = periodMillis;
        this.millis = millis;
    }

    /** @return true when {@code key} was not let through within the period */
    public boolean allow(String key) {
        long now = millis.getAsLong();
        boolean[] allowed = {false};
        last.compute(key, (k, before) -> {
            if (before == null || now - before >= periodMillis) {
                allowed[0] = true;
                return now;
            }
            return before;
        });
        return allowed[0];
    }
}
