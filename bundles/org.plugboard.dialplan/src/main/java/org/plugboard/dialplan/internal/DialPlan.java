package org.plugboard.dialplan.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.DialPlanEntry;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;

/**
 * The merged dial plan, indexed by source profile: answers from memory with a few hash lookups per call (one per
 * length of the dialled number). Immutable; the router builds a new one when a contribution changes.
 * <p>
 * For a call from profile {@code p} dialling {@code n}: an entry of {@code p} whose key is {@code n} (a DID), else
 * the longest prefix of {@code n} with a number after it (stripped), else {@code p}'s {@code *}; else, when a
 * contributor answers for {@code p} ({@link #inboundPrefixes}), 404; else null (another router decides).
 */
final class DialPlan {
    static final DialPlan EMPTY = of(List.of());
    private static final String NUMBER = "\\+?[0-9*#]+";

    /** One contributor's part: its ranking decides equal keys, its inbound profile prefixes are answered for. */
    record Contribution(int ranking, List<String> inboundPrefixes, List<DialPlanEntry> entries) {
        Contribution {
            inboundPrefixes = List.copyOf(inboundPrefixes);
            entries = List.copyOf(entries);
        }
    }

    private record Plan(Map<String, DialPlanEntry> exact, Map<String, DialPlanEntry> prefixes, DialPlanEntry any) {
    }

    private final Map<String, Plan> byProfile;
    private final List<String> inboundPrefixes;
    private final int size;

    private DialPlan(Map<String, Plan> byProfile, List<String> inboundPrefixes, int size) {
        this.byProfile = byProfile;
        this.inboundPrefixes = inboundPrefixes;
        this.size = size;
    }

    /** Merges the contributions; on equal keys the higher ranking wins (then the earlier contribution). */
    static DialPlan of(List<Contribution> contributions) {
        List<Contribution> ordered = new ArrayList<>(contributions);
        ordered.sort(Comparator.comparingInt(Contribution::ranking).reversed()); // stable: earlier first on a tie
        Map<String, Map<String, DialPlanEntry>> exact = new HashMap<>();
        Map<String, Map<String, DialPlanEntry>> prefixes = new HashMap<>();
        Map<String, DialPlanEntry> any = new HashMap<>();
        List<String> inbound = new ArrayList<>();
        int size = 0;
        for (Contribution c : ordered) {
            inbound.addAll(c.inboundPrefixes());
            for (DialPlanEntry e : c.entries()) {
                size++;
                if (DialPlanEntry.ANY.equals(e.key())) {
                    any.putIfAbsent(e.from(), e);
                } else if (e.target() instanceof DialPlanEntry.ToSip) {
                    prefixes.computeIfAbsent(e.from(), f -> new HashMap<>()).putIfAbsent(e.key(), e);
                } else {
                    exact.computeIfAbsent(e.from(), f -> new HashMap<>()).putIfAbsent(e.key(), e);
                }
            }
        }
        Map<String, Plan> byProfile = new HashMap<>();
        for (String from : union(exact.keySet(), prefixes.keySet(), any.keySet())) {
            byProfile.put(from, new Plan(Map.copyOf(exact.getOrDefault(from, Map.of())),
                    Map.copyOf(prefixes.getOrDefault(from, Map.of())), any.get(from)));
        }
        return new DialPlan(Map.copyOf(byProfile), List.copyOf(inbound), size);
    }

    /** @return the route, or null when the plan has nothing to say about this call */
    Route route(RouteRequest request) {
        String from = request.sourceProfile() == null ? "" : request.sourceProfile();
        String dialled = request.dialled() == null ? "" : request.dialled();
        Plan plan = byProfile.get(from);
        if (plan != null) {
            DialPlanEntry e = plan.exact().get(dialled);
            if (e != null) {
                return target(e, "");
            }
            for (int len = dialled.length() - 1; len > 0 && !plan.prefixes().isEmpty(); len--) {
                e = plan.prefixes().get(dialled.substring(0, len));
                if (e != null) {
                    return target(e, dialled.substring(len));
                }
            }
            if (plan.any() != null) {
                return target(plan.any(), dialled);
            }
        }
        if (inboundPrefixes.stream().anyMatch(from::startsWith)) {
            return new Route.Reject(404, "No DID " + dialled + " on " + from, CallTag.ROUTING_FAILURE);
        }
        return null;
    }

    private static Route target(DialPlanEntry e, String rest) {
        if (e.target() instanceof DialPlanEntry.ToExtension x) {
            return new Route.ToExtension(x.extension());
        }
        DialPlanEntry.ToSip s = (DialPlanEntry.ToSip) e.target();
        if (!rest.matches(NUMBER)) {
            return new Route.Reject(484, "Not a number: " + rest, CallTag.ROUTING_FAILURE);
        }
        if (s.hop() == null) {
            return new Route.Reject(503, s.name() + " is not reachable (its address is not resolved)",
                    CallTag.CALLEE_UNREACHABLE);
        }
        return new Route.ToSip("sip:" + rest + "@" + s.domain(), s.hop(), s.profile(), s.callerId());
    }

    int size() {
        return size;
    }

    @SafeVarargs
    private static List<String> union(java.util.Set<String>... sets) {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (java.util.Set<String> s : sets) {
            all.addAll(s);
        }
        return List.copyOf(all);
    }
}
