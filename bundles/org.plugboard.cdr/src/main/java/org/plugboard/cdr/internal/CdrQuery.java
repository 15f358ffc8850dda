package org.plugboard.cdr.internal;

import java.time.Instant;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;

/**
 * A search over stored CDRs; null means "any". {@code caller} and {@code callee} match exactly, or as a pattern
 * when they contain {@code *}. {@code since} is inclusive, {@code until} exclusive, both on the start time.
 */
public record CdrQuery(String caller, String callee, Disposition disposition, CallTag tag, Instant since, Instant until,
        int limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 10_000;

    public CdrQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is out of range: give 1 to " + MAX_LIMIT);
        }
    }

    /** The newest {@code limit} records. */
    public static CdrQuery newest(int limit) {
        return new CdrQuery(null, null, null, null, null, null, limit);
    }
}
