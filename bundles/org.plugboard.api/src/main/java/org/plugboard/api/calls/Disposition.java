package org.plugboard.api.calls;

/** The outcome of a call attempt as billing sees it. */
public enum Disposition {
    ANSWERED, NO_ANSWER, BUSY, CANCELLED, FAILED
}
