package org.plugboard.metrics.internal;

import java.util.List;
import java.util.Map;

import org.plugboard.api.metrics.MetricSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scrape: asks every source in turn; a source that throws loses its samples of this scrape (logged, at most once
 * a minute) but never the others'. The scrape's own figures come last.
 */
final class Scrape {
    private static final Logger LOG = LoggerFactory.getLogger(Scrape.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
    private static volatile long lastLog = System.nanoTime() - LOG_INTERVAL_NANOS;

    private Scrape() {
    }

    record Named(String name, MetricSource source) {
    }

    static Families collect(List<Named> sources) {
        long start = System.nanoTime();
        Families families = new Families();
        int failed = 0;
        for (Named s : sources) {
            try {
                s.source().collect(families);
            } catch (RuntimeException | LinkageError e) {
                failed++;
                logLimited("Metric source {} failed: {}", s.name(), e.toString());
            }
        }
        if (families.rejected() > 0) {
            logLimited("{} sample(s) refused, first: {}", families.rejected(), families.reasons());
        }
        families.gauge("plugboard_metrics_sources", "Metric sources asked in this scrape", Map.of(), sources.size());
        families.gauge("plugboard_metrics_source_failures", "Metric sources that failed in this scrape", Map.of(), failed);
        families.gauge("plugboard_metrics_rejected_samples", "Samples refused in this scrape (bad name or label, "
                + "kind conflict, duplicate)", Map.of(), families.rejected());
        families.gauge("plugboard_metrics_scrape_duration_seconds", "Time taken to collect this scrape", Map.of(),
                (System.nanoTime() - start) / 1e9);
        return families;
    }

    private static void logLimited(String format, Object a, Object b) {
        long now = System.nanoTime();
        if (now - lastLog >= LOG_INTERVAL_NANOS) {
            lastLog = now;
            LOG.warn(format, a, b);
        }
    }
}
