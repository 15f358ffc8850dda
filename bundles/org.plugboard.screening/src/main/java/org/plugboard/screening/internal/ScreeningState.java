package org.plugboard.screening.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the lists hold, in memory, as one immutable value: the entries by id, the system list, each
 * extension's list, and the extensions that refuse anonymous calls. Calls read it from a volatile field without a
 * lock; a write makes a new state that rebuilds only the list it touched.
 */
final class ScreeningState {
    static final ScreeningState EMPTY = new ScreeningState(Map.of(), ScreeningList.EMPTY, Map.of(), Set.of());

    private final Map<Long, Entry> byId;
    private final ScreeningList system;
    private final Map<String, ScreeningList> personal;
    private final Set<String> anonymousRefused;

    private ScreeningState(Map<Long, Entry> byId, ScreeningList system, Map<String, ScreeningList> personal,
            Set<String> anonymousRefused) {
        this.byId = byId;
        this.system = system;
        this.personal = personal;
        this.anonymousRefused = anonymousRefused;
    }

    static ScreeningState of(Collection<Entry> entries, Collection<String> anonymousRefused) {
        Map<Long, Entry> byId = new HashMap<>();
        Map<String, List<Entry>> byOwner = new HashMap<>();
        for (Entry e : entries) {
            byId.put(e.id(), e);
            byOwner.computeIfAbsent(e.owner(), o -> new ArrayList<>()).add(e);
        }
        Map<String, ScreeningList> personal = new HashMap<>();
        byOwner.forEach((owner, list) -> {
            if (!Entry.SYSTEM.equals(owner)) {
                personal.put(owner, ScreeningList.of(list));
            }
        });
        return new ScreeningState(Map.copyOf(byId), ScreeningList.of(byOwner.getOrDefault(Entry.SYSTEM, List.of())),
                Map.copyOf(personal), Set.copyOf(anonymousRefused));
    }

    ScreeningList system() {
        return system;
    }

    /** The extension's own list (empty when it has none). */
    ScreeningList personal(String extension) {
        return extension == null ? ScreeningList.EMPTY : personal.getOrDefault(extension, ScreeningList.EMPTY);
    }

    boolean refusesAnonymous(String extension) {
        return extension != null && anonymousRefused.contains(extension);
    }

    Entry entry(long id) {
        return byId.get(id);
    }

    /** The entry with the same list, kind, caller and called fields, or null. */
    Entry same(String owner, ListKind kind, String caller, String called) {
        for (Entry e : byId.values()) {
            if (e.owner().equals(owner) && e.kind() == kind && e.caller().equals(caller) && e.called().equals(called)) {
                return e;
            }
        }
        return null;
    }

    /** Entries of one list owner (all when null): system first, then extensions, each by id. */
    List<Entry> entries(String owner) {
        return byId.values().stream().filter(e -> owner == null || e.owner().equals(owner))
                .sorted(Comparator.comparing((Entry e) -> !e.system()).thenComparing(Entry::owner).thenComparingLong(Entry::id))
                .toList();
    }

    Set<String> anonymousRefused() {
        return anonymousRefused;
    }

    int size() {
        return byId.size();
    }

    // ---- new states (on the writer's thread, after the database committed) ----------------------------------

    ScreeningState with(Entry e) {
        Map<Long, Entry> ids = new HashMap<>(byId);
        ids.put(e.id(), e);
        return rebuilt(ids, e.owner(), anonymousRefused);
    }

    ScreeningState without(Entry e) {
        Map<Long, Entry> ids = new HashMap<>(byId);
        ids.remove(e.id());
        return rebuilt(ids, e.owner(), anonymousRefused);
    }

    /** The owner's list replaced by {@code entries} (the REST settings write a personal list whole). */
    ScreeningState replaced(String owner, Collection<Entry> entries) {
        Map<Long, Entry> ids = new HashMap<>(byId);
        ids.values().removeIf(e -> e.owner().equals(owner));
        entries.forEach(e -> ids.put(e.id(), e));
        return rebuilt(ids, owner, anonymousRefused);
    }

    ScreeningState anonymous(String extension, boolean refuse) {
        Set<String> next = new HashSet<>(anonymousRefused);
        if (refuse) {
            next.add(extension);
        } else {
            next.remove(extension);
        }
        return new ScreeningState(byId, system, personal, Set.copyOf(next));
    }

    /** Rebuilds the one list that changed; the others are shared with this state. */
    private ScreeningState rebuilt(Map<Long, Entry> ids, String owner, Set<String> anonymous) {
        List<Entry> ofOwner = ids.values().stream().filter(x -> x.owner().equals(owner)).toList();
        ScreeningList list = ScreeningList.of(ofOwner);
        if (Entry.SYSTEM.equals(owner)) {
            return new ScreeningState(Map.copyOf(ids), list, personal, anonymous);
        }
        Map<String, ScreeningList> next = new HashMap<>(personal);
        if (ofOwner.isEmpty()) {
            next.remove(owner);
        } else {
            next.put(owner, list);
        }
        return new ScreeningState(Map.copyOf(ids), system, Map.copyOf(next), anonymous);
    }
}
