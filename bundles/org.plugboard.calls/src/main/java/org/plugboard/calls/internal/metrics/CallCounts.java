package org.plugboard.calls.internal.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.metrics.MetricSink;

/**
 * Counts calls from their events, on the strands: a map put or remove and adders, nothing that waits. Set-up latency:
 * from the call's creation (its INVITE) to the first ringing or answer the caller gets. It references nothing, so the
 * B2BUA can bind it as a listener while it is being created itself ({@link CallMetrics} reads it for {@code /metrics}).
 */
@Component(service = {CallEvents.class, CallCounts.class})
public class CallCounts implements CallEvents {
    static final double[] SETUP_BOUNDS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** Calls tracked at most until their first ringing or their release; beyond, new ones are not timed (a leak guard). */
    static final int MAX_TRACKED = 100_000;

    private final LongSupplier nanos;
    private final Map<String, Long> settingUp = new ConcurrentHashMap<>();
    /** Calls counted as answered, until released: a call told as answered twice counts once. */
    private final Map<String, Boolean> answeredCalls = new ConcurrentHashMap<>();
    private final Map<CallTag, LongAdder> outcomes = new EnumMap<>(CallTag.class);
    private final LongAdder created = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final Histogram setup = new Histogram(SETUP_BOUNDS);

    public CallCounts() {
        this(System::nanoTime);
    }

    CallCounts(LongSupplier nanos) {
        this.nanos = nanos;
        for (CallTag t : CallTag.values()) {
            outcomes.put(t, new LongAdder()); // filled once: read without a lock afterwards
        }
    }

    @Override
    public void created(CallInfo call) {
        created.increment();
        if (settingUp.size() < MAX_TRACKED) {
            settingUp.put(call.id(), nanos.getAsLong());
        }
    }

    @Override
    public void ringing(CallInfo call) {
        progressed(call);
    }

    @Override
    public void answered(CallInfo call) {
        progressed(call);
    }

    /** A transfer's new party: the call was answered and counted before (the default would tell it as answered). */
    @Override
    public void partyReplaced(CallInfo call, LegInfo left, LegInfo joined) {
    }

    private void progressed(CallInfo call) {
        Long start = settingUp.remove(call.id());
        if (start != null) {
            setup.observe((nanos.getAsLong() - start) / 1e9);
        }
        if ((call.state() == CallState.ANSWERED || call.state() == CallState.CONNECTED) && answeredCalls.size() < MAX_TRACKED
                && answeredCalls.putIfAbsent(call.id(), Boolean.TRUE) == null) {
            answered.increment();
        }
    }

    @Override
    public void released(CallInfo call, CallDetailRecord record) {
        settingUp.remove(call.id());
        answeredCalls.remove(call.id());
        if (record != null && record.tag() != null) {
            outcomes.get(record.tag()).increment();
        }
    }

    void write(MetricSink sink) {
        sink.counter("plugboard_calls_created_total", "Calls the B2BUA opened", Map.of(), created.sum());
        sink.counter("plugboard_calls_answered_total", "Calls answered", Map.of(), answered.sum());
        for (Map.Entry<CallTag, LongAdder> e : outcomes.entrySet()) {
            sink.counter("plugboard_calls_total", "Finished calls by outcome (the CDR call tag)",
                    Map.of("outcome", e.getKey().name()), e.getValue().sum());
        }
        setup.write(sink, "plugboard_call_setup_seconds",
                "Seconds from a call's INVITE to the first ringing or answer its caller got");
    }
}
