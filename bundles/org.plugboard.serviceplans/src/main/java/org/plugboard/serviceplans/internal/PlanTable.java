package org.plugboard.serviceplans.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.plugboard.api.service.DetectionPoint;

/**
 * Every plan and service class assignment, as one immutable value: a lookup on a call's strand reads it without
 * locks and sees one consistent state; a write builds the next value and swaps it in whole.
 *
 * <p>Precedence for a served user at a point: the user's own plan (looked up by its number, so a ring group or an
 * outside number can have one), else the plan of the extension's service class, else the site default ({@code *}),
 * else none. Within a scope, a point's own list wins over the scope's all-points list; a scope with neither for the
 * point leaves the decision to the next scope.
 */
final class PlanTable {
    static final PlanTable EMPTY = new PlanTable(Map.of(), Map.of());

    /** The list that decides, and where it comes from. {@code point} is null when it is the all-points list. */
    record Resolution(List<String> services, String scope, DetectionPoint point) {
    }

    private final Map<String, ScopePlan> plans;
    private final Map<String, String> classOf;

    PlanTable(Map<String, ScopePlan> plans, Map<String, String> classOf) {
        this.plans = Map.copyOf(plans);
        this.classOf = Map.copyOf(classOf);
    }

    /** The list in force for {@code servedUser} at {@code point}, or null when no plan of this table decides. */
    Resolution resolve(String servedUser, DetectionPoint point) {
        if (Scope.isNumber(servedUser)) {
            Resolution own = at(servedUser, point);
            if (own != null) {
                return own;
            }
            String serviceClass = classOf.get(servedUser);
            if (serviceClass != null) {
                Resolution byClass = at(serviceClass, point);
                if (byClass != null) {
                    return byClass;
                }
            }
        }
        return at(Scope.SITE_SCOPE, point);
    }

    private Resolution at(String scope, DetectionPoint point) {
        ScopePlan plan = plans.get(scope);
        if (plan == null) {
            return null;
        }
        List<String> list = plan.at(point);
        return list == null ? null : new Resolution(list, scope, plan.hasOwn(point) ? point : null);
    }

    /** The plan of a scope, or {@link ScopePlan#NONE}. */
    ScopePlan plan(String scope) {
        return plans.getOrDefault(scope, ScopePlan.NONE);
    }

    /** Every scope with a plan, sorted: {@code *} first, then classes, then numbers. */
    Map<String, ScopePlan> plans() {
        Map<String, ScopePlan> sorted = new TreeMap<>(PlanTable::compareScopes);
        sorted.putAll(plans);
        return sorted;
    }

    Optional<String> classOf(String extension) {
        return Optional.ofNullable(classOf.get(extension));
    }

    /** Extension -> service class, sorted by extension. */
    Map<String, String> classes() {
        return new TreeMap<>(classOf);
    }

    /** The members of a class, sorted. */
    List<String> members(String serviceClass) {
        return classOf.entrySet().stream().filter(e -> e.getValue().equals(serviceClass)).map(Map.Entry::getKey).sorted().toList();
    }

    PlanTable withPlan(String scope, DetectionPoint point, List<String> services) {
        Map<String, ScopePlan> next = new HashMap<>(plans);
        next.put(scope, plan(scope).with(point, services));
        return new PlanTable(next, classOf);
    }

    /** Without the scope's list at {@code point} (null: its all-points list). */
    PlanTable withoutPlan(String scope, DetectionPoint point) {
        Map<String, ScopePlan> next = new HashMap<>(plans);
        ScopePlan rest = plan(scope).without(point);
        if (rest.isEmpty()) {
            next.remove(scope);
        } else {
            next.put(scope, rest);
        }
        return new PlanTable(next, classOf);
    }

    /** Without any list of the scope. */
    PlanTable withoutScope(String scope) {
        Map<String, ScopePlan> next = new HashMap<>(plans);
        next.remove(scope);
        return new PlanTable(next, classOf);
    }

    PlanTable withClass(String extension, String serviceClass) {
        Map<String, String> next = new HashMap<>(classOf);
        next.put(extension, serviceClass);
        return new PlanTable(plans, next);
    }

    PlanTable withoutClass(String extension) {
        Map<String, String> next = new HashMap<>(classOf);
        next.remove(extension);
        return new PlanTable(plans, next);
    }

    /** {@code *} first, then classes by name, then numbers (shorter first, then by digits). */
    static int compareScopes(String a, String b) {
        Scope ka = Scope.of(a);
        Scope kb = Scope.of(b);
        if (ka != kb) {
            return ka.compareTo(kb) < 0 ? -1 : 1; // declaration order: SITE, SERVICE_CLASS, NUMBER
        }
        if (ka == Scope.NUMBER && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }
}
