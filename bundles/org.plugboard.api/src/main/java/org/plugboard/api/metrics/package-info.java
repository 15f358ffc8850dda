/**
 * Figures and health for operators: bundles publish their counters as {@link org.plugboard.api.metrics.MetricSource}
 * services and their state as {@link org.plugboard.api.metrics.HealthCheck} services; the metrics bundle collects them
 * on each scrape ({@code /metrics}, {@code /health}). No metrics library is needed to publish.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.plugboard.api.metrics;
