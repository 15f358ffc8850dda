package org.plugboard.recording.internal;

/** One stored policy. The site's is stored under the name {@link #SITE_NAME}. */
public record Policy(Scope scope, String name, Mode mode) {
    public static final String SITE_NAME = "*";

    public Policy {
        if (scope == null || mode == null) {
            throw new IllegalArgumentException("a recording policy needs a scope and a mode");
        }
        name = scope == Scope.SITE ? SITE_NAME : checkName(name);
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a recording policy needs the name of its extension, group, line or trunk");
        }
        String n = name.trim();
        if (n.length() > 128 || !n.matches("[A-Za-z0-9_.+*#@-]+")) {
            throw new IllegalArgumentException("'" + name + "' is no extension, group, line or trunk name: use letters, digits, "
                    + "and . _ - + * # @ (at most 128)");
        }
        return n;
    }
}
