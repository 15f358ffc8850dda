package org.plugboard.groups.internal;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Extensions that may pick up each other's ringing calls. */
public record PickupGroup(String name, Set<String> members) {
    public PickupGroup {
        Objects.requireNonNull(name, "name");
        members = java.util.Collections.unmodifiableSet(new TreeSet<>(members));
    }
}
