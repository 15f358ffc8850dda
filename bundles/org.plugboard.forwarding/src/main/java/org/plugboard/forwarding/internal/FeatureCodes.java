package org.plugboard.forwarding.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The feature-code table and its parser: what a number dialled from a phone means for forwarding. A set code is
 * followed by the target ({@code *721003}); the no-answer code may add {@code *seconds} ({@code *921003*15}); clear
 * codes stand alone. Codes start with {@code *}, so no extension number is ever taken for one (and no {@code #}: a phone
 * sends it escaped in the Request-URI), and no code may be the beginning of another, so every dialled number has at
 * most one meaning.
 */
final class FeatureCodes {
    private static final Pattern CODE = Pattern.compile("\\*[0-9*]{1,9}");

    /** What a code does. */
    enum Action {
        SET, CLEAR, CLEAR_ALL
    }

    /** One row of the table: the code, what it does, and for which kind (null for clear-all). */
    record Code(String digits, Action action, Kind kind, String property) {
    }

    /** A dialled number the table recognised. */
    sealed interface Parsed {
    }

    /** Set forwarding of this kind to the target; seconds only for no answer, null for the default. */
    record Set(Kind kind, String target, Integer seconds) implements Parsed {
    }

    record Clear(Kind kind) implements Parsed {
    }

    record ClearAll() implements Parsed {
    }

    /** A feature code used the wrong way: the text says how to dial it. */
    record Invalid(String text) implements Parsed {
    }

    private final List<Code> codes;

    private FeatureCodes(List<Code> codes) {
        this.codes = List.copyOf(codes);
    }

    /**
     * Checks and builds the table from {@code property -> code} rows (an empty code turns that function off).
     * Errors name the property, the bad value and the fix.
     */
    static FeatureCodes of(List<Code> rows) {
        List<Code> kept = new ArrayList<>();
        Map<String, Code> seen = new LinkedHashMap<>();
        for (Code c : rows) {
            String digits = c.digits() == null ? "" : c.digits().trim();
            if (digits.isEmpty()) {
                continue; // this function has no code
            }
            if (!CODE.matcher(digits).matches()) {
                throw new IllegalArgumentException(c.property() + ": '" + digits + "' is not a feature code; use * and up to "
                        + "9 more digits or *, e.g. " + c.property() + " = *72 (empty: no code)");
            }
            for (Code other : seen.values()) {
                if (other.digits().startsWith(digits) || digits.startsWith(other.digits())) {
                    throw new IllegalArgumentException(c.property() + ": '" + digits + "' clashes with " + other.property()
                            + " = " + other.digits() + " (one may not begin the other); choose another code");
                }
            }
            Code code = new Code(digits, c.action(), c.kind(), c.property());
            seen.put(digits, code);
            kept.add(code);
        }
        return new FeatureCodes(kept);
    }

    List<Code> codes() {
        return codes;
    }

    /** What the dialled number means, or empty when it is no feature code of this table. */
    Optional<Parsed> parse(String dialled) {
        if (dialled == null) {
            return Optional.empty();
        }
        for (Code c : codes) {
            if (!dialled.startsWith(c.digits())) {
                continue;
            }
            String rest = dialled.substring(c.digits().length());
            return Optional.of(switch (c.action()) {
                case CLEAR -> rest.isEmpty() ? new Clear(c.kind()) : noSuffix(c);
                case CLEAR_ALL -> rest.isEmpty() ? new ClearAll() : noSuffix(c);
                case SET -> set(c, rest);
            });
        }
        return Optional.empty();
    }

    private static Parsed noSuffix(Code c) {
        return new Invalid(c.digits() + " takes nothing after it: dial " + c.digits() + " alone");
    }

    private static Parsed set(Code c, String rest) {
        String target = rest;
        Integer seconds = null;
        int star = rest.indexOf('*');
        if (c.kind() == Kind.CFNR && star >= 0) {
            target = rest.substring(0, star);
            String s = rest.substring(star + 1);
            if (!s.matches("[0-9]{1,4}") || Integer.parseInt(s) < Limits.MIN_SECONDS || Integer.parseInt(s) > Limits.MAX_SECONDS) {
                return new Invalid("'" + s + "' after the * is not a ring time: dial " + c.digits() + "<number>*<seconds "
                        + Limits.MIN_SECONDS + "-" + Limits.MAX_SECONDS + ">, e.g. " + c.digits() + "1003*15");
            }
            seconds = Integer.parseInt(s);
        }
        if (!Targets.wellFormed(target)) {
            String how = c.kind() == Kind.CFNR ? c.digits() + "<number>[*<seconds>], e.g. " + c.digits() + "1003*15"
                    : c.digits() + "<number>, e.g. " + c.digits() + "1003";
            return new Invalid((target.isEmpty() ? "no number after " + c.digits() : "'" + target + "' is not a number")
                    + ": dial " + how);
        }
        return new Set(c.kind(), target, seconds);
    }
}
