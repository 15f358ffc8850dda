package org.plugboard.groups.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pickup groups, immutable, for whoever carries out call pickup (a feature code: not built yet, it waits for
 * the core's pickup operation). Public in the bundle, not exported: the pickup operation will reach it through
 * {@link Groups#pickupGroups()} or an API of its own. An extension may be in several pickup groups.
 */
public final class PickupGroups {
    static final PickupGroups EMPTY = new PickupGroups(Map.of());

    private final Map<String, PickupGroup> byName;

    private PickupGroups(Map<String, PickupGroup> byName) {
        this.byName = byName;
    }

    static PickupGroups of(Collection<PickupGroup> groups) {
        Map<String, PickupGroup> m = new TreeMap<>();
        groups.forEach(g -> m.put(g.name(), g));
        return new PickupGroups(java.util.Collections.unmodifiableMap(m));
    }

    /** True when {@code picker} shares a pickup group with {@code ringing} (and is not the ringing extension itself). */
    public boolean mayPickUp(String picker, String ringing) {
        return !picker.equals(ringing) && byName.values().stream().anyMatch(g -> g.members().contains(picker)
                && g.members().contains(ringing));
    }

    /** The extensions whose ringing calls {@code extension} may pick up, sorted. */
    public Set<String> peersOf(String extension) {
        Set<String> out = new TreeSet<>();
        for (PickupGroup g : byName.values()) {
            if (g.members().contains(extension)) {
                out.addAll(g.members());
            }
        }
        out.remove(extension);
        return out;
    }

    public PickupGroup find(String name) {
        return byName.get(name);
    }

    /** Every pickup group, by name. */
    public List<PickupGroup> all() {
        return List.copyOf(byName.values());
    }

    PickupGroups with(PickupGroup g) {
        Map<String, PickupGroup> m = new TreeMap<>(byName);
        m.put(g.name(), g);
        return new PickupGroups(java.util.Collections.unmodifiableMap(m));
    }

    PickupGroups without(String name) {
        Map<String, PickupGroup> m = new TreeMap<>(byName);
        m.remove(name);
        return new PickupGroups(java.util.Collections.unmodifiableMap(m));
    }

    int size() {
        return byName.size();
    }
}
