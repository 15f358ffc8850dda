package org.plugboard.recording.internal;

import java.util.Locale;

/** What a policy says about recording a call; a stronger mode wins when two extensions disagree. */
public enum Mode {
    NEVER(0, "never"),
    ON_DEMAND(1, "on-demand"),
    ALWAYS(2, "always");

    private final int strength;
    private final String word;

    Mode(int strength, String word) {
        this.strength = strength;
        this.word = word;
    }

    /** The word the console and the configuration use: {@code always}, {@code never}, {@code on-demand}. */
    public String word() {
        return word;
    }

    public Mode strongest(Mode other) {
        return other == null || strength >= other.strength ? this : other;
    }

    /** @throws IllegalArgumentException naming the value and the words there are */
    public static Mode parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Mode m : values()) {
            if (m.word.equals(v) || ("ondemand".equals(v) && m == ON_DEMAND)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is no recording mode: use always, never or on-demand");
    }
}
