package org.plugboard.recording.internal;

/**
 * Recognises the on-demand code (default {@code *1}) in the DTMF digits of one party: every digit of the code, in
 * order, the last within {@link #WINDOW_MILLIS} of the first. Any other digit starts over (a digit equal to the
 * code's first starts a new attempt). Fed on the call's strand; the time comes from the caller, so tests drive it
 * with a manual clock.
 */
public final class ToggleCode {
    public static final long WINDOW_MILLIS = 2000;

    private final String code;
    private int matched;
    private long firstAt;

    public ToggleCode(String code) {
        this.code = code == null ? "" : code;
    }

    /** @return true when this digit completes the code */
    public synchronized boolean feed(char digit, long nowMillis) {
        if (code.isEmpty()) {
            return false;
        }
        if (matched > 0 && nowMillis - firstAt > WINDOW_MILLIS) {
            matched = 0;
        }
        if (digit == code.charAt(matched)) {
            if (matched == 0) {
                firstAt = nowMillis;
            }
            matched++;
        } else if (digit == code.charAt(0)) {
            matched = 1;
            firstAt = nowMillis;
        } else {
            matched = 0;
        }
        if (matched == code.length()) {
            matched = 0;
            return nowMillis - firstAt <= WINDOW_MILLIS;
        }
        return false;
    }
}
