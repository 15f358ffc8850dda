package org.plugboard.groups.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks what an admin types, with messages that name the fault and the fix. Numbers follow the directory's rule
 * for extensions (1 to 20 digits, optionally after a +), so a group number is dialled like an extension.
 */
final class GroupRules {
    static final int MAX_MEMBERS = 100;
    static final int MAX_SECONDS = 3600;
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,20}");
    /** An outside number may carry * and # (feature codes, carriers' prefixes). */
    private static final Pattern DESTINATION = Pattern.compile("\\+?[0-9*#]{1,32}");
    private static final Pattern PICKUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private GroupRules() {
    }

    static String groupNumber(String number) {
        String n = number == null ? "" : number.trim();
        if (!NUMBER.matcher(n).matches()) {
            throw new IllegalArgumentException("'" + number + "' is not a valid group number: use 1 to 20 digits, optionally after a +,"
                    + " e.g. pbx:group-add 600 Sales simultaneous");
        }
        return n;
    }

    static String name(String name, String number) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) {
            return "Group " + number;
        }
        if (n.length() > 64 || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the name of group " + number + " must be at most 64 printable characters");
        }
        return n;
    }

    static int seconds(String option, int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(option + " " + seconds + ": a ring time is 1 to " + MAX_SECONDS + " seconds, e.g. "
                    + option + " 20");
        }
        return seconds;
    }

    /** A no-answer destination; null, empty or {@code none} for none. */
    static String noAnswer(String destination, String group) {
        String d = destination == null ? "" : destination.trim();
        if (d.isEmpty() || d.equalsIgnoreCase("none")) {
            return null;
        }
        if (!DESTINATION.matcher(d).matches()) {
            throw new IllegalArgumentException("--no-answer '" + destination + "' is not a number: give an extension, a group or an"
                    + " outside number (digits, * and #, optionally after a +), or none");
        }
        if (d.equals(group)) {
            throw new IllegalArgumentException("--no-answer " + d + ": group " + group + " cannot be its own no-answer destination;"
                    + " give another number, or none");
        }
        return d;
    }

    /**
     * Members in order: each an extension (per {@code isExtension}), none twice, at most {@link #MAX_MEMBERS}.
     * Unknown ones are refused all at once, named.
     */
    static List<String> members(List<String> extensions, Predicate<String> isExtension, String what) {
        List<String> items = new ArrayList<>();
        for (String e : extensions == null ? List.<String>of() : extensions) {
            for (String part : e.split(",")) { // "1001,1002" as well as "1001 1002"
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> twice = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String e : items) {
            if (!seen.add(e) && !twice.contains(e)) {
                twice.add(e);
            }
            if (!isExtension.test(e) && !unknown.contains(e)) {
                unknown.add(e);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? unknown.get(0) + " is not an extension"
                    : "not extensions: " + String.join(", ", unknown)) + ". Members of " + what
                    + " must be extensions (pbx:ext-list shows them; add one with pbx:ext-add)");
        }
        if (!twice.isEmpty()) {
            throw new IllegalArgumentException("listed more than once: " + String.join(", ", twice) + ". Give each member of " + what
                    + " once");
        }
        if (seen.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException(what + " would have " + seen.size() + " members: at most " + MAX_MEMBERS);
        }
        return List.copyOf(seen);
    }

    static String pickupName(String name) {
        String n = name == null ? "" : name.trim();
        if (!PICKUP_NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid pickup group name: use up to 64 letters, digits, _ . -,"
                    + " starting with a letter or digit, e.g. pbx:pickup-group sales 1001 1002");
        }
        return n;
    }
}
