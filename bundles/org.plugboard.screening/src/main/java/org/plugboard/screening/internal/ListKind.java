package org.plugboard.screening.internal;

import java.util.Locale;

/** Black entries refuse matching calls (at their rate); white entries let them through the list. */
public enum ListKind {
    BLACK, WHITE;

    /** {@code black} or {@code white}, any case; the error names the fix. */
    public static ListKind parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (ListKind k : values()) {
            if (k.name().equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is no list kind: use black (refuse) or white (let through)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
