package org.plugboard.groups.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Round-robin order: per group, when each member was last offered a call, and the order for the next call, least
 * recent first (never offered first, in listed order). Calls are routed on many strands at once: handing out an
 * order and marking its first member offered is one compare-and-set on the group's immutable map, so two
 * concurrent calls never start at the same member and no strand waits on a lock. "When" is a logical tick (ties
 * impossible, clock steps harmless) with the wall time kept for display.
 *
 * <p>Memory only: a restart or an update of this bundle forgets the times, and the next calls start again in
 * listed order. Times of members who left a group are ignored, and dropped at its next call.
 */
final class Rotation {
    /** When a member was last offered a call: the tick orders, the time is for {@code pbx:group-show}. */
    record Offer(long tick, Instant at) {
    }

    private final Clock clock;
    private final AtomicLong ticks = new AtomicLong();
    private final Map<String, AtomicReference<Map<String, Offer>>> groups = new ConcurrentHashMap<>();

    Rotation(Clock clock) {
        this.clock = clock;
    }

    /**
     * The order for a new call to {@code group}, least recently offered first; its first member is marked offered
     * now. {@code members} must not be empty.
     */
    List<String> next(String group, List<String> members) {
        AtomicReference<Map<String, Offer>> ref = groups.computeIfAbsent(group, g -> new AtomicReference<>(Map.of()));
        while (true) {
            Map<String, Offer> seen = ref.get();
            List<String> order = order(members, seen);
            Map<String, Offer> next = new HashMap<>();
            for (String m : members) { // members who left are dropped here
                Offer o = seen.get(m);
                if (o != null) {
                    next.put(m, o);
                }
            }
            next.put(order.get(0), new Offer(ticks.incrementAndGet(), clock.instant()));
            if (ref.compareAndSet(seen, Map.copyOf(next))) {
                return order;
            }
        }
    }

    /** The order the next call would get, without marking anyone. */
    List<String> peek(String group, List<String> members) {
        AtomicReference<Map<String, Offer>> ref = groups.get(group);
        return order(members, ref == null ? Map.of() : ref.get());
    }

    /** When each member was last offered a call (members never offered one are absent). */
    Map<String, Offer> offers(String group) {
        AtomicReference<Map<String, Offer>> ref = groups.get(group);
        return ref == null ? Map.of() : ref.get();
    }

    /** A removed group, or one whose strategy changed: its next calls start in listed order. */
    void forget(String group) {
        groups.remove(group);
    }

    private static List<String> order(List<String> members, Map<String, Offer> seen) {
        List<String> order = new ArrayList<>(members);
        // stable: members never offered keep their listed order, ahead of everyone offered
        order.sort(Comparator.comparingLong(m -> seen.containsKey(m) ? seen.get(m).tick() : 0L));
        return order;
    }
}
