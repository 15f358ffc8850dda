package org.plugboard.api.cdr;

import java.time.Instant;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;

/**
 * A page of stored CDRs to find; null means "any". Since cdr 1.4.
 *
 * @param since       first start time included, or null
 * @param until       first start time excluded, or null
 * @param extension   records where this number called, was dialled or finally reached ({@code caller},
 *                    {@code callee} or {@code finalCallee} equal to it), or null
 * @param tag         the release tag, or null
 * @param disposition the outcome, or null
 * @param offset      records to skip (newest first), at least 0
 * @param limit       records to return, 1 to {@link #MAX_LIMIT}
 */
public record CdrFilter(Instant since, Instant until, String extension, CallTag tag, Disposition disposition,
        int offset, int limit) {
    /** The largest page a store must serve. */
    public static final int MAX_LIMIT = 10_000;

    public CdrFilter {
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative: give 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is out of range: give 1 to " + MAX_LIMIT);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since " + since + " is not before until " + until);
        }
    }
}
