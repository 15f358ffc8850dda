package org.plugboard.forwarding.internal;

import java.util.EnumMap;
import java.util.Map;

import org.plugboard.api.settings.Forwarding;
import org.plugboard.api.settings.SettingsException;

/**
 * Forwarding settings as a whole, to and from the API's {@link Forwarding}, checked by the same {@link Targets} rule
 * as the console and the feature codes: every target, the ring time, all before anything is stored.
 */
final class ForwardingEdit {
    private ForwardingEdit() {
    }

    static Forwarding view(Settings s) {
        return new Forwarding(s.target(Kind.CFU), s.target(Kind.CFB), s.target(Kind.CFNR), s.target(Kind.CFNRC),
                s.noAnswerSeconds(), s.external());
    }

    /** The settings {@code wanted} asks for; a {@link SettingsException} naming the first field at fault. */
    static Settings settings(String extension, Forwarding wanted, Targets targets) {
        Map<Kind, String> byKind = new EnumMap<>(Kind.class);
        put(byKind, Kind.CFU, wanted.unconditional());
        put(byKind, Kind.CFB, wanted.busy());
        put(byKind, Kind.CFNR, wanted.noAnswer());
        put(byKind, Kind.CFNRC, wanted.unreachable());
        Integer seconds = wanted.noAnswerSeconds();
        if (seconds != null && !Limits.validSeconds(seconds)) {
            throw new SettingsException("noAnswerSeconds", seconds + " is not a ring time",
                    "give " + Limits.MIN_SECONDS + " to " + Limits.MAX_SECONDS + " seconds, or null for the default");
        }
        Settings next = new Settings(extension, byKind, seconds, wanted.external());
        for (Map.Entry<Kind, String> e : next.targets().entrySet()) {
            Targets.Problem p = targets.check(next, e.getValue());
            if (p != null) {
                String target = e.getValue();
                throw new SettingsException(field(e.getKey()), switch (p) {
                    case MALFORMED -> "'" + target + "' is not a number";
                    case SELF -> "an extension cannot forward to itself";
                    case NOT_PERMITTED -> target + " is not inside the PBX and " + extension
                            + " may not forward to outside numbers";
                }, switch (p) {
                    case MALFORMED -> "use digits, optionally after a +";
                    case SELF -> "choose another number";
                    case NOT_PERMITTED -> "set external to true, or choose an extension or ring group";
                });
            }
        }
        return next;
    }

    private static void put(Map<Kind, String> map, Kind kind, String target) {
        if (target != null && !target.isBlank()) {
            map.put(kind, target.trim());
        }
    }

    static String field(Kind kind) {
        return switch (kind) {
            case CFU -> "unconditional";
            case CFB -> "busy";
            case CFNR -> "noAnswer";
            case CFNRC -> "unreachable";
        };
    }
}
