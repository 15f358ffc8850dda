package org.plugboard.api.media;

/**
 * Call-progress tones an endpoint generates, with the frequencies and cadence of a country profile (ITU-T E.180
 * Supplement 2). Since 1.2.
 */
public enum Tone {
    /** Ringing tone heard by the caller while the callee rings (repeats). */
    RINGBACK,
    /** Busy tone (repeats). */
    BUSY,
    /** A short tone confirming a feature code or a setting (once). */
    CONFIRMATION,
    /** The beep a party in a call hears when another call waits (repeats after a long pause). */
    CALL_WAITING
}
