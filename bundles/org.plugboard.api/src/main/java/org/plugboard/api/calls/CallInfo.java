package org.plugboard.api.calls;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one call for listeners and views.
 *
 * @param id       the PBX's short call id (console: {@code pbx:call-hangup <id>})
 * @param caller   calling extension or number
 * @param callee   dialled number
 * @param state    the call's state
 * @param started  when the INVITE arrived
 * @param answered when it was answered, or null
 * @param legs     the caller leg first, then callee legs
 */
public record CallInfo(String id, String caller, String callee, CallState state, Instant started, Instant answered,
        List<LegInfo> legs) {
    public CallInfo {
        legs = List.copyOf(legs);
    }
}
