package org.plugboard.sip.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;

/**
 * Helpers for dynamic service lists kept as immutable snapshots, sorted by service.ranking (highest first) and, on
 * equal ranking, by service id (lowest first: the service registered first), as the framework orders references.
 */
final class Whiteboard {
    private Whiteboard() {
    }

    record Ranked<S>(S service, int ranking, long id, Map<String, Object> props) {
    }

    static <S> Ranked<S> ranked(S service, Map<String, Object> props) {
        Object r = props.get(Constants.SERVICE_RANKING);
        Object id = props.get(Constants.SERVICE_ID);
        return new Ranked<>(service, ranking(r), id instanceof Long l ? l : 0L, props);
    }

    /** An Integer, or a String holding one: a .cfg file gives every value as a String and DS passes it on. */
    private static int ranking(Object r) {
        if (r instanceof Integer i) {
            return i;
        }
        if (r instanceof String s && s.trim().matches("[+-]?[0-9]{1,9}")) {
            return Integer.parseInt(s.trim());
        }
        return 0;
    }

    static <S> List<Ranked<S>> with(List<Ranked<S>> current, Ranked<S> added) {
        List<Ranked<S>> next = new ArrayList<>(current);
        next.add(added);
        next.sort(Comparator.comparingInt((Ranked<S> x) -> -x.ranking()).thenComparingLong(Ranked::id));
        return List.copyOf(next);
    }

    static <S> List<Ranked<S>> withoutId(List<Ranked<S>> current, long serviceId) {
        List<Ranked<S>> next = new ArrayList<>(current);
        next.removeIf(x -> x.id() == serviceId);
        return List.copyOf(next);
    }

    static long id(Map<String, Object> props) {
        return props.get(Constants.SERVICE_ID) instanceof Long l ? l : 0L;
    }

    /**
     * A list-valued configuration attribute. A .cfg file gives {@code a,b} as one string; the metatype default
     * gives an array: both become a trimmed list without empty items.
     */
    static List<String> items(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * A String, String[] or Collection service property as a list; each String may hold several items separated by
     * commas (a {@code .cfg} file gives {@code a,b} as one string, and DS passes it on as it is).
     */
    static List<String> strings(Object value) {
        if (value instanceof String s) {
            return items(new String[] {s});
        }
        if (value instanceof String[] a) {
            return items(a);
        }
        if (value instanceof Collection<?> c) {
            return items(c.stream().map(String::valueOf).toArray(String[]::new));
        }
        return List.of();
    }
}
