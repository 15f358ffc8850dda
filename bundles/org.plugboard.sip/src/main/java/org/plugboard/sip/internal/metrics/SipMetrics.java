package org.plugboard.sip.internal.metrics;

import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.metrics.MetricSink;
import org.plugboard.api.metrics.MetricSource;
import org.plugboard.sip.internal.SipDiagnostics;
import org.plugboard.sip.internal.capture.HepExporter;
import org.plugboard.sip.internal.capture.MessageCounts;
import org.plugboard.sip.internal.capture.PcapFile;
import org.plugboard.sip.internal.capture.SipCapture;

/** The SIP layer's figures for {@code /metrics}: read from its counters, nothing waits for a SIP thread. */
@Component(property = "service.pid=org.plugboard.sip.metrics")
public class SipMetrics implements MetricSource {
    /** Counters that the per-method figures already carry. */
    private static final Set<String> BY_METHOD = Set.of("requests-in", "responses-in", "responses-out", "requests-out");
    private final SipDiagnostics sip;

    @Activate
    public SipMetrics(@Reference SipDiagnostics sip) {
        this.sip = sip;
    }

    @Override
    public void collect(MetricSink sink) {
        SipCapture capture = sip.capture();
        for (Map.Entry<MessageCounts.Key, Long> e : capture.counts().snapshot().entrySet()) {
            MessageCounts.Key k = e.getKey();
            String direction = k.outbound() ? "out" : "in";
            if (k.status() == 0) {
                sink.counter("plugboard_sip_requests_total", "SIP requests by direction and method (retransmissions included)",
                        Map.of("direction", direction, "method", k.method()), e.getValue());
            } else {
                sink.counter("plugboard_sip_responses_total", "SIP responses by direction, method (of CSeq) and status code",
                        Map.of("direction", direction, "method", k.method(), "status", Integer.toString(k.status())),
                        e.getValue());
            }
        }
        for (Map.Entry<String, Long> e : sip.counters().entrySet()) {
            switch (e.getKey()) {
                case "unparseable-dropped" -> sink.counter("plugboard_sip_parse_errors_total",
                        "Messages that did not parse: dropped whole (unparseable) or answered 400 (bad_header)",
                        Map.of("kind", "unparseable"), e.getValue());
                case "bad-header-400" -> sink.counter("plugboard_sip_parse_errors_total",
                        "Messages that did not parse: dropped whole (unparseable) or answered 400 (bad_header)",
                        Map.of("kind", "bad_header"), e.getValue());
                case "overload-503-rate", "overload-503-lag" -> sink.counter("plugboard_sip_overload_rejected_total",
                        "New requests refused with a stateless 503 by the admission limit (signal: rate or receive lag)",
                        Map.of("signal", e.getKey().substring("overload-503-".length())), e.getValue());
                case "overload-dropped-stale" -> sink.counter("plugboard_sip_overload_dropped_stale_total",
                        "Requests dropped unparsed because they waited in the UDP receive queue past overload.drop.after.ms",
                        Map.of(), e.getValue());
                case "banned-dropped" -> sink.counter("plugboard_sip_banned_dropped_total",
                        "Messages dropped because their source is banned", Map.of(), e.getValue());
                default -> {
                    if (!BY_METHOD.contains(e.getKey())) {
                        sink.counter("plugboard_sip_events_total", "Other SIP layer events (pbx:sip-stats names)",
                                Map.of("event", e.getKey()), e.getValue());
                    }
                }
            }
        }
        sink.gauge("plugboard_sip_listening_points", "Listening points open now", Map.of(), sip.listeningPoints().size());
        sink.gauge("plugboard_sip_receive_lag_ms", "How long the oldest queued UDP datagram had waited when the last new request was judged",
                Map.of(), sip.receiveLagMillis());
        sink.gauge("plugboard_sip_trace_on", "1 while the SIP trace is on", Map.of(), capture.traceOn() ? 1 : 0);
        HepExporter hep = capture.hep();
        if (hep != null) {
            sink.counter("plugboard_sip_hep_sent_total", "Messages sent to the HEP collector", Map.of(), hep.sent());
            sink.counter("plugboard_sip_capture_dropped_total", "Captured messages dropped (queue full, send failed or file limit)",
                    Map.of("sink", "hep"), hep.dropped() + hep.failed());
        }
        PcapFile pcap = capture.pcap();
        if (pcap != null) {
            sink.counter("plugboard_sip_capture_dropped_total", "Captured messages dropped (queue full, send failed or file limit)",
                    Map.of("sink", "pcap"), pcap.dropped());
        }
    }
}
