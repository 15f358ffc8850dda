package org.plugboard.api.calls;

/**
 * One leg of a call as views show it.
 *
 * @param role    {@code caller} for the inbound leg, {@code callee} for an outbound one
 * @param callId  the SIP Call-ID of this leg's dialog
 * @param peer    the user or number at the far end
 * @param target  where the leg's requests go (host:port/transport)
 * @param state   the leg's state
 */
public record LegInfo(String role, String callId, String peer, String target, CallState state) {
}
