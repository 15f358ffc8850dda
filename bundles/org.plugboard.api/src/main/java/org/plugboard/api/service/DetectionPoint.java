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
    RELEASED(true);

    private final boolean terminating;

    DetectionPoint(boolean terminating) {
        this.terminating = terminating;
    }

    /** True for points that serve the called extension, false for the one that serves the caller. */
    public boolean terminating() {
        return terminating;
    }

    /** True for the points where a redirect, reject or connect outcome takes effect. */
    public boolean canChangeTheCall() {
        return this != ANSWERED && this != RELEASED;
    }
}
