package org.plugboard.calls.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.metrics.MetricSink;

class CallMetricsTest {
    private final AtomicLong now = new AtomicLong();
    private final List<CallInfo> live = new ArrayList<>();
    private final CallControl control = new CallControl() {
        @Override
        public List<CallInfo> calls() {
            return List.copyOf(live);
        }

        @Override
        public Optional<CallInfo> call(String id) {
            return Optional.empty();
        }

        @Override
        public boolean hangup(String id, CallTag tag) {
            return false;
        }
    };
    private final CallCounts counts = new CallCounts(now::get);
    private final CallMetrics metrics = new CallMetrics(control, () -> 3, counts);

    /** What the sink saw: name{labels} to value; histograms as their arrays. */
    private static final class Seen implements MetricSink {
        final Map<String, Double> values = new HashMap<>();
        long[] buckets;
        double sum;

        @Override
        public void counter(String name, String help, Map<String, String> labels, double value) {
            values.put(name + new java.util.TreeMap<>(labels), value);
        }

        @Override
        public void gauge(String name, String help, Map<String, String> labels, double value) {
            values.put(name + new java.util.TreeMap<>(labels), value);
        }

        @Override
        public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds, long[] bucketCounts,
                double sum) {
            buckets = bucketCounts;
            this.sum = sum;
        }
    }

    private static CallInfo call(String id, CallState state) {
        return new CallInfo(id, "100", "101", state, Instant.EPOCH, null, List.of());
    }

    private static CallDetailRecord cdr(String id, CallTag tag) {
        return new CallDetailRecord(id, id, "100", "101", null, Instant.EPOCH, null, null, Instant.EPOCH, null, 0, 0, "", tag);
    }

    @Test
    void setupLatencyOutcomesAnsweredAndLiveCalls() {
        counts.created(call("a", CallState.TRYING));
        now.set(30_000_000); // 30 ms
        counts.ringing(call("a", CallState.RINGING));
        now.set(5_000_000_000L);
        counts.answered(call("a", CallState.ANSWERED)); // already timed at ringing
        counts.answered(call("a", CallState.CONNECTED)); // told again: counted once
        counts.created(call("b", CallState.TRYING));
        now.set(5_200_000_000L); // 200 ms, answered without ringing
        counts.answered(call("b", CallState.ANSWERED));
        counts.created(call("c", CallState.TRYING));
        counts.released(call("c", CallState.RELEASED), cdr("c", CallTag.CALLEE_UNREACHABLE));
        counts.released(call("a", CallState.RELEASED), cdr("a", CallTag.CALLER_BYE));
        live.add(call("b", CallState.CONNECTED));

        Seen seen = new Seen();
        metrics.collect(seen);
        assertEquals(3.0, seen.values.get("plugboard_calls_created_total{}"));
        assertEquals(2.0, seen.values.get("plugboard_calls_answered_total{}"));
        assertEquals(1.0, seen.values.get("plugboard_calls_total{outcome=CALLER_BYE}"));
        assertEquals(1.0, seen.values.get("plugboard_calls_total{outcome=CALLEE_UNREACHABLE}"));
        assertEquals(0.0, seen.values.get("plugboard_calls_total{outcome=RING_TIMEOUT}"));
        assertEquals(1.0, seen.values.get("plugboard_calls_live{state=CONNECTED}"));
        assertEquals(0.0, seen.values.get("plugboard_calls_live{state=RINGING}"));
        assertEquals(3.0, seen.values.get("plugboard_cdr_queue_depth{}"));
        // bounds 0.01 0.025 0.05 0.1 0.25 ...: 30 ms in the 0.05 bucket, 200 ms in the 0.25 bucket; c never rang
        assertArrayEquals(new long[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0}, seen.buckets);
        assertEquals(0.23, seen.sum, 1e-9);
    }
}
