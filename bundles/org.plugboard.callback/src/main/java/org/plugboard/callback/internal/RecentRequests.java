package org.plugboard.callback.internal;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Accepted requests by sender address and request id. UDP loses answers, so a requester that heard no
 * {@code ACCEPTED} sends the same request again: within the window the repeat finds the first one here and gets its
 * answer instead of a second call. CANCEL finds its call here too. An entry stays while its call is pending or up,
 * and for the window after it was accepted; at most {@link #MAX} are kept (the oldest go first). Touched only on the
 * listener's I/O thread.
 */
final class RecentRequests {
    /** Far above maxLive times any sensible request rate within a window; bounds the memory a sender can take. */
    static final int MAX = 4096;

    /** An accepted request: its call and the reports going to its sender. */
    record Entry(String callId, ProgressReports progress, long acceptedNanos) {
    }

    private final long windowNanos;
    private final LongSupplier nanos;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** @param windowSeconds how long a finished request is remembered; 0: only while its call lives */
    RecentRequests(int windowSeconds, LongSupplier nanos) {
        this.windowNanos = windowSeconds * 1_000_000_000L;
        this.nanos = nanos;
    }

    /** The accepted request of that id from that address, if it is still remembered. */
    Entry find(InetAddress sender, String id) {
        expire();
        return entries.get(key(sender, id));
    }

    void remember(InetAddress sender, String id, String callId, ProgressReports progress) {
        expire();
        entries.put(key(sender, id), new Entry(callId, progress, nanos.getAsLong()));
        Iterator<Entry> oldest = entries.values().iterator();
        while (entries.size() > MAX && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    int size() {
        return entries.size();
    }

    private void expire() {
        long now = nanos.getAsLong();
        entries.values().removeIf(e -> e.progress().finished() && now - e.acceptedNanos() >= windowNanos);
    }

    private static String key(InetAddress sender, String id) {
        return sender.getHostAddress() + " " + id;
    }
}
