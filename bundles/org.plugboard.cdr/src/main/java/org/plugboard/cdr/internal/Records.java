package org.plugboard.cdr.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.plugboard.api.cdr.CallDetailRecord;

/** Null-safe helpers over {@link CallDetailRecord}: a sink must store whatever it is given, never fail on it. */
final class Records {
    private Records() {
    }

    /** {@link CallDetailRecord#billableSeconds()} that does not throw for a record without an end. */
    static long billableSeconds(CallDetailRecord r) {
        if (r.answer() == null || r.end() == null) {
            return 0;
        }
        return r.billableSeconds();
    }

    static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    /** Cuts a value to a column width so an oversized header never makes a record unstorable. */
    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A value as the database stores it: cut to the column, and empty as null (as the CSV file reads it back). */
    static String text(String s, int max) {
        return s == null || s.isEmpty() ? null : cut(s, max);
    }

    /** Times are kept to the millisecond, as the CSV file writes them. */
    static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A value written by a newer version that this one does not know reads as null rather than failing. */
    static <E extends Enum<E>> E parse(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A record's notes as one text: joined by " | " (a bar inside a note becomes "/"); null when there are none. */
    static String notes(java.util.List<String> notes) {
        if (notes == null || notes.isEmpty()) {
            return null;
        }
        return String.join(" | ", notes.stream().map(n -> n.replace('|', '/')).toList());
    }

    /** The notes of a stored text (see {@link #notes(java.util.List)}). */
    static java.util.List<String> notes(String text) {
        return text == null || text.isBlank() ? java.util.List.of() : java.util.List.of(text.split(" \\| "));
    }

    /** Width of column leg_call_ids. */
    static final int LEGS_WIDTH = 4000;

    /**
     * Legs' Call-IDs as one text: joined by " " (RFC 3261 Call-IDs hold no whitespace; one that does is left out
     * rather than split in two); null when there are none. Cut at whole Call-IDs to {@code max} characters, so what
     * is stored is always a list of real Call-IDs, the caller's first.
     */
    static String legs(java.util.List<String> callIds, int max) {
        StringBuilder out = new StringBuilder();
        for (String id : callIds == null ? java.util.List.<String>of() : callIds) {
            if (id == null || id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
                continue;
            }
            if (out.length() + (out.length() > 0 ? 1 : 0) + id.length() > max) {
                break;
            }
            out.append(out.length() > 0 ? " " : "").append(id);
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** The legs' Call-IDs of a stored text (see {@link #legs(java.util.List, int)}). */
    static java.util.List<String> legs(String text) {
        return text == null || text.isBlank() ? java.util.List.of() : java.util.List.of(text.trim().split(" +"));
    }
}
