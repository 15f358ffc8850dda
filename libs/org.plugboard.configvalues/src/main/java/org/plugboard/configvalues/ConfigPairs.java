package org.plugboard.configvalues;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map-valued configuration property written as {@code key=value} items, e.g. DIDs {@code 0123456=1001,*=1002}. */
public final class ConfigPairs {
    private ConfigPairs() {
    }

    /**
     * The pairs in the order written (a later key replaces an earlier one).
     *
     * @param property what the error names, e.g. {@code did}
     * @param shape    what an item should look like, e.g. {@code number=extension}
     * @throws IllegalArgumentException naming the property, the item and the shape for an item without {@code =},
     *                                  an empty key or an empty value
     */
    public static Map<String, String> map(String property, String[] values, String shape) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : ConfigList.items(values)) {
            String[] kv = item.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException(property + " '" + item + "': expected " + shape);
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }
}
