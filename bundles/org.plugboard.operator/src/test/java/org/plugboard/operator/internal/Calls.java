package org.plugboard.operator.internal;

import java.time.Instant;
import java.util.List;

import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.Side;

/** Call snapshots as the B2BUA gives them, for tests. */
final class Calls {
    private Calls() {
    }

    /** {@code caller} called {@code callee}; answered unless {@code state} says otherwise. */
    static CallInfo call(String id, String caller, String callee, CallState state) {
        boolean answered = state == CallState.ANSWERED || state == CallState.CONNECTED;
        return new CallInfo(id, caller, callee, state, Instant.EPOCH, answered ? Instant.EPOCH : null, List.of(
                new LegInfo("caller", id + "-a", caller, "127.0.0.1:5061/udp", state, Side.CALLER, true),
                new LegInfo("callee", id + "-b", callee, "127.0.0.1:5062/udp", state, Side.CALLEE, answered)));
    }
}
