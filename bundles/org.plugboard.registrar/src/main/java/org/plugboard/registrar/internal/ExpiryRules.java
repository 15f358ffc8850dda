package org.plugboard.registrar.internal;

/** RFC 3261 10.3 step 7 expiry choice, kept pure so it can be tested alone. */
record ExpiryRules(int min, int max, int dflt) {
    /** What a contact asked for: its expires parameter, else the Expires header, else the default. */
    int requested(int contactParam, int expiresHeader) {
        if (contactParam >= 0) {
            return contactParam;
        }
        return expiresHeader >= 0 ? expiresHeader : dflt;
    }

    /** True if the request must get 423 Interval Too Brief. 0 (remove) is always allowed. */
    boolean tooBrief(int requested) {
        return requested > 0 && requested < min;
    }

    /** The expiry granted: capped at the maximum. */
    int granted(int requested) {
        return Math.min(requested, max);
    }
}
