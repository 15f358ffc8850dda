package org.plugboard.api.metrics;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link MetricSource} writes. Names follow Prometheus rules ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}, counters end in
 * {@code _total}, units in the name: {@code _seconds}, {@code _bytes}); label values may be any text. Samples of one
 * name belong to one family: write the same help and kind each time.
 */
@ProviderType
public interface MetricSink {
    /** A value that only goes up (since the source started). */
    void counter(String name, String help, Map<String, String> labels, double value);

    /** A value that goes up and down. */
    void gauge(String name, String help, Map<String, String> labels, double value);

    /**
     * A distribution.
     *
     * @param upperBounds  the buckets' upper bounds, ascending, without +Inf
     * @param bucketCounts observations per bucket, not cumulative: {@code upperBounds.length + 1} entries, the last
     *                     one counting those above the highest bound
     * @param sum          the sum of all observations
     */
    void histogram(String name, String help, Map<String, String> labels, double[] upperBounds, long[] bucketCounts,
            double sum);
}
