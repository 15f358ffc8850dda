package org.plugboard.dnd.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The code table: which dialled number does what. A code starts with {@code *} or {@code #} so it can never hide
 * an extension, and no two actions share one. An empty code turns its action off.
 */
final class FeatureCodes {
    private static final Pattern CODE = Pattern.compile("[*#][0-9*#]{1,15}");

    private final Map<String, FeatureCode> byCode;
    private final Map<FeatureCode, String> byAction;

    private FeatureCodes(Map<FeatureCode, String> byAction) {
        this.byAction = Collections.unmodifiableMap(new EnumMap<>(byAction));
        Map<String, FeatureCode> codes = new HashMap<>();
        byAction.forEach((action, code) -> codes.put(code, action));
        this.byCode = Map.copyOf(codes);
    }

    /**
     * @param codes the configured code of each action ({@code null} or blank: the action has no code)
     * @throws IllegalArgumentException naming the key, the bad value and the fix
     */
    static FeatureCodes of(Map<FeatureCode, String> codes) {
        Map<FeatureCode, String> table = new EnumMap<>(FeatureCode.class);
        Map<String, FeatureCode> seen = new HashMap<>();
        for (Map.Entry<FeatureCode, String> e : codes.entrySet()) {
            String code = e.getValue() == null ? "" : e.getValue().trim();
            if (code.isEmpty()) {
                continue;
            }
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException(e.getKey().key + ": '" + code + "' is not a feature code; use * or # and "
                        + "up to 15 digits, * or #, e.g. " + e.getKey().key + " = *78, or leave it empty for no code");
            }
            FeatureCode other = seen.putIfAbsent(code, e.getKey());
            if (other != null) {
                throw new IllegalArgumentException(e.getKey().key + ": '" + code + "' is already the code of " + other.key
                        + "; give each action its own code");
            }
            table.put(e.getKey(), code);
        }
        return new FeatureCodes(table);
    }

    Optional<FeatureCode> match(String dialled) {
        return dialled == null ? Optional.empty() : Optional.ofNullable(byCode.get(dialled));
    }

    /** The code of an action, or empty when it has none. */
    String code(FeatureCode action) {
        return byAction.getOrDefault(action, "");
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (FeatureCode a : FeatureCode.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(a.key).append('=').append(byAction.getOrDefault(a, "(none)"));
        }
        return b.toString();
    }
}
