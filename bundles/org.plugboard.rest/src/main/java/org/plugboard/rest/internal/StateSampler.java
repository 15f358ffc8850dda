package org.plugboard.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.location.Binding;
import org.plugboard.api.status.LineStatus;

/**
 * Turns successive looks at the registrations and the lines into events: the registrar and the lines have no
 * listener API, so the hub samples them (on its own thread) and reports what changed since the last look. The first
 * look of each only sets the baseline: a restart of the API does not replay every registration as new.
 */
final class StateSampler {
    /** An event to publish: its type and data. */
    record Change(String type, Map<String, Object> data) {
    }

    private Map<String, Binding> bindings;
    private Map<String, LineStatus> lines;

    /** Changes of the registrations; null means the location service is absent (the baseline is kept). */
    List<Change> registrations(List<Binding> now, Instant time) {
        if (now == null) {
            return List.of();
        }
        Map<String, Binding> current = new LinkedHashMap<>();
        for (Binding b : now) {
            current.put(b.extension() + " " + b.contact(), b);
        }
        Map<String, Binding> before = bindings;
        bindings = current;
        List<Change> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        current.forEach((key, b) -> {
            if (!before.containsKey(key)) {
                out.add(new Change("registration.added", Map.of("registration", Views.registration(b, time))));
            }
        });
        before.forEach((key, b) -> {
            if (!current.containsKey(key)) {
                out.add(new Change("registration.removed", Map.of("registration", Views.registration(b, time))));
            }
        });
        return out;
    }

    /** Changes of the lines: added, removed, or a new state, answer or address. */
    List<Change> lines(List<LineStatus> now) {
        if (now == null) {
            return List.of();
        }
        Map<String, LineStatus> current = new LinkedHashMap<>();
        for (LineStatus l : now) {
            current.put(l.name(), l);
        }
        Map<String, LineStatus> before = lines;
        lines = current;
        List<Change> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        current.forEach((name, l) -> {
            LineStatus old = before.get(name);
            if (old == null) {
                out.add(new Change("line.added", Map.of("line", l)));
            } else if (old.state() != l.state() || !old.lastResponse().equals(l.lastResponse())
                    || !old.address().equals(l.address())) {
                out.add(new Change("line.changed", Map.of("line", l, "previousState", old.state().name())));
            }
        });
        before.forEach((name, l) -> {
            if (!current.containsKey(name)) {
                out.add(new Change("line.removed", Map.of("line", l)));
            }
        });
        return out;
    }
}
