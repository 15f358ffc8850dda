package org.plugboard.groups.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every ring group and pickup group, immutable: what the router and the call service read on the strands (one
 * volatile read of the whole), replaced whole after each committed write.
 */
record GroupsState(Map<String, RingGroup> rings, PickupGroups pickups) {
    static final GroupsState EMPTY = new GroupsState(Map.of(), PickupGroups.EMPTY);

    static GroupsState of(Collection<RingGroup> rings, Collection<PickupGroup> pickups) {
        Map<String, RingGroup> m = new TreeMap<>();
        rings.forEach(g -> m.put(g.number(), g));
        return new GroupsState(Collections.unmodifiableMap(m), PickupGroups.of(pickups));
    }

    RingGroup ring(String number) {
        return number == null ? null : rings.get(number);
    }

    /** The ring groups by number. */
    List<RingGroup> ringList() {
        return List.copyOf(rings.values());
    }

    GroupsState with(RingGroup g) {
        Map<String, RingGroup> m = new TreeMap<>(rings);
        m.put(g.number(), g);
        return new GroupsState(Collections.unmodifiableMap(m), pickups);
    }

    GroupsState withoutRing(String number) {
        Map<String, RingGroup> m = new TreeMap<>(rings);
        m.remove(number);
        return new GroupsState(Collections.unmodifiableMap(m), pickups);
    }

    GroupsState with(PickupGroups p) {
        return new GroupsState(rings, p);
    }
}
