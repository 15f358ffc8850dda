package org.plugboard.api.calls;

/** Where and by whom a call was released: the "call tag" of a CDR. */
public enum CallTag {
    /** The caller sent BYE. */
    CALLER_BYE,
    /** The callee sent BYE. */
    CALLEE_BYE,
    /** The caller cancelled while it rang. */
    CALLER_CANCEL,
    /** Nobody answered within the ring timeout. */
    RING_TIMEOUT,
    /** The dialled number matched nothing (404). */
    ROUTING_FAILURE,
    /** The callee has no registered device (480). */
    CALLEE_UNREACHABLE,
    /** The callee answered with a final error (busy, decline, ...). */
    CALLEE_REJECTED,
    /** The callee never answered the INVITE at the transaction layer. */
    CALLEE_TIMEOUT,
    /** The caller's request could not be accepted (bad SDP, bad header). */
    BAD_REQUEST,
    /** An administrator hung up the call from the console. */
    ADMIN_HANGUP,
    /** The call reached its maximum duration. */
    MAX_DURATION,
    /** A session timer (RFC 4028) expired without a refresh. */
    SESSION_EXPIRED,
    /** The caller never sent the ACK for our 200. */
    NO_ACK,
    /** A leg stopped answering in-dialog requests. */
    DEAD_LEG,
    /** The media gateway saw no RTP for too long. */
    MEDIA_TIMEOUT,
    /** The media engine failed: no free ports, or a remote engine did not answer. */
    MEDIA_FAILURE,
    /** The PBX refused the call for lack of resources (limits, shutdown). */
    SYSTEM,
    /** A black list refused the call (screening). Since calls 1.2. */
    SCREENED,
    /** The callee had do-not-disturb on and no forwarding took the call. Since calls 1.2. */
    DO_NOT_DISTURB,
    /** The callee (or the calling extension) was over its concurrent call limit, or busy with call waiting off. Since 1.2. */
    CALL_LIMIT,
    /** The dialled number was a feature code, carried out and confirmed. Since calls 1.2. */
    FEATURE_CODE,
    /** The call was transferred away (REFER); the CDR of the transferred call links to it. Since calls 1.2. */
    TRANSFERRED,
    /** The ringing call was picked up by another extension. Since calls 1.2. */
    PICKED_UP,
    /** The caller lacks a permission the dialled service needs (an operator code without the operator permission). Since calls 1.5. */
    NOT_PERMITTED
}
