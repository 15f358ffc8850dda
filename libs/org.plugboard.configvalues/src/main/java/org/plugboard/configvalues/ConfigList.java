package org.plugboard.configvalues;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A list-valued configuration property. A {@code .cfg} file gives {@code a,b} as one string, ConfigAdmin and
 * metatype defaults give arrays, service properties may be a String, a String[] or a Collection: all become one
 * list of trimmed, non-blank items.
 */
public final class ConfigList {
    private ConfigList() {
    }

    /** The items of every value, each split on commas; empty for null. */
    public static List<String> items(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            split(v, out);
        }
        return List.copyOf(out);
    }

    /** As {@link #items(String[])} for a property value of any of the shapes OSGi allows; empty for anything else. */
    public static List<String> items(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            split(s, out);
        } else if (value instanceof String[] a) {
            return items(a);
        } else if (value instanceof Collection<?> c) {
            c.forEach(x -> split(String.valueOf(x), out));
        }
        return List.copyOf(out);
    }

    /**
     * The items, at least one. @throws IllegalArgumentException naming the property and an example when there is none
     */
    public static List<String> required(String property, String[] values, String example) {
        List<String> out = items(values);
        if (out.isEmpty()) {
            throw new IllegalArgumentException(property + " is required, e.g. " + example);
        }
        return out;
    }

    private static void split(String value, List<String> into) {
        if (value == null) {
            return;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                into.add(part.trim());
            }
        }
    }
}
