package org.plugboard.screening.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A call as the lists look it up: the keys an entry's caller and called fields may hold, most specific first.
 * Caller keys: {@code anonymous} (when the call withholds the caller's identity), then every prefix of the caller's
 * number from the whole number down to one character (a withheld number the PBX still knows is matched too), then
 * {@code *}. Called keys: every prefix of the dialled number, longest first, then {@code *}. Computed once per call
 * and point, so a lookup is a few hash probes whatever the size of the list.
 */
record Probe(List<String> callerKeys, List<String> calledKeys) {
    /** Numbers longer than this are looked up by their first characters only (no entry is longer). */
    private static final int MAX = EntryRules.MAX_PREFIX;

    static Probe of(String caller, boolean anonymous, String dialled) {
        List<String> callerKeys = new ArrayList<>(MAX + 2);
        if (anonymous) {
            callerKeys.add(Entry.ANONYMOUS);
        }
        if (caller != null && !Entry.ANONYMOUS.equalsIgnoreCase(caller)) {
            prefixes(caller, callerKeys);
        }
        callerKeys.add(Entry.ANY);
        List<String> calledKeys = new ArrayList<>(MAX + 1);
        if (dialled != null) {
            prefixes(dialled, calledKeys);
        }
        calledKeys.add(Entry.ANY);
        return new Probe(List.copyOf(callerKeys), List.copyOf(calledKeys));
    }

    /** True when the call withholds the caller's identity. */
    boolean anonymous() {
        return Entry.ANONYMOUS.equals(callerKeys.get(0));
    }

    private static void prefixes(String number, List<String> into) {
        String n = number.trim();
        for (int len = Math.min(n.length(), MAX); len > 0; len--) {
            into.add(n.substring(0, len));
        }
    }
}
