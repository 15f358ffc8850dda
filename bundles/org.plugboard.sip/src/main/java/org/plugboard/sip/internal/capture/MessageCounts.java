package org.plugboard.sip.internal.capture;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * SIP messages in and out by method and status code. Methods outside the known set count as {@code OTHER} and codes
 * outside 100-699 as {@code 0}, so a peer sending made-up methods cannot grow the table.
 */
public final class MessageCounts {
    static final Set<String> METHODS = Set.of("INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "PRACK", "UPDATE",
            "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "INFO", "PUBLISH");

    /** {@code status} is 0 for requests. */
    public record Key(boolean outbound, String method, int status) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Boolean.compare(outbound, o.outbound);
            c = c != 0 ? c : method.compareTo(o.method);
            return c != 0 ? c : Integer.compare(status, o.status);
        }
    }

    private final ConcurrentHashMap<Key, LongAdder> counts = new ConcurrentHashMap<>();

    void request(boolean outbound, String method) {
        count(new Key(outbound, known(method), 0));
    }

    void response(boolean outbound, String method, int status) {
        count(new Key(outbound, known(method), status >= 100 && status <= 699 ? status : 0));
    }

    private void count(Key k) {
        LongAdder a = counts.get(k);
        if (a == null) {
            a = counts.computeIfAbsent(k, x -> new LongAdder());
        }
        a.increment();
    }

    private static String known(String method) {
        return method != null && METHODS.contains(method) ? method : "OTHER";
    }

    /** A sorted copy; requests have status 0. */
    public Map<Key, Long> snapshot() {
        Map<Key, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
