package org.plugboard.media.ng.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code host:port} and {@code [v6]:port} as configured. */
final class Addresses {
    private Addresses() {
    }

    /**
     * Parses and resolves once (a host name is looked up now, not per request).
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    static InetSocketAddress parse(String value, String what) {
        String v = value == null ? "" : value.trim();
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new IllegalArgumentException(what + " '" + value + "' is not host:port (e.g. 127.0.0.1:2223 or [::1]:2223)");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(what + " '" + value + "': write an IPv6 address in brackets, e.g. [::1]:2223");
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " '" + value + "': the port must be 1 to 65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + " '" + value + "': unknown host " + host, e);
        }
    }

    /** host:port, IPv6 in brackets. */
    static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
