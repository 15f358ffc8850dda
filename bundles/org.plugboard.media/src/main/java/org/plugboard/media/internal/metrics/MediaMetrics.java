package org.plugboard.media.internal.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.StreamStats;
import org.plugboard.api.metrics.MetricSink;
import org.plugboard.api.metrics.MetricSource;
import org.plugboard.media.relay.RelayGateway;

/**
 * Media figures for {@code /metrics}. Reading a session's stream counters goes through the relay's event loop, so it
 * is done by a sampler thread every {@link #SAMPLE_SECONDS} s and a scrape only reads the last published snapshot:
 * any scrape rate costs the relay the same. Packets, loss and jitter come from the in-process relay (engine
 * {@code local}); other engines report their sessions and ports.
 */
@Component(property = "service.pid=org.plugboard.media.metrics")
public class MediaMetrics implements MetricSource {
    static final long SAMPLE_SECONDS = 5;

    private volatile List<MediaGateway> gateways = List.of();
    private final MediaTotals totals = new MediaTotals();
    private volatile MediaTotals.Snapshot last = MediaTotals.Snapshot.NONE;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugboard-media-metrics");
        t.setDaemon(true);
        return t;
    });

    @Activate
    void activate() {
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addGateway(MediaGateway g) {
        List<MediaGateway> next = new ArrayList<>(gateways);
        next.add(g);
        gateways = List.copyOf(next);
    }

    synchronized void removeGateway(MediaGateway g) {
        gateways = gateways.stream().filter(x -> x != g).toList();
    }

    private void sample() {
        Map<String, List<StreamStats>> sessions = new HashMap<>();
        for (MediaGateway g : gateways) {
            if (!RelayGateway.ENGINE_NAME.equals(g.engine())) {
                continue;
            }
            for (MediaSession s : g.sessions()) {
                try {
                    sessions.put(g.engine() + "/" + s.id(), s.stats());
                } catch (MediaException | RuntimeException e) {
                    // released while we looked: its last sample counts as finished
                }
            }
        }
        last = totals.sample(sessions, System.currentTimeMillis());
    }

    @Override
    public void collect(MetricSink sink) {
        for (MediaGateway g : gateways) {
            Map<String, String> engine = Map.of("engine", g.engine());
            sink.gauge("plugboard_media_sessions", "Media sessions open now by engine", engine, g.sessions().size());
            PortUsage p = g.ports();
            if (p.total() >= 0) {
                sink.gauge("plugboard_media_ports", "Ports in the engine's pool", engine, p.total());
                sink.gauge("plugboard_media_ports_free", "Free ports in the engine's pool", engine, p.free());
            }
        }
        MediaTotals.Snapshot s = last;
        sink.gauge("plugboard_media_streams", "Streams (one side of one media line) relaying at the last sample",
                Map.of(), s.streams());
        sink.counter("plugboard_media_packets_total", "RTP/RTCP packets relayed by the local engine",
                Map.of("direction", "in"), s.packetsIn());
        sink.counter("plugboard_media_packets_total", "RTP/RTCP packets relayed by the local engine",
                Map.of("direction", "out"), s.packetsOut());
        sink.counter("plugboard_media_bytes_total", "Bytes relayed by the local engine", Map.of("direction", "in"), s.bytesIn());
        sink.counter("plugboard_media_bytes_total", "Bytes relayed by the local engine", Map.of("direction", "out"), s.bytesOut());
        sink.counter("plugboard_media_packets_dropped_total", "Packets the local engine dropped (unknown source, no peer yet)",
                Map.of(), s.dropped());
        sink.counter("plugboard_media_packets_lost_total", "RTP packets lost on the way to the engine (sequence gaps)",
                Map.of(), s.lost());
        sink.gauge("plugboard_media_jitter_seconds", "Interarrival jitter of the streams at the last sample",
                Map.of("stat", "mean"), s.jitterMeanSeconds());
        sink.gauge("plugboard_media_jitter_seconds", "Interarrival jitter of the streams at the last sample",
                Map.of("stat", "max"), s.jitterMaxSeconds());
        sink.gauge("plugboard_media_sample_age_seconds", "Seconds since the stream figures were sampled", Map.of(),
                s.sampledAtMillis() == 0 ? -1 : (System.currentTimeMillis() - s.sampledAtMillis()) / 1000.0);
    }
}
