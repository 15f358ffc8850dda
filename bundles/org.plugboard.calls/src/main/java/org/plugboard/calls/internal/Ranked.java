package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;

/**
 * A whiteboard of services kept in {@code service.ranking} order (highest first, then the oldest service id), as
 * an immutable list replaced whole on every change: strands read it without locks and see one consistent order.
 */
final class Ranked<T> {
    private record Entry<T>(T service, int ranking, long id) {
    }

    private final List<Entry<T>> entries = new ArrayList<>();
    private volatile List<T> snapshot = List.of();

    synchronized void add(T service, Map<String, Object> props) {
        Object ranking = props.get(Constants.SERVICE_RANKING);
        Object id = props.get(Constants.SERVICE_ID);
        entries.add(new Entry<>(service, ranking instanceof Integer i ? i : 0, id instanceof Long l ? l : Long.MAX_VALUE));
        entries.sort(Comparator.comparingInt((Entry<T> e) -> -e.ranking()).thenComparingLong(Entry::id));
        snapshot = entries.stream().map(Entry::service).toList();
    }

    synchronized void remove(T service) {
        entries.removeIf(e -> e.service() == service);
        snapshot = entries.stream().map(Entry::service).toList();
    }

    List<T> get() {
        return snapshot;
    }

    /** A service property that may be a String, a String[] or a collection, as a list of strings (commas split). */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String[] a) {
            for (String s : a) {
                out.addAll(strings(s));
            }
        } else if (value instanceof java.util.Collection<?> c) {
            c.forEach(v -> out.addAll(strings(v)));
        } else if (value != null) {
            for (String s : value.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
