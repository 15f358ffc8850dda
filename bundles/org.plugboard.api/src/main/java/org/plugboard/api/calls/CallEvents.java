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

    /** The call ended; {@code record} is its CDR. */
    default void released(CallInfo call, org.plugboard.api.cdr.CallDetailRecord record) {
    }
}
