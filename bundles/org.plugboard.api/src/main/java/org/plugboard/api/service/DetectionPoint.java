package org.plugboard.api.service;

/**
 * Where in a call a service is asked (the detection points of IN switches). Originating points serve the caller,
 * terminating points serve the called extension.
 */
public enum DetectionPoint {
    /** The caller is authenticated and has dialled; nothing is routed yet. Serves the caller. */
    ORIGINATING(false),
    /** The dialled number was routed to a target; no leg has started. Serves the callee. */
    ROUTED(true),
    /** Every device of the callee answered busy (486/600), or the callee is over its call limit. Serves the callee. */
    BUSY(true),
    /** The callee rang and nobody answered before its ring timeout. Serves the callee. */
    NO_ANSWER(true),
    /** The callee has no registered device, or its devices answered 408, 480 or 503. Serves the callee. */
    UNREACHABLE(true),
    /** The call was answered. Outcomes other than continue are ignored here. */
    ANSWERED(true),
    /** The call ended. Outcomes are ignored here; a service releases what it held for the call. */
    RELEASED(true),
    /**
     * A party of an answered call asked to transfer it (REFER, RFC 3515): serves the transferor, the party that sent
     * the REFER; {@link ServiceRequest#transferTarget()} names where it asks the call to go. A {@link Outcome.Reject}
     * refuses the REFER with its status (403 typically); other outcomes are ignored (the transfer goes on). When no
     * service is registered at this point the PBX refuses every transfer (403 "Transfer not enabled"): installing a
     * transfer service is what enables transfers. Since 1.1.
     */
    TRANSFER(false);

    private final boolean terminating;

    DetectionPoint(boolean terminating) {
        this.terminating = terminating;
    }

    /** True for points that serve the called extension, false for those that serve the caller or a transferor. */
    public boolean terminating() {
        return terminating;
    }

    /** True for the points where a redirect, reject or connect outcome takes effect. */
    public boolean canChangeTheCall() {
        return this != ANSWERED && this != RELEASED;
    }
}
