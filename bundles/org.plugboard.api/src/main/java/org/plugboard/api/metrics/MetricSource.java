package org.plugboard.api.metrics;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Publishes a bundle's figures. Called on the scrape's thread, once per scrape: read counters and snapshots that are
 * already published (atomic counters, immutable lists), never take a call's lock, do I/O or wait for a strand.
 */
@ConsumerType
public interface MetricSource {
    /** Writes this source's current values into {@code sink}. */
    void collect(MetricSink sink);
}
