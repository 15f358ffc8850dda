package org.plugboard.cdr.internal;

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
}
