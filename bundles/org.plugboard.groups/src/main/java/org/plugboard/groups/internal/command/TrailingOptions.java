package org.plugboard.groups.internal.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options typed after the arguments ({@code pbx:group-add 600 Sales simultaneous --ring 20}). Karaf's parser takes
 * options only before the first argument and passes later words on as arguments, so the commands collect those
 * words and read them here: {@code --name value} or {@code --name=value}, each known name once.
 */
final class TrailingOptions {
    private TrailingOptions() {
    }

    /** The values by option name; throws {@link IllegalArgumentException} naming a stray word or an unknown option. */
    static Map<String, String> parse(List<String> words, Set<String> known) {
        Map<String, String> out = new LinkedHashMap<>();
        if (words == null) {
            return out;
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--")) {
                throw new IllegalArgumentException("unexpected '" + w + "': after the arguments give only options, "
                        + String.join(", ", known));
            }
            int eq = w.indexOf('=');
            String name = eq > 0 ? w.substring(0, eq) : w;
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + ": use " + String.join(", ", known));
            }
            String value;
            if (eq > 0) {
                value = w.substring(eq + 1);
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new IllegalArgumentException(name + " needs a value, e.g. " + name + " " + example(name));
            }
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException(name + " is given twice: give it once");
            }
        }
        return out;
    }

    /** A number option's value, or {@code given} when the option was not in the trailing words. */
    static Integer seconds(Map<String, String> options, String name, Integer given) {
        String v = options.get(name);
        if (v == null) {
            return given;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a number of seconds, e.g. " + name + " 20");
        }
    }

    private static String example(String name) {
        return name.equals("--no-answer") ? "1004" : "20";
    }
}
