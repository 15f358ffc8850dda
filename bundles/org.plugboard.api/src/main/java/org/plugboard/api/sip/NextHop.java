package org.plugboard.api.sip;

/**
 * Where a request we originate is sent, independent of its Request-URI: the source address a phone registered
 * from (it may sit behind NAT), or an outbound proxy in front of a logical IMS domain.
 *
 * @param host      IP address or host name
 * @param port      port, 5060 when the peer gave none
 * @param transport UDP, TCP or TLS
 */
public record NextHop(String host, int port, String transport) {
    public NextHop {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("next hop without a host");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("next hop port out of range: " + port);
        }
        transport = transport == null ? "UDP" : transport.toUpperCase();
    }

    /** Parses {@code host:port} or {@code [v6]:port} as the registrar stores a binding's source. */
    public static NextHop parse(String hostPort, String transport) {
        String s = hostPort.trim();
        if (s.startsWith("/")) {
            s = s.substring(1);
        }
        int colon = s.lastIndexOf(':');
        int bracket = s.lastIndexOf(']');
        if (colon < 0 || colon < bracket) {
            return new NextHop(strip(s), 5060, transport);
        }
        return new NextHop(strip(s.substring(0, colon)), Integer.parseInt(s.substring(colon + 1)), transport);
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
