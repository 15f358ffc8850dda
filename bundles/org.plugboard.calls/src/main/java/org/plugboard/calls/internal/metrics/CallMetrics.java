package org.plugboard.calls.internal.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.metrics.MetricSink;
import org.plugboard.api.metrics.MetricSource;
import org.plugboard.calls.internal.CdrBacklog;

/**
 * The B2BUA's figures for {@code /metrics}. Listens to call events on the strands (a map put or remove and adders,
 * nothing that waits) and reads the published call snapshots and the CDR queue depth on the scrape's thread.
 * Set-up latency: from the call's creation (its INVITE) to the first ringing or answer the caller gets.
 */
@Component(service = {MetricSource.class, CallEvents.class}, property = "service.pid=org.plugboard.calls.metrics")
public class CallMetrics implements MetricSource, CallEvents {
    static final double[] SETUP_BOUNDS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** Calls waiting for their first ringing at most; beyond, new ones are not timed (a leak guard). */
    static final int MAX_PENDING = 100_000;

    private final CallControl calls;
    private final CdrBacklog backlog;
    private final LongSupplier nanos;
    private final Map<String, Long> settingUp = new ConcurrentHashMap<>();
    private final Map<CallTag, LongAdder> outcomes = new EnumMap<>(CallTag.class);
    private final LongAdder created = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final Histogram setup = new Histogram(SETUP_BOUNDS);
    /** Calls counted as answered, until released: a call answered, then told as answered again, counts once. */
    private final Map<String, Boolean> answeredCalls = new ConcurrentHashMap<>();

    @Activate
    public CallMetrics(@Reference CallControl calls, @Reference CdrBacklog backlog) {
        this(calls, backlog, System::nanoTime);
    }

    CallMetrics(CallControl calls, CdrBacklog backlog, LongSupplier nanos) {
        this.calls = calls;
        this.backlog = backlog;
        this.nanos = nanos;
        for (CallTag t : CallTag.values()) {
            outcomes.put(t, new LongAdder()); // filled once: read without a lock afterwards
        }
    }

    @Override
    public void created(CallInfo call) {
        created.increment();
        if (settingUp.size() < MAX_PENDING) {
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
    public void partyReplaced(CallInfo call, org.plugboard.api.calls.LegInfo left, org.plugboard.api.calls.LegInfo joined) {
    }

    private void progressed(CallInfo call) {
        Long start = settingUp.remove(call.id());
        if (start != null) {
            setup.observe((nanos.getAsLong() - start) / 1e9);
        }
        if (call.state() == CallState.ANSWERED || call.state() == CallState.CONNECTED) {
            answeredOnce(call);
        }
    }

    private void answeredOnce(CallInfo call) {
        if (answeredCalls.size() < MAX_PENDING && answeredCalls.putIfAbsent(call.id(), Boolean.TRUE) == null) {
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

    @Override
    public void collect(MetricSink sink) {
        sink.counter("plugboard_calls_created_total", "Calls the B2BUA opened", Map.of(), created.sum());
        sink.counter("plugboard_calls_answered_total", "Calls answered", Map.of(), answered.sum());
        for (Map.Entry<CallTag, LongAdder> e : outcomes.entrySet()) {
            sink.counter("plugboard_calls_total", "Finished calls by outcome (the CDR call tag)",
                    Map.of("outcome", e.getKey().name()), e.getValue().sum());
        }
        Map<CallState, Integer> live = new EnumMap<>(CallState.class);
        for (CallState s : CallState.values()) {
            live.put(s, 0);
        }
        for (CallInfo c : calls.calls()) {
            live.merge(c.state(), 1, Integer::sum);
        }
        live.remove(CallState.RELEASED);
        for (Map.Entry<CallState, Integer> e : live.entrySet()) {
            sink.gauge("plugboard_calls_live", "Calls up now by state", Map.of("state", e.getKey().name()), e.getValue());
        }
        setup.write(sink, "plugboard_call_setup_seconds",
                "Seconds from a call's INVITE to the first ringing or answer its caller got");
        sink.gauge("plugboard_cdr_queue_depth", "Call records no durable CDR sink has stored yet", Map.of(), backlog.cdrBacklog());
    }
}
