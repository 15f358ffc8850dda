package org.plugboard.serviceplans.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a plan is keyed by: a number (an extension, a ring group, an outside number), a service class (a named group
 * of extensions such as {@code sales}), or {@code *}, the site default. The three never look alike: numbers are
 * digits (with an optional leading {@code +}), class names start with a letter.
 */
enum Scope {
    SITE, SERVICE_CLASS, NUMBER;

    /** The site default's scope. */
    static final String SITE_SCOPE = "*";

    private static final Pattern NUMBER_SHAPE = Pattern.compile("\\+?[0-9]{1,32}");
    private static final Pattern CLASS_SHAPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** The kind of a normalized scope. */
    static Scope of(String scope) {
        if (SITE_SCOPE.equals(scope)) {
            return SITE;
        }
        return NUMBER_SHAPE.matcher(scope).matches() ? NUMBER : SERVICE_CLASS;
    }

    /** True for a number that can have a plan of its own (what a served user is looked up by). */
    static boolean isNumber(String s) {
        return s != null && NUMBER_SHAPE.matcher(s).matches();
    }

    /**
     * A scope as typed, checked and normalized (class names lower-case).
     *
     * @throws IllegalArgumentException naming the input and the three shapes a scope can have
     */
    static String normalize(String raw) {
        String s = raw == null ? "" : raw.trim();
        if (SITE_SCOPE.equals(s) || NUMBER_SHAPE.matcher(s).matches()) {
            return s;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (CLASS_SHAPE.matcher(lower).matches()) {
            return lower;
        }
        throw new IllegalArgumentException("'" + s + "' is no scope: give an extension or other number (digits, e.g. 1002 or "
                + "+4930123), a service class (a name starting with a letter, e.g. sales), or '*' for the site default");
    }

    /**
     * A service class name as typed, checked and lower-cased.
     *
     * @throws IllegalArgumentException when it is no class name (a number, '*', or other characters)
     */
    static String className(String raw) {
        String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (!CLASS_SHAPE.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + (raw == null ? "" : raw.trim()) + "' is no service class name: use a name "
                    + "that starts with a letter, then letters, digits, '-' or '_' (at most 32), e.g. sales");
        }
        return s;
    }

    /** How a scope reads in messages: "extension or number 1002", "class sales", "the site default (*)". */
    static String describe(String scope) {
        return switch (of(scope)) {
            case SITE -> "the site default (*)";
            case SERVICE_CLASS -> "class " + scope;
            case NUMBER -> "number " + scope;
        };
    }
}
