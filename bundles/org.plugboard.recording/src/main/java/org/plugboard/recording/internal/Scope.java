package org.plugboard.recording.internal;

import java.util.Locale;

/** What a recording policy is set for. */
public enum Scope {
    EXTENSION, GROUP, LINE, TRUNK, SITE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the scopes there are */
    public static Scope parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is no policy scope: use extension, group, line, trunk or site");
        }
    }
}
