package org.plugboard.groups.internal;

import java.util.Arrays;
import java.util.List;

/** How a ring group offers a call to its members. */
public enum Strategy {
    /** Every member at once; the first to answer takes the call, the others get CANCEL. */
    SIMULTANEOUS("simultaneous"),
    /** One member after another, in the listed order, each for the group's member ring time. */
    SEQUENTIAL("sequential"),
    /** One after another, starting with the member offered a call longest ago (least recent first). */
    ROUND_ROBIN("round-robin");

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    /** The name the console and the database use: {@code simultaneous}, {@code sequential}, {@code round-robin}. */
    public String label() {
        return label;
    }

    /** True for the strategies that ring one member at a time (a {@code Route.Hunt}). */
    public boolean oneAtATime() {
        return this != SIMULTANEOUS;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Strategy::label).toList();
    }

    /** The strategy named {@code text} (its label, case-insensitive; {@code round_robin} too). */
    public static Strategy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase().replace('_', '-');
        for (Strategy s : values()) {
            if (s.label.equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a ring strategy: use " + String.join(", ", labels()));
    }

    @Override
    public String toString() {
        return label;
    }
}
