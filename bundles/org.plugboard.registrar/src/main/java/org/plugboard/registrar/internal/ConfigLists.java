package org.plugboard.registrar.internal;

import java.util.ArrayList;
import java.util.List;

/** List-valued configuration: a .cfg file gives {@code a,b} as one string, metatype defaults give arrays. */
final class ConfigLists {
    private ConfigLists() {
    }

    static List<String> items(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return List.copyOf(out);
    }
}
