package org.plugboard.operator.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator codes: each is a prefix that the target extension follows ({@code *88} + {@code 1002}). A code starts
 * with {@code *} or {@code #}, so it never hides an extension, and no code is a prefix of another (the target's digits
 * would be ambiguous). An empty code turns its action off.
 */
final class OperatorCodes {
    private static final Pattern CODE = Pattern.compile("[*#][0-9*#]{1,7}");
    private static final Pattern TARGET = Pattern.compile("[0-9]{1,15}");

    /** A dialled code: the action and the extension it is for. */
    record Dialled(Action action, String code, String target) {
    }

    private final Map<Action, String> codes;

    private OperatorCodes(Map<Action, String> codes) {
        this.codes = Map.copyOf(codes);
    }

    /** @throws IllegalArgumentException naming the key, the bad value and the fix */
    static OperatorCodes of(Map<Action, String> configured) {
        Map<Action, String> table = new EnumMap<>(Action.class);
        for (Map.Entry<Action, String> e : configured.entrySet()) {
            String code = e.getValue() == null ? "" : e.getValue().trim();
            if (code.isEmpty()) {
                continue;
            }
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException(e.getKey().key + ": '" + code + "' is not an operator code; use * or # and up to 7 "
                        + "digits, * or #, e.g. " + e.getKey().key + " = *88, or leave it empty for no code");
            }
            for (Map.Entry<Action, String> other : table.entrySet()) {
                if (other.getValue().startsWith(code) || code.startsWith(other.getValue())) {
                    throw new IllegalArgumentException(e.getKey().key + ": '" + code + "' and " + other.getKey().key + " '" + other.getValue()
                            + "' begin alike, so the extension after them is ambiguous; give codes that are no prefix of each other");
                }
            }
            table.put(e.getKey(), code);
        }
        return new OperatorCodes(table);
    }

    static OperatorCodes of(OperatorConfig config) {
        Map<Action, String> table = new EnumMap<>(Action.class);
        table.put(Action.BARGE, config.code_barge());
        table.put(Action.LISTEN, config.code_listen());
        table.put(Action.OVERRIDE, config.code_override());
        return of(table);
    }

    /** The code and target in a dialled number, or empty when it is no operator code followed by an extension. */
    Optional<Dialled> match(String dialled) {
        if (dialled == null) {
            return Optional.empty();
        }
        for (Map.Entry<Action, String> e : codes.entrySet()) {
            String code = e.getValue();
            if (dialled.startsWith(code) && TARGET.matcher(dialled.substring(code.length())).matches()) {
                return Optional.of(new Dialled(e.getKey(), code, dialled.substring(code.length())));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Action a : Action.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(a.key).append('=').append(codes.getOrDefault(a, "(none)"));
        }
        return b.toString();
    }
}
