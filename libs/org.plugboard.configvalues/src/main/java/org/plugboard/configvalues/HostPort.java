package org.plugboard.configvalues;

/**
 * A configured {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or bare IPv6 literal.
 *
 * @param host the name or IP, without brackets
 * @param port the port, 0 when none was given
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
    }

    /** @throws IllegalArgumentException naming the text and what is wrong with it */
    public static HostPort parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("'" + s + "': expected host or host:port");
        }
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("'" + text + "': no closing ]");
            }
            String rest = s.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "': expected [address]:port");
            }
            return new HostPort(s.substring(1, end), rest.isEmpty() ? 0 : port(text, rest.substring(1)));
        }
        int colon = s.indexOf(':');
        if (colon < 0 || s.indexOf(':', colon + 1) >= 0) { // no port, or an IPv6 literal without brackets
            return new HostPort(s, 0);
        }
        return new HostPort(s.substring(0, colon), port(text, s.substring(colon + 1)));
    }

    /** The port, or {@code otherwise} when none was given (5060 for SIP). */
    public int portOr(int otherwise) {
        return port == 0 ? otherwise : port;
    }

    /** The host as a URI writes it: IPv6 literals in brackets. */
    public String uriHost() {
        return host.contains(":") ? "[" + host + "]" : host;
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
        return port == 0 ? uriHost() : uriHost() + ":" + port;
    }
}
