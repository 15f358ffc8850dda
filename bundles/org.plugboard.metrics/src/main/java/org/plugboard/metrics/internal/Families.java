package org.plugboard.metrics.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.plugboard.api.metrics.MetricSink;

/**
 * The {@link MetricSink} of one scrape: groups what the sources write into families (one HELP and TYPE per name) and
 * refuses what the text format cannot carry (a bad name, a name used with two kinds, a label set written twice, a
 * histogram whose arrays do not fit), counting each refusal instead of writing a broken exposition.
 */
final class Families implements MetricSink {
    static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    enum Kind {
        COUNTER("counter"), GAUGE("gauge"), HISTOGRAM("histogram");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** One sample; {@code upperBounds}, {@code buckets} and {@code sum} only for histograms. */
    record Sample(Map<String, String> labels, double value, double[] upperBounds, long[] buckets, double sum) {
    }

    record Family(String name, Kind kind, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families = new TreeMap<>();
    private final Map<String, Set<Map<String, String>>> seen = new TreeMap<>();
    private long rejected;
    private final List<String> reasons = new ArrayList<>();

    @Override
    public void counter(String name, String help, Map<String, String> labels, double value) {
        add(name, Kind.COUNTER, help, labels, new Sample(sorted(labels), value, null, null, 0));
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, double value) {
        add(name, Kind.GAUGE, help, labels, new Sample(sorted(labels), value, null, null, 0));
    }

    @Override
    public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds, long[] bucketCounts,
            double sum) {
        if (upperBounds == null || bucketCounts == null || bucketCounts.length != upperBounds.length + 1) {
            reject(name, "histogram needs upperBounds.length + 1 bucket counts");
            return;
        }
        for (int i = 1; i < upperBounds.length; i++) {
            if (!(upperBounds[i] > upperBounds[i - 1])) {
                reject(name, "histogram bounds must ascend");
                return;
            }
        }
        if (labels != null && labels.containsKey("le")) {
            reject(name, "a histogram cannot have a label 'le'");
            return;
        }
        add(name, Kind.HISTOGRAM, help, labels,
                new Sample(sorted(labels), 0, upperBounds.clone(), bucketCounts.clone(), sum));
    }

    private void add(String name, Kind kind, String help, Map<String, String> labels, Sample sample) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            reject(name, "not a valid metric name");
            return;
        }
        if (labels != null) {
            for (Map.Entry<String, String> l : labels.entrySet()) {
                if (l.getKey() == null || !LABEL_NAME.matcher(l.getKey()).matches() || l.getKey().startsWith("__")
                        || l.getValue() == null) {
                    reject(name, "bad label " + l.getKey() + "=" + l.getValue());
                    return;
                }
            }
        }
        Family f = families.get(name);
        if (f == null) {
            f = new Family(name, kind, help == null ? "" : help, new ArrayList<>());
            families.put(name, f);
        } else if (f.kind() != kind) {
            reject(name, "written as " + f.kind().text + " and as " + kind.text);
            return;
        }
        if (!seen.computeIfAbsent(name, n -> new HashSet<>()).add(sample.labels())) {
            reject(name, "label set " + sample.labels() + " written twice");
            return;
        }
        f.samples().add(sample);
    }

    private void reject(String name, String why) {
        rejected++;
        if (reasons.size() < 10) {
            reasons.add(name + ": " + why);
        }
    }

    private static Map<String, String> sorted(Map<String, String> labels) {
        return labels == null ? Map.of() : new TreeMap<>(labels);
    }

    Collection<Family> families() {
        return families.values();
    }

    long rejected() {
        return rejected;
    }

    /** The first few refusals, for the log. */
    List<String> reasons() {
        return reasons;
    }
}
