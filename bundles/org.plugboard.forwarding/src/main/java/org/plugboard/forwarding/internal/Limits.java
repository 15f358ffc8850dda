package org.plugboard.forwarding.internal;

/** Bounds shared by the console, the feature codes and the configuration. */
public final class Limits {
    /** The shortest and longest ring time before forwarding on no answer, in seconds (as Outcome.RingTimeout). */
    public static final int MIN_SECONDS = 1;
    public static final int MAX_SECONDS = 3600;

    private Limits() {
    }

    public static boolean validSeconds(int seconds) {
        return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
    }
}
