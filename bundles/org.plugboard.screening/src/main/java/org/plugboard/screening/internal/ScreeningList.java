package org.plugboard.screening.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One list (the system's, or an extension's): its white and black entries, indexed by caller key and then by
 * called key. Immutable; a write builds a new one. The deciding entry of a kind is the most specific that matches:
 * caller first (anonymous, then the longest caller prefix, then *), then, for that caller key, the longest called
 * prefix (then *). So a lookup costs at most (caller length + 2) x (dialled length
 * + 1) hash probes, never a scan of the list.
 */
final class ScreeningList {
    static final ScreeningList EMPTY = new ScreeningList(Map.of(), Map.of());

    private final Map<String, Map<String, Entry>> white;
    private final Map<String, Map<String, Entry>> black;

    private ScreeningList(Map<String, Map<String, Entry>> white, Map<String, Map<String, Entry>> black) {
        this.white = white;
        this.black = black;
    }

    static ScreeningList of(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        Map<String, Map<String, Entry>> white = new HashMap<>();
        Map<String, Map<String, Entry>> black = new HashMap<>();
        for (Entry e : entries) {
            (e.kind() == ListKind.WHITE ? white : black).computeIfAbsent(e.caller(), k -> new HashMap<>()).put(e.called(), e);
        }
        return new ScreeningList(white, black);
    }

    /** The most specific white entry that matches, or null. */
    Entry white(Probe probe) {
        return find(white, probe);
    }

    /** The most specific black entry that matches, or null. */
    Entry black(Probe probe) {
        return find(black, probe);
    }

    /** The entry that decides the call for this list: a white match wins over any black one; null when none matches. */
    Entry deciding(Probe probe) {
        Entry w = white(probe);
        return w != null ? w : black(probe);
    }

    private static Entry find(Map<String, Map<String, Entry>> index, Probe probe) {
        if (index.isEmpty()) {
            return null;
        }
        for (String callerKey : probe.callerKeys()) {
            Map<String, Entry> byCalled = index.get(callerKey);
            if (byCalled == null) {
                continue;
            }
            for (String calledKey : probe.calledKeys()) {
                Entry e = byCalled.get(calledKey);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }
}
