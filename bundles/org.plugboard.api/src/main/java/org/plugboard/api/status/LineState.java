package org.plugboard.api.status;

/** Where a line's registration at its provider stands. */
public enum LineState {
    /** Not registered: not yet answered, registration off, or unregistered. */
    UNREGISTERED,
    /** The provider accepted the last REGISTER; a refresh is due before the expiry. */
    REGISTERED,
    /** The last REGISTER failed (error, timeout, refused credentials); a retry is scheduled. */
    FAILING
}
