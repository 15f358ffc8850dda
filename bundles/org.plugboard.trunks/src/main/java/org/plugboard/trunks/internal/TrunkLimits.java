package org.plugboard.trunks.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.CallAdmission.Refusal;

/**
 * Concurrent calls per trunk and direction. A call takes its slots when it is admitted and gives them back when
 * the B2BUA reports its release; the slots of one call are taken all or none. Counts are kept by trunk name, so a
 * trunk reconfigured (or removed and added again) under live calls keeps counting them.
 */
final class TrunkLimits {
    enum Direction {
        INBOUND("inbound", "max.inbound"), OUTBOUND("outbound", "max.outbound");

        final String word;
        final String property;

        Direction(String word, String property) {
            this.word = word;
            this.property = property;
        }
    }

    /** One call's hold on one direction of one trunk. */
    record Slot(String trunk, Direction direction) {
    }

    /** SIP status of a refusal: 503 lets an upstream carrier try another route, where 486 would say the callee is busy. */
    static final int STATUS = 503;
    static final String PHRASE = "Trunk Busy";
    /** Q.850 34: no circuit/channel available, what a full trunk is in ISUP terms (RFC 3398 maps it to 503). */
    static final int CAUSE = 34;

    private record Held(List<Slot> slots, long since) {
    }

    private final Map<String, Held> byCall = new HashMap<>();
    private final Map<Slot, Integer> counts = new HashMap<>();

    /**
     * @param settings a trunk's running settings by name, null when it is not configured (then nothing is counted)
     * @return null when the call took its slots, else the refusal (and nothing was taken)
     */
    synchronized Refusal admit(String callId, List<Slot> wanted, Function<String, TrunkSettings> settings, long now) {
        release(callId); // asked twice about one call: the second answer replaces the first
        List<Slot> take = new ArrayList<>();
        for (Slot slot : new LinkedHashSet<>(wanted)) {
            TrunkSettings s = settings.apply(slot.trunk());
            if (s == null) {
                continue;
            }
            int limit = slot.direction() == Direction.INBOUND ? s.maxInbound() : s.maxOutbound();
            if (limit != TrunkSettings.UNLIMITED && count(slot) >= limit) {
                return refusal(slot, limit);
            }
            take.add(slot);
        }
        if (!take.isEmpty()) {
            take.forEach(slot -> counts.merge(slot, 1, Integer::sum));
            byCall.put(callId, new Held(List.copyOf(take), now));
        }
        return null;
    }

    private static Refusal refusal(Slot slot, int limit) {
        String text = limit == 0
                ? "Trunk " + slot.trunk() + " takes no " + slot.direction().word + " calls (" + slot.direction().property + "=0)"
                : "Trunk " + slot.trunk() + ": all " + limit + " " + slot.direction().word + " calls in use ("
                        + slot.direction().property + "=" + limit + ")";
        return new Refusal(STATUS, PHRASE, CAUSE, text, CallTag.SYSTEM);
    }

    /** Gives a call's slots back; nothing for a call that holds none. */
    synchronized void release(String callId) {
        Held held = byCall.remove(callId);
        if (held != null) {
            held.slots().forEach(this::giveBack);
        }
    }

    private void giveBack(Slot slot) {
        counts.computeIfPresent(slot, (k, n) -> n <= 1 ? null : n - 1);
    }

    synchronized int count(String trunk, Direction direction) {
        return count(new Slot(trunk, direction));
    }

    private int count(Slot slot) {
        return counts.getOrDefault(slot, 0);
    }

    /**
     * The safety net: gives back the slots of calls the B2BUA no longer has (their release was never reported, e.g.
     * a call lost while a bundle was updated), once they are older than {@code before}.
     *
     * @return what was given back, one {@code <call>: <trunk> <direction>} per slot, for the log
     */
    synchronized List<String> sweep(Set<String> liveCalls, long before) {
        List<String> given = new ArrayList<>();
        for (Iterator<Map.Entry<String, Held>> it = byCall.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Held> e = it.next();
            if (e.getValue().since() < before && !liveCalls.contains(e.getKey())) {
                it.remove();
                e.getValue().slots().forEach(this::giveBack);
                e.getValue().slots().forEach(s -> given.add(e.getKey() + ": " + s.trunk() + " " + s.direction().word));
            }
        }
        return given;
    }

    // ---- hand-over to the next version of this bundle (plain JDK values) ----------------------------------

    synchronized List<Map<String, Object>> save() {
        List<Map<String, Object>> out = new ArrayList<>();
        byCall.forEach((callId, held) -> held.slots().forEach(s -> out.add(
                Map.of("call", callId, "trunk", s.trunk(), "direction", s.direction().name(), "since", held.since()))));
        return out;
    }

    /** @return how many states were not understood and dropped (their slots are then free, never stuck) */
    synchronized int restore(List<Map<String, Object>> states) {
        int dropped = 0;
        for (Map<String, Object> m : states) {
            try {
                Slot slot = new Slot((String) m.get("trunk"), Direction.valueOf((String) m.get("direction")));
                String callId = (String) m.get("call");
                Held held = byCall.get(callId);
                List<Slot> slots = new ArrayList<>(held == null ? List.of() : held.slots());
                if (!slots.contains(slot) && slot.trunk() != null && callId != null) {
                    slots.add(slot);
                    counts.merge(slot, 1, Integer::sum);
                    byCall.put(callId, new Held(List.copyOf(slots), (Long) m.get("since")));
                }
            } catch (RuntimeException e) { // a state of an unknown shape: the count is then lower, never stuck
                dropped++;
            }
        }
        return dropped;
    }

    synchronized int calls() {
        return byCall.size();
    }
}
