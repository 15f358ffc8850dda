package org.plugboard.calls.internal.metrics;

import java.util.EnumMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.metrics.MetricSink;
import org.plugboard.api.metrics.MetricSource;
import org.plugboard.calls.internal.CdrBacklog;

/**
 * The B2BUA's figures for {@code /metrics}: the event counts ({@link CallCounts}), live calls by state from the
 * published call snapshots, and the CDR queue depth. Not a call listener itself: a listener that needed the B2BUA
 * would make a cycle while the B2BUA binds its listeners.
 */
@Component(property = "service.pid=org.plugboard.calls.metrics")
public class CallMetrics implements MetricSource {
    private final CallControl calls;
    private final CdrBacklog backlog;
    private final CallCounts counts;

    @Activate
    public CallMetrics(@Reference CallControl calls, @Reference CdrBacklog backlog, @Reference CallCounts counts) {
        this.calls = calls;
        this.backlog = backlog;
        this.counts = counts;
    }

    @Override
    public void collect(MetricSink sink) {
        counts.write(sink);
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
        sink.gauge("plugboard_cdr_queue_depth", "Call records no durable CDR sink has stored yet", Map.of(), backlog.cdrBacklog());
    }
}
