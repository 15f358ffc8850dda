package org.plugboard.groups.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pickup groups, immutable: which extensions may pick up each other's ringing calls ({@link PickupCodes} routes
 * the group pickup code to {@link #peersOf}). Public in the bundle, not exported. An extension may be in several.
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
