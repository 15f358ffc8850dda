package org.plugboard.api.calls;

import org.plugboard.api.media.Side;

/**
 * One leg of a call as views show it.
 *
 * @param role    {@code caller} for a leg whose device sent us the INVITE (it initiated its dialog), {@code callee} for
 *                one we called
 * @param callId  the SIP Call-ID of this leg's dialog
 * @param peer    the user or number at the far end: for a party, the extension (or number) it is
 * @param target  where the leg's requests go (host:port/transport)
 * @param state   the leg's state
 * @param side    the side of the call this leg's party stands on (since calls 1.3). The role says who initiated the
 *                dialog, the side where the party is: a transfer's target is a callee-role leg standing on the
 *                caller's side when the caller transferred, and a call pickup's picker a caller-role leg on the
 *                callee's side
 * @param party   true while this leg is the party connected on its side (since calls 1.3): the caller leg from the
 *                start, the callee leg that answered; false for legs still ringing, forks that lost, and a transferor
 *                once its target took its place. {@link CallInfo#party(Side)} finds it
 */
public record LegInfo(String role, String callId, String peer, String target, CallState state, Side side, boolean party) {

    /**
     * A leg in the form of calls 1.2: the side follows the role, and it is the party when it is the caller leg or an
     * answered callee leg.
     */
    public LegInfo(String role, String callId, String peer, String target, CallState state) {
        this(role, callId, peer, target, state, "caller".equals(role) ? Side.CALLER : Side.CALLEE,
                "caller".equals(role) ? state != CallState.RELEASED : state == CallState.ANSWERED || state == CallState.CONNECTED);
    }

    /** True when this leg's device initiated its dialog (it sent us the INVITE): RFC 4235's initiator. */
    public boolean initiator() {
        return "caller".equals(role);
    }
}
