package org.plugboard.forwarding.internal;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where an extension may forward to: a number (digits, optionally after a +), not itself, and a number outside the
 * PBX (a line or trunk number; see {@link InternalNumbers}: extensions and ring groups are inside) only with the
 * permission. One rule for the console, the feature
 * codes and the call service, so a target set one way is judged the same way everywhere.
 */
public final class Targets {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,30}");

    /** Why a target is refused. */
    public enum Problem {
        /** Empty, or not digits. */
        MALFORMED,
        /** The extension itself. */
        SELF,
        /** Outside the PBX, and the extension may not forward outside. */
        NOT_PERMITTED
    }

    private final Predicate<String> isInternal;

    /** @param isInternal whether a number is inside the PBX: an extension or a ring group (answered from memory) */
    public Targets(Predicate<String> isInternal) {
        this.isInternal = isInternal;
    }

    public static boolean wellFormed(String number) {
        return number != null && NUMBER.matcher(number).matches();
    }

    public boolean isInternal(String number) {
        return isInternal.test(number);
    }

    /** @return null when {@code settings}' extension may forward to {@code target}, else the problem */
    public Problem check(Settings settings, String target) {
        if (!wellFormed(target)) {
            return Problem.MALFORMED;
        }
        if (target.equals(settings.extension())) {
            return Problem.SELF;
        }
        if (!settings.external() && !isInternal.test(target)) {
            return Problem.NOT_PERMITTED;
        }
        return null;
    }
}
