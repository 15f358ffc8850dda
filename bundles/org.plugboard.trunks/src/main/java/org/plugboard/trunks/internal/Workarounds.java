package org.plugboard.trunks.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Which rewriters apply to a profile, named by their bundle ({@code org.plugboard.interop.no100rel} -> {@code no100rel}). */
final class Workarounds {
    private Workarounds() {
    }

    /** @param rewriters bundle symbolic name -> value of {@code plugboard.profiles} (String, String[] or Collection) */
    static List<String> forProfile(List<Map.Entry<String, Object>> rewriters, String profile, String prefix) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> r : rewriters) {
            List<String> profiles = strings(r.getValue());
            if (profiles.contains(profile) || profiles.contains("*")) {
                String name = r.getKey().startsWith(prefix) ? r.getKey().substring(prefix.length()) : r.getKey();
                out.add(profiles.contains(profile) ? name : name + "(*)");
            }
        }
        return out.stream().distinct().sorted().toList();
    }

    private static List<String> strings(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
