package org.plugboard.api.calls;

/** Life of a call (and of each leg). */
public enum CallState {
    /** INVITE received, being routed or sent on. */
    TRYING,
    /** A callee device is ringing (18x seen). */
    RINGING,
    /** 200 sent to the caller, waiting for its ACK. */
    ANSWERED,
    /** Media flows: both dialogs confirmed. */
    CONNECTED,
    /** Released; no more events. */
    RELEASED
}
