package org.plugboard.api.status;

import java.util.List;

/**
 * A snapshot of one SIP trunk (never its password).
 *
 * @param name          the trunk's name (its configuration)
 * @param peers         addresses calls are accepted from, as configured ({@code host} or {@code host:port})
 * @param address       where outbound calls go, as configured; empty when the trunk takes no outbound calls
 * @param resolved      {@code address} resolved ({@code host:port/transport}); empty when unresolved or none
 * @param unresolved    configured peers or address that did not resolve
 * @param inboundCalls  calls from the trunk up now
 * @param outboundCalls calls to the trunk up now
 * @param maxInbound    the inbound call limit, -1 for none
 * @param maxOutbound   the outbound call limit, -1 for none
 * @param workarounds   the interop workarounds that apply to the trunk
 */
public record TrunkStatus(String name, List<String> peers, String address, String resolved, List<String> unresolved,
        int inboundCalls, int outboundCalls, int maxInbound, int maxOutbound, List<String> workarounds) {
    public TrunkStatus {
        peers = List.copyOf(peers);
        unresolved = List.copyOf(unresolved);
        workarounds = List.copyOf(workarounds);
    }
}
