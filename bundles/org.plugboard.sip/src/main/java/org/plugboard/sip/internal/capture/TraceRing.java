package org.plugboard.sip.internal.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last traced messages, for {@code pbx:sip-trace show}: a bounded ring, each entry cut at {@link #ENTRY_CHARS}. */
final class TraceRing {
    static final int ENTRY_CHARS = 8192;
    private final int capacity;
    private final ArrayDeque<String> entries = new ArrayDeque<>();

    TraceRing(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry.length() > ENTRY_CHARS ? entry.substring(0, ENTRY_CHARS) + "\n[... cut]" : entry);
    }

    /** The newest {@code n}, oldest first. */
    synchronized List<String> last(int n) {
        List<String> all = new ArrayList<>(entries);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    synchronized void clear() {
        entries.clear();
    }
}
