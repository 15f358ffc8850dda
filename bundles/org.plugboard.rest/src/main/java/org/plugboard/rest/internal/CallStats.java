package org.plugboard.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.cdr.CallDetailRecord;

/**
 * Per-minute call figures from CDRs, for the page's charts: calls started in the minute, their outcomes and the
 * set-up latency percentiles. Set-up latency is what the CDR holds: INVITE received to the first 18x, or to the
 * answer when no 18x was sent; calls with neither (refused, cancelled before ringing) have none.
 */
final class CallStats {
    private CallStats() {
    }

    /** One bucket per minute from {@code first} (a whole minute) for {@code minutes} minutes, oldest first. */
    static List<Map<String, Object>> perMinute(List<CallDetailRecord> records, Instant first, int minutes) {
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            buckets.add(new Bucket(first.plus(i, ChronoUnit.MINUTES)));
        }
        for (CallDetailRecord r : records) {
            if (r.start() == null || r.start().isBefore(first)) {
                continue;
            }
            long i = Duration.between(first, r.start()).toMinutes();
            if (i < minutes) {
                buckets.get((int) i).add(r);
            }
        }
        return buckets.stream().map(Bucket::view).toList();
    }

    /** Set-up latency in milliseconds, or -1 when the record has none. */
    static long setupMillis(CallDetailRecord r) {
        Instant reached = r.ringing() != null ? r.ringing() : r.answer();
        return reached == null || r.start() == null ? -1 : Math.max(0, Duration.between(r.start(), reached).toMillis());
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static final class Bucket {
        final Instant minute;
        int calls;
        int answered;
        int failed;
        int busy;
        int noAnswer;
        int cancelled;
        final List<Long> setup = new ArrayList<>();

        Bucket(Instant minute) {
            this.minute = minute;
        }

        void add(CallDetailRecord r) {
            calls++;
            switch (r.disposition()) {
                case ANSWERED -> answered++;
                case FAILED -> failed++;
                case BUSY -> busy++;
                case NO_ANSWER -> noAnswer++;
                case CANCELLED -> cancelled++;
                default -> { }
            }
            long s = setupMillis(r);
            if (s >= 0) {
                setup.add(s);
            }
        }

        Map<String, Object> view() {
            Collections.sort(setup);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("minute", minute.toString());
            v.put("calls", calls);
            v.put("answered", answered);
            v.put("failed", failed);
            v.put("busy", busy);
            v.put("noAnswer", noAnswer);
            v.put("cancelled", cancelled);
            v.put("setupMillisP50", percentile(setup, 50));
            v.put("setupMillisP95", percentile(setup, 95));
            return v;
        }
    }
}
