package org.plugboard.trunks.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.plugboard.api.sip.NextHop;

/**
 * A trunk's addresses as looked up: the IPs its messages may come from (any port, or one port) and the IP outbound
 * calls go to. Built off the SIP threads; a name that does not resolve is left out (and shown as unresolved).
 */
record ResolvedTrunk(TrunkSettings settings, Set<InetAddress> anyPort, Set<InetSocketAddress> exact, NextHop hop,
        List<String> unresolved) {

    /** @param lookup name to addresses (InetAddress::getAllByName; tests pass their own) */
    static ResolvedTrunk resolve(TrunkSettings s, Function<String, InetAddress[]> lookup) {
        Set<InetAddress> any = new HashSet<>();
        Set<InetSocketAddress> exact = new HashSet<>();
        List<String> unresolved = new java.util.ArrayList<>();
        for (Peer p : s.sources()) {
            InetAddress[] found = lookup.apply(p.host());
            if (found == null || found.length == 0) {
                unresolved.add(p.host());
                continue;
            }
            for (InetAddress a : found) {
                if (p.port() == 0) {
                    any.add(a);
                } else {
                    exact.add(new InetSocketAddress(a, p.port()));
                }
            }
        }
        NextHop hop = null;
        if (s.address() != null) {
            InetAddress[] found = lookup.apply(s.address().host());
            if (found != null && found.length > 0) {
                hop = new NextHop(found[0].getHostAddress(), s.address().port(), s.address().transport());
            }
        }
        return new ResolvedTrunk(s, Set.copyOf(any), Set.copyOf(exact), hop, List.copyOf(new java.util.LinkedHashSet<>(unresolved)));
    }

    boolean isSource(InetSocketAddress remote) {
        return anyPort.contains(remote.getAddress()) || exact.contains(remote);
    }

    /** A lookup that never touches DNS: IP literals only (null for names). */
    static InetAddress[] literalOnly(String host) {
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return null;
        }
        try {
            return new InetAddress[] {InetAddress.getByName(host)};
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static InetAddress[] dns(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
