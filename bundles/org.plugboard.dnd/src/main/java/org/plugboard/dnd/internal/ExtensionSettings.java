package org.plugboard.dnd.internal;

/**
 * What this bundle keeps per extension. The defaults (DND off, call waiting on, no limits) are today's behaviour
 * and are not stored: an extension back at the defaults has no row.
 *
 * @param maxIn  concurrent incoming calls it may have, ringing or answered; 0 = unlimited
 * @param maxOut concurrent outgoing calls it may make, ringing or answered; 0 = unlimited
 */
public record ExtensionSettings(String extension, boolean dnd, boolean callWaiting, int maxIn, int maxOut) {
    public static final int UNLIMITED = 0;

    public ExtensionSettings {
        if (extension == null || extension.isBlank()) {
            throw new IllegalArgumentException("settings need an extension number");
        }
        if (maxIn < 0 || maxOut < 0) {
            throw new IllegalArgumentException("a call limit is 0 (unlimited) or more, not " + Math.min(maxIn, maxOut));
        }
    }

    public static ExtensionSettings defaults(String extension) {
        return new ExtensionSettings(extension, false, true, UNLIMITED, UNLIMITED);
    }

    public boolean isDefault() {
        return equals(defaults(extension));
    }

    public ExtensionSettings withDnd(boolean on) {
        return new ExtensionSettings(extension, on, callWaiting, maxIn, maxOut);
    }

    public ExtensionSettings withCallWaiting(boolean on) {
        return new ExtensionSettings(extension, dnd, on, maxIn, maxOut);
    }

    public ExtensionSettings withLimits(int in, int out) {
        return new ExtensionSettings(extension, dnd, callWaiting, in, out);
    }
}
