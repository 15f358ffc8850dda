package org.plugboard.interop.no100rel.internal;

import java.util.ArrayList;
import java.util.List;

/** The {@code profiles} key: a .cfg file gives {@code a,b} as one string, ConfigAdmin may give an array. */
final class Profiles {
    private Profiles() {
    }

    static List<String> of(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("profiles is required, e.g. profiles = line:carrier1");
        }
        return List.copyOf(out);
    }
}
