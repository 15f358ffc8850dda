package org.plugboard.screening.internal;

import java.util.regex.Pattern;

/**
 * What an entry may hold. Every error names the fault and the fix, so the console can print it as it is.
 * Prefixes are digits with an optional leading {@code +} (or {@code +} alone: every international number), at most
 * {@value #MAX_PREFIX} characters; the caller may also be {@code anonymous}, both may be {@code *} (any).
 */
final class EntryRules {
    static final int MAX_PREFIX = 32;
    private static final Pattern PREFIX = Pattern.compile("\\+?[0-9]*");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{1,32}");

    private EntryRules() {
    }

    /** {@code system} or an extension number. */
    static String owner(String text) {
        String t = text == null ? "" : text.trim();
        if (Entry.SYSTEM.equalsIgnoreCase(t)) {
            return Entry.SYSTEM;
        }
        return extension(t);
    }

    static String extension(String text) {
        String t = text == null ? "" : text.trim();
        if (!EXTENSION.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + t + "' is neither system nor an extension number: use system for the "
                    + "list every call goes through, or the extension's digits, e.g. 1002");
        }
        return t;
    }

    static String caller(String text) {
        String t = text == null ? "" : text.trim();
        if (Entry.ANONYMOUS.equalsIgnoreCase(t)) {
            return Entry.ANONYMOUS;
        }
        return prefix("caller", t, "anonymous (calls that withhold their number), ");
    }

    static String called(String text) {
        String t = text == null ? "" : text.trim();
        if (Entry.ANONYMOUS.equalsIgnoreCase(t)) {
            throw new IllegalArgumentException("anonymous names callers, not dialled numbers: give a called prefix of digits "
                    + "(e.g. 0900) or * for any number");
        }
        return prefix("called", t, "");
    }

    private static String prefix(String what, String t, String alternatives) {
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " prefix is empty: give digits (e.g. 0049 or +49), "
                    + alternatives + "or * for any " + what + " number");
        }
        if (Entry.ANY.equals(t)) {
            return Entry.ANY;
        }
        if (!PREFIX.matcher(t).matches()) {
            throw new IllegalArgumentException(what + " prefix '" + t + "' is not a number prefix: use digits with an optional "
                    + "leading + (e.g. +4930), " + alternatives + "or * for any " + what + " number");
        }
        if (t.length() > MAX_PREFIX) {
            throw new IllegalArgumentException(what + " prefix '" + t + "' is longer than " + MAX_PREFIX
                    + " characters: a prefix that long matches no number; shorten it");
        }
        return t;
    }

    /** The share of matching calls a black entry refuses; white entries take no rate. */
    static int rate(ListKind kind, String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        int rate;
        try {
            rate = Integer.parseInt(text.trim().replaceFirst("%$", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate '" + text.trim() + "' is not a number: give a percentage from 0 to 100, "
                    + "e.g. --rate 50");
        }
        if (rate < 0 || rate > 100) {
            throw new IllegalArgumentException("rate " + rate + " is not a percentage: use 0 to 100 (100 refuses every "
                    + "matching call, 50 half of them, 0 none), e.g. --rate 50");
        }
        if (kind == ListKind.WHITE && rate != 100) {
            throw new IllegalArgumentException("a white entry lets every matching call through and takes no rate: drop "
                    + "--rate, or add a black entry with --rate " + rate);
        }
        return rate;
    }
}
