package org.plugboard.serviceplans.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.plugboard.api.service.DetectionPoint;

/**
 * The lists of one scope: one for every detection point ({@code allPoints}, may be null) and lists for single
 * points, which win over it at their point. Immutable; an empty list is a plan too (no service runs there).
 */
record ScopePlan(List<String> allPoints, Map<DetectionPoint, List<String>> byPoint) {
    /** The name of the all-points list, in the database and on the console. */
    static final String ALL = "ALL";

    static final ScopePlan NONE = new ScopePlan(null, Map.of());

    ScopePlan {
        allPoints = allPoints == null ? null : List.copyOf(allPoints);
        byPoint = byPoint.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(byPoint));
    }

    /** The list in force at {@code point}: the point's own, else the all-points one, else null. */
    List<String> at(DetectionPoint point) {
        List<String> own = byPoint.get(point);
        return own != null ? own : allPoints;
    }

    /** True when the list at {@code point} is the point's own (not the all-points list). */
    boolean hasOwn(DetectionPoint point) {
        return byPoint.containsKey(point);
    }

    /** This plan with {@code services} at {@code point} (null: the all-points list). */
    ScopePlan with(DetectionPoint point, List<String> services) {
        if (point == null) {
            return new ScopePlan(services, byPoint);
        }
        Map<DetectionPoint, List<String>> next = new EnumMap<>(DetectionPoint.class);
        next.putAll(byPoint);
        next.put(point, List.copyOf(services));
        return new ScopePlan(allPoints, next);
    }

    /** This plan without its list at {@code point} (null: the all-points list). */
    ScopePlan without(DetectionPoint point) {
        if (point == null) {
            return new ScopePlan(null, byPoint);
        }
        Map<DetectionPoint, List<String>> next = new EnumMap<>(DetectionPoint.class);
        next.putAll(byPoint);
        next.remove(point);
        return new ScopePlan(allPoints, next);
    }

    boolean isEmpty() {
        return allPoints == null && byPoint.isEmpty();
    }

    /** Number of lists (all-points counts as one). */
    int lists() {
        return (allPoints == null ? 0 : 1) + byPoint.size();
    }

    /**
     * A point as typed: a detection point name (any case) or {@code ALL}, which is returned as null.
     *
     * @throws IllegalArgumentException naming the input and the valid names
     */
    static DetectionPoint point(String raw) {
        String s = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        if (ALL.equals(s) || "*".equals(s)) {
            return null;
        }
        try {
            return DetectionPoint.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + (raw == null ? "" : raw.trim()) + "' is no detection point: use one of "
                    + Arrays.toString(DetectionPoint.values()) + " or ALL (one list for every point)");
        }
    }

    /** The name of a point, {@code ALL} for null. */
    static String name(DetectionPoint point) {
        return point == null ? ALL : point.name();
    }
}
