package org.plugboard.trunks.internal;

/**
 * An address calls are accepted from: a host (name or IP literal) and a port, 0 meaning any source port.
 */
public record Peer(String host, int port) {
    public Peer {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a peer without a host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
    }

    /** Parses {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 literal. */
    static Peer parse(String text) {
        String s = text.trim();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("'" + text + "': no closing ]");
            }
            String rest = s.substring(end + 1);
            return new Peer(s.substring(1, end), rest.isEmpty() ? 0 : port(text, rest.substring(rest.startsWith(":") ? 1 : 0)));
        }
        int colon = s.indexOf(':');
        if (colon < 0 || s.indexOf(':', colon + 1) >= 0) { // no port, or an IPv6 literal without brackets
            return new Peer(s, 0);
        }
        return new Peer(s.substring(0, colon), port(text, s.substring(colon + 1)));
    }

    private static int port(String text, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("'" + text + "': port out of range");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': expected host or host:port");
        }
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }
}
