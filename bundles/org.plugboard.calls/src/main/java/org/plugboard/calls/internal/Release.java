package org.plugboard.calls.internal;

import javax.sip.message.Response;

import org.plugboard.api.calls.CallTag;

/**
 * How a call ends, as one value: what an unanswered caller is told ({@code status}, {@code phrase}; 0 for the
 * default 487), the CDR's tag, the Q.850 cause and text every Reason header carries, and the leg that hung up (it
 * gets no BYE), if any.
 */
record Release(int status, String phrase, CallTag tag, int cause, String text, Leg hungUp) {
    Release {
        if (tag == null || text == null) {
            throw new IllegalArgumentException("a release needs a tag and a text");
        }
    }

    /** A release the PBX decides (timers, failures, refusals): no leg hung up. */
    static Release of(int status, String phrase, CallTag tag, int cause, String text) {
        return new Release(status, phrase, tag, cause, text, null);
    }

    /**
     * A party hung up with BYE: the other legs get BYE (or CANCEL) with its cause. The party on the record's calling
     * side (the caller, or after a transfer the transferee) is its caller.
     */
    static Release byParty(Leg leg, int cause, String text) {
        return new Release(Response.REQUEST_TERMINATED, null, callingParty(leg) ? CallTag.CALLER_BYE : CallTag.CALLEE_BYE, cause, text, leg);
    }

    static boolean callingParty(Leg leg) {
        return leg.side == leg.call.callingSide;
    }

    /** A timer or a dead transaction ended the call: the caller is sent BYE, or 408/500 when it is unanswered. */
    static Release recovery(CallTag tag, String text, Leg deadLeg) {
        return new Release(0, null, tag, Causes.RECOVERY_ON_TIMER_EXPIRY, text, deadLeg);
    }

    /** The value of a Reason header (RFC 3326) that carries this release's cause and text. */
    String reasonHeaderValue() {
        return "Q.850;cause=" + cause + ";text=\"" + text.replace("\"", "") + "\"";
    }
}
