package org.plugboard.serviceplans.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The service names of a plan as typed: checked, in order, each once; {@code none} alone is the empty plan. */
final class ServiceNames {
    /** The word for a plan that runs no service. */
    static final String NONE = "none";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ServiceNames() {
    }

    /**
     * @throws IllegalArgumentException naming the bad name, a repeated name, or {@code none} mixed with names
     */
    static List<String> parse(List<String> raw) {
        List<String> names = new ArrayList<>();
        for (String r : raw == null ? List.<String>of() : raw) {
            for (String n : r.split(",")) { // "a,b" and "a b" both work
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no service named: give the service names in the order they run "
                    + "(plugboard.service.name, see pbx:service-list), or 'none' for a plan that runs no service");
        }
        if (names.contains(NONE)) {
            if (names.size() > 1) {
                throw new IllegalArgumentException("'none' is the plan that runs no service: give it alone, not with " + names);
            }
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("'" + n + "' is no service name: letters, digits, '.', '-' and '_' "
                        + "(at most 64), as in the service's plugboard.service.name");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("service '" + n + "' is named twice: a plan names each service once");
            }
        }
        return List.copyOf(names);
    }

    /** A list as the console shows it: the names, or {@code none}. */
    static String show(List<String> names) {
        return names.isEmpty() ? NONE : String.join(", ", names);
    }
}
