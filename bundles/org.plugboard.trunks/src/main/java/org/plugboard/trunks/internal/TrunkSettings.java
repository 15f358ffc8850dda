package org.plugboard.trunks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.plugboard.api.sip.NextHop;
import org.plugboard.configvalues.ConfigList;
import org.plugboard.configvalues.ConfigPairs;
import org.plugboard.configvalues.HostPort;

/**
 * A trunk's configuration, checked: every problem names its property, so an admin sees it in the log and in
 * {@code pbx:trunk-add} instead of a trunk that silently takes no calls.
 *
 * @param address     where outbound calls go, unresolved (null: the trunk takes no outbound calls)
 * @param maxInbound  concurrent inbound calls allowed, {@link #UNLIMITED} for no limit
 * @param maxOutbound concurrent outbound calls allowed, {@link #UNLIMITED} for no limit
 */
public record TrunkSettings(String name, List<Peer> peers, NextHop address, String addressText, String prefix,
        String callerId, Map<String, String> dids, int maxInbound, int maxOutbound, String username, String password) {

    public static final int UNLIMITED = -1;
    static final String PROFILE_PREFIX = "trunk:";
    static final String NAME = "[A-Za-z0-9._-]{1,64}";

    public TrunkSettings {
        peers = List.copyOf(peers);
        dids = Map.copyOf(dids);
    }

    static TrunkSettings from(TrunkConfig c) {
        String name = c.name() == null ? "" : c.name().trim();
        if (!name.matches(NAME)) {
            throw new IllegalArgumentException("name '" + name + "': use letters, digits, '.', '_' or '-' (at most 64)");
        }
        List<Peer> peers = new ArrayList<>();
        for (String item : ConfigList.items(c.peers())) {
            try {
                peers.add(Peer.parse(item));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("peers: " + e.getMessage());
            }
        }
        String transport = c.transport() == null || c.transport().isBlank() ? "UDP" : c.transport().trim().toUpperCase();
        if (!transport.equals("UDP") && !transport.equals("TCP") && !transport.equals("TLS")) {
            throw new IllegalArgumentException("transport '" + transport + "': UDP, TCP or TLS");
        }
        String addressText = c.address() == null ? "" : c.address().trim();
        NextHop address = null;
        if (!addressText.isEmpty()) {
            try {
                HostPort hp = HostPort.parse(addressText);
                address = new NextHop(hp.host(), hp.portOr("TLS".equals(transport) ? 5061 : 5060), transport);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("address " + e.getMessage());
            }
        }
        String prefix = c.prefix() == null ? "" : c.prefix().trim();
        if (!prefix.isEmpty() && address == null) {
            throw new IllegalArgumentException("prefix '" + prefix + "' needs an address to send the calls to");
        }
        if (peers.isEmpty() && address == null) {
            throw new IllegalArgumentException("peers or address is required");
        }
        String username = c.username() == null ? "" : c.username().trim();
        return new TrunkSettings(name, peers, address, addressText, prefix, c.caller_id() == null ? "" : c.caller_id().trim(),
                ConfigPairs.map("did", c.did(), "number=extension"), limit("max.inbound", c.max_inbound()), limit("max.outbound", c.max_outbound()), username,
                c.password() == null ? "" : c.password());
    }

    /** Empty or negative: unlimited; 0: none in that direction. */
    static int limit(String property, String value) {
        if (value == null || value.isBlank()) {
            return UNLIMITED;
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n < 0 ? UNLIMITED : n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " '" + value + "': a number (empty or negative: unlimited)");
        }
    }

    /** The profile of this trunk's messages: rewriters and credentials configured with it apply to them. */
    public String profile() {
        return profile(name);
    }

    static String profile(String trunkName) {
        return PROFILE_PREFIX + trunkName;
    }

    /** The addresses messages from this trunk come from: its peers, and its address's host from any port. */
    List<Peer> sources() {
        List<Peer> all = new ArrayList<>(peers);
        if (address != null) {
            all.add(new Peer(address.host(), 0));
        }
        return all;
    }

    static String limitText(int limit) {
        return limit == UNLIMITED ? "-" : Integer.toString(limit);
    }

    @Override
    public String toString() { // never the password
        return "trunk " + name + " (peers " + peers + ", address " + (address == null ? "none" : addressText + " " + address.transport())
                + ", prefix '" + prefix + "', in " + limitText(maxInbound) + ", out " + limitText(maxOutbound)
                + (username.isEmpty() ? "" : ", user " + username) + ")";
    }
}
