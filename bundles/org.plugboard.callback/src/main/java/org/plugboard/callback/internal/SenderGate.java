package org.plugboard.callback.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Who may send requests, and how often: an allow-list of IP addresses (empty: anyone) and a token bucket per sender
 * ({@code perSecond} requests a second, bursts of as many). Not thread-safe: the listener's one I/O thread uses it.
 */
final class SenderGate {
    enum Verdict { PASS, DISALLOWED, FLOOD }

    /** Senders whose buckets are kept; beyond it the least recently seen is forgotten (a spoofed flood stays bounded). */
    static final int MAX_SENDERS = 1024;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** An allow-list as configured: the addresses, and the entries that are no IP address (so nothing is allowed for them). */
    record Allowed(Set<InetAddress> addresses, List<String> invalid) {
        boolean anyone() {
            return addresses.isEmpty() && invalid.isEmpty();
        }
    }

    private final Allowed allowed;
    private final int perSecond;
    private final LongSupplier nanos;
    private final Map<InetAddress, long[]> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    SenderGate(Allowed allowed, int perSecond, LongSupplier nanos) {
        this.allowed = allowed;
        this.perSecond = Math.max(1, perSecond);
        this.nanos = nanos;
    }

    /**
     * Reads {@code allowedAddresses}: IP literals separated by commas or spaces (no names: a DNS lookup per start is
     * a dependency the PBX should not have). An entry that is no IP literal is reported and allows nothing.
     */
    static Allowed parse(String list) {
        java.util.LinkedHashSet<InetAddress> out = new java.util.LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String item : (list == null ? "" : list).split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (!IP_LITERAL.matcher(item).matches()) {
                invalid.add(item);
                continue;
            }
            try {
                out.add(InetAddress.getByName(item)); // a literal: no lookup
            } catch (UnknownHostException e) {
                invalid.add(item);
            }
        }
        return new Allowed(Set.copyOf(out), List.copyOf(invalid));
    }

    Verdict admit(InetAddress sender) {
        if (!allowed.anyone() && !allowed.addresses().contains(sender)) {
            return Verdict.DISALLOWED;
        }
        long now = nanos.getAsLong();
        long[] bucket = buckets.computeIfAbsent(sender, s -> new long[] {perSecond, now}); // tokens, last refill
        long elapsed = now - bucket[1];
        long refill = elapsed * perSecond / 1_000_000_000L;
        if (refill > 0) {
            bucket[0] = Math.min(perSecond, bucket[0] + refill);
            bucket[1] = now;
        }
        if (bucket[0] <= 0) {
            return Verdict.FLOOD;
        }
        bucket[0]--;
        return Verdict.PASS;
    }
}
