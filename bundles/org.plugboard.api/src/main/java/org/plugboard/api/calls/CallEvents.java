package org.plugboard.api.calls;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A listener for call progress (BLF, console and web views). Called on the call's strand: return at once and
 * never block; hand work to your own executor.
 */
@ConsumerType
public interface CallEvents {
    default void created(CallInfo call) {
    }

    default void ringing(CallInfo call) {
    }

    default void answered(CallInfo call) {
    }

    /**
     * A DTMF digit (RFC 4733 telephone event) went through the media relay, from the caller or from the callee;
     * it was relayed unchanged as well. Only engines that see the packets report them (the in-process relay).
     */
    default void dtmf(CallInfo call, boolean fromCaller, char digit, int durationMillis) {
    }

    /**
     * The party on one side of an answered call was replaced by another, the call going on: a transfer's target took
     * the transferor's place ({@code left} the transferor's leg, {@code joined} the target's, both on the same
     * {@link LegInfo#side()}). {@code call} names the new parties. By default this is told as {@link #answered}
     * with the new parties, as before calls 1.3.
     *
     * @since calls 1.3
     */
    default void partyReplaced(CallInfo call, LegInfo left, LegInfo joined) {
        answered(call);
    }

    /** The call ended; {@code record} is its CDR. */
    default void released(CallInfo call, org.plugboard.api.cdr.CallDetailRecord record) {
    }
}
