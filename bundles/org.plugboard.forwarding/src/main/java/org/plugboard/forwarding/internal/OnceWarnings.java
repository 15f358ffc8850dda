package org.plugboard.forwarding.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a forwarding that is set but not applied once per change of the extension's settings, not once per call:
 * every write makes a new {@link Settings} value, so a new value (by identity) starts the count again. Holds one
 * entry per extension that had such a warning.
 */
final class OnceWarnings implements ForwardingDecision.NotApplied {
    private static final Logger LOG = LoggerFactory.getLogger(OnceWarnings.class);

    private record Warned(Settings settings, EnumSet<Kind> kinds) {
    }

    private final Map<String, Warned> warned = new ConcurrentHashMap<>();
    private final Consumer<String> log;

    OnceWarnings() {
        this(LOG::warn);
    }

    /** For tests: where the lines go. */
    OnceWarnings(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public void notApplied(Settings settings, Kind kind, String target, Targets.Problem problem) {
        boolean[] first = {false};
        warned.compute(settings.extension(), (ext, w) -> {
            if (w == null || w.settings() != settings) {
                w = new Warned(settings, EnumSet.noneOf(Kind.class));
            }
            first[0] = w.kinds().add(kind);
            return w;
        });
        if (first[0]) {
            log.accept("Forwarding " + kind.description() + " of " + settings.extension() + " to " + target + " is not applied: "
                    + explain(settings.extension(), target, problem) + " (logged once until the settings change)");
        }
    }

    /** Says why and what to do, for the log and the console. */
    static String explain(String extension, String target, Targets.Problem problem) {
        return switch (problem) {
            case NOT_PERMITTED -> target + " is not an extension and " + extension + " may not forward to outside numbers; "
                    + "grant it with pbx:fwd-permit " + extension + " external on";
            case SELF -> "an extension cannot forward to itself; set another target with pbx:fwd-set";
            case MALFORMED -> "'" + target + "' is not a number; use digits, optionally after a +";
        };
    }
}
