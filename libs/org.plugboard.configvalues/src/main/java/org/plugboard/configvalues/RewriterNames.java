package org.plugboard.configvalues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which rewriters apply to a profile, named by their bundle ({@code org.plugboard.interop.no100rel} ->
 * {@code no100rel}): what {@code pbx:line-list} and {@code pbx:trunk-list} show as a line's or trunk's workarounds.
 */
public final class RewriterNames {
    private RewriterNames() {
    }

    /**
     * @param rewriters bundle symbolic name -> value of {@code plugboard.profiles} (String, String[] or Collection)
     * @param prefix    taken off the bundle names, e.g. {@code org.plugboard.interop.}
     * @return sorted names, {@code name(*)} for a rewriter of every profile
     */
    public static List<String> forProfile(List<Map.Entry<String, Object>> rewriters, String profile, String prefix) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> r : rewriters) {
            List<String> profiles = ConfigList.items(r.getValue());
            if (profiles.contains(profile) || profiles.contains("*")) {
                String name = r.getKey().startsWith(prefix) ? r.getKey().substring(prefix.length()) : r.getKey();
                out.add(profiles.contains(profile) ? name : name + "(*)");
            }
        }
        return out.stream().distinct().sorted().toList();
    }
}
