package org.plugboard.sip.internal.capture;

import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Which messages the trace and the pcap keep: those of one of the given extensions (user of From, To or
 * Request-URI), Call-IDs or peer addresses ({@code 192.0.2.7} or {@code 192.0.2.7:5060}, {@code [2001:db8::1]:5060}).
 * A message matching any one criterion passes; no criterion at all lets every message pass.
 */
public record TraceFilter(Set<String> extensions, Set<String> callIds, Set<String> addresses) {
    public static final TraceFilter ALL = new TraceFilter(Set.of(), Set.of(), Set.of());

    public TraceFilter {
        extensions = Set.copyOf(extensions);
        callIds = Set.copyOf(callIds);
        addresses = Set.copyOf(addresses.stream().map(TraceFilter::normalise).toList());
    }

    public boolean all() {
        return extensions.isEmpty() && callIds.isEmpty() && addresses.isEmpty();
    }

    public boolean matches(Captured m) {
        if (all()) {
            return true;
        }
        if (callIds.contains(m.callId())) {
            return true;
        }
        for (String u : m.users()) {
            if (extensions.contains(u)) {
                return true;
            }
        }
        InetSocketAddress r = m.remote();
        String ip = r.getAddress() == null ? r.getHostString() : r.getAddress().getHostAddress();
        return addresses.contains(ip) || addresses.contains(ip + ":" + r.getPort());
    }

    /**
     * One spelling per address: {@code [::1]:5060} and {@code [0:0:0:0:0:0:0:1]:5060} are the same peer. IPv6 with a
     * port needs brackets; the address is parsed as a literal (no lookup), a name stays as written.
     */
    static String normalise(String a) {
        String s = a.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return s;
            }
            return canonical(s.substring(1, close)) + s.substring(close + 1);
        }
        if (s.indexOf(':') != s.lastIndexOf(':')) {
            return canonical(s); // IPv6 without a port
        }
        int colon = s.indexOf(':');
        return colon < 0 ? canonical(s) : canonical(s.substring(0, colon)) + s.substring(colon);
    }

    private static String canonical(String ip) {
        if (!ip.contains(":") && !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return ip;
        }
        try {
            return java.net.InetAddress.getByName(ip).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return ip;
        }
    }

    @Override
    public String toString() {
        if (all()) {
            return "all messages";
        }
        StringBuilder b = new StringBuilder();
        append(b, "extension", extensions);
        append(b, "call-id", callIds);
        append(b, "address", addresses);
        return b.toString();
    }

    private static void append(StringBuilder b, String what, Set<String> values) {
        if (!values.isEmpty()) {
            b.append(b.length() == 0 ? "" : " or ").append(what).append(' ').append(String.join(", ", values.stream().sorted().toList()));
        }
    }
}
