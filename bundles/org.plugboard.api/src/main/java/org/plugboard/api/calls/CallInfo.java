package org.plugboard.api.calls;

import java.time.Instant;
import java.util.List;

import org.plugboard.api.media.Side;

/**
 * A snapshot of one call for listeners and views. {@code caller} and {@code callee} follow the call's parties: after
 * a transfer they name the transferee and the target. Who stands on which side now, and by which leg, is
 * {@link #party(Side)} (since calls 1.3).
 *
 * @param id       the PBX's short call id (console: {@code pbx:call-hangup <id>})
 * @param caller   calling extension or number
 * @param callee   dialled number
 * @param state    the call's state
 * @param started  when the INVITE arrived
 * @param answered when it was answered, or null
 * @param legs     the caller leg first, then callee legs
 * @param callerAnonymous the caller withheld its identity (anonymous From, {@code Privacy: id} or {@code user}, no
 *                 usable number): views that show the caller to others (BLF, a callee's display) must not name it;
 *                 {@code caller} still names it for the admin and the records (since calls 1.4)
 */
public record CallInfo(String id, String caller, String callee, CallState state, Instant started, Instant answered,
        List<LegInfo> legs, boolean callerAnonymous) {
    public CallInfo {
        legs = List.copyOf(legs);
    }

    /** A call whose caller shows its identity (the form before calls 1.4). */
    public CallInfo(String id, String caller, String callee, CallState state, Instant started, Instant answered,
            List<LegInfo> legs) {
        this(id, caller, callee, state, started, answered, legs, false);
    }

    /**
     * The leg of the party connected on {@code side} now, or null (the call is not answered yet, for the callee's
     * side). Its {@link LegInfo#peer()} is the extension there: the caller, or the transferee or target of a transfer,
     * the member of a ring group that answered, the extension that picked the call up.
     *
     * @since calls 1.3
     */
    public LegInfo party(Side side) {
        for (LegInfo leg : legs) {
            if (leg.party() && leg.side() == side) {
                return leg;
            }
        }
        return null;
    }
}
