package org.plugboard.trunks.internal;

import org.plugboard.configvalues.HostPort;

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
        HostPort hp = HostPort.parse(text);
        return new Peer(hp.host(), hp.port());
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }
}
