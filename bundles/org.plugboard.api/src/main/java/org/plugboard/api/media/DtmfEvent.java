package org.plugboard.api.media;

/**
 * One RFC 4733 telephone event.
 *
 * @param from           the side that sent it
 * @param digit          0-9, *, #, A-D (events 0-15)
 * @param durationMillis the event's duration from its end packet
 */
public record DtmfEvent(Side from, char digit, int durationMillis) {
    private static final String DIGITS = "0123456789*#ABCD";

    /** The digit for an RFC 4733 event code, or '?' for codes beyond 15 (flash and tones). */
    public static char digitOf(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : '?';
    }
}
