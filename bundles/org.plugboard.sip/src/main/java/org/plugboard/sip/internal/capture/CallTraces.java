package org.plugboard.sip.internal.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traced messages by Call-ID, for a call's ladder diagram, in bounded memory: each message cut at
 * {@link #MESSAGE_BYTES}, at most {@code maxPerCall} per Call-ID (the oldest go), and at most {@code maxBytes} in
 * all: beyond it the Call-IDs touched least recently are forgotten whole. Adding is O(1) and takes one short lock
 * (SIP threads call it).
 */
public final class CallTraces {
    static final int MESSAGE_BYTES = 8192;

    private final int maxPerCall;
    private final long maxBytes;
    /** Access order: the eldest entry is the Call-ID touched least recently. */
    private final LinkedHashMap<String, List<Captured>> byCallId = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public CallTraces(int maxPerCall, long maxBytes) {
        this.maxPerCall = maxPerCall;
        this.maxBytes = maxBytes;
    }

    public synchronized void add(Captured c) {
        Captured kept = c.bytes().length <= MESSAGE_BYTES ? c : new Captured(c.outbound(), c.transport(), c.source(),
                c.destination(), c.epochMicros(), java.util.Arrays.copyOf(c.bytes(), MESSAGE_BYTES), c.callId(),
                c.users(), c.firstLine());
        List<Captured> list = byCallId.computeIfAbsent(kept.callId(), k -> new ArrayList<>());
        if (list.size() == maxPerCall) {
            bytes -= list.remove(0).bytes().length;
        }
        list.add(kept);
        bytes += kept.bytes().length;
        for (Iterator<Map.Entry<String, List<Captured>>> it = byCallId.entrySet().iterator(); bytes > maxBytes
                && it.hasNext();) {
            Map.Entry<String, List<Captured>> eldest = it.next();
            if (eldest.getKey().equals(kept.callId())) {
                continue; // never the call just added to
            }
            for (Captured old : eldest.getValue()) {
                bytes -= old.bytes().length;
            }
            it.remove();
        }
    }

    /** The messages of these Call-IDs, in the order they were seen. */
    public synchronized List<Captured> of(Collection<String> callIds) {
        List<Captured> out = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(callIds)) {
            List<Captured> l = byCallId.get(id);
            if (l != null) {
                out.addAll(l);
            }
        }
        out.sort(java.util.Comparator.comparingLong(Captured::epochMicros));
        return out;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int calls() {
        return byCallId.size();
    }

    public synchronized void clear() {
        byCallId.clear();
        bytes = 0;
    }
}
