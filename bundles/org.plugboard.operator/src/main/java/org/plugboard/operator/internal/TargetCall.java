package org.plugboard.operator.internal;

import java.util.List;
import java.util.Optional;

import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.Side;

/**
 * The answered call an extension is a party of now, and its side there: what an operator joins. Pure, over the
 * B2BUA's snapshots ({@code CallControl.calls()}).
 */
record TargetCall(String callId, Side side, String otherParty) {
    /** @param except the operator's own call, never a target */
    static Optional<TargetCall> of(List<CallInfo> calls, String extension, String except) {
        for (CallInfo call : calls) {
            if (call.id().equals(except) || (call.state() != CallState.ANSWERED && call.state() != CallState.CONNECTED)) {
                continue;
            }
            for (Side side : Side.values()) {
                LegInfo party = call.party(side);
                LegInfo other = call.party(side.other());
                if (party != null && other != null && extension.equals(party.peer())) {
                    return Optional.of(new TargetCall(call.id(), side, other.peer()));
                }
            }
        }
        return Optional.empty();
    }
}
