package org.plugboard.transfer.internal;

/**
 * An extension's own transfer permission; a null field follows the configured default.
 *
 * @param extension  the extension number
 * @param transfer   may it transfer calls at all (null: {@code default.transfer})
 * @param outside    may it transfer them to numbers outside the PBX, over a line or trunk (null: {@code default.outside})
 */
public record Permit(String extension, Boolean transfer, Boolean outside) {
    public Permit {
        if (extension == null || extension.isBlank()) {
            throw new IllegalArgumentException("a permit needs an extension");
        }
    }

    /** No setting of its own: both follow the defaults. */
    static Permit defaults(String extension) {
        return new Permit(extension, null, null);
    }

    boolean followsDefaults() {
        return transfer == null && outside == null;
    }

    public Permit withTransfer(Boolean value) {
        return new Permit(extension, value, outside);
    }

    public Permit withOutside(Boolean value) {
        return new Permit(extension, transfer, value);
    }

    /** "on", "off" or "default (on)" for the console. */
    public static String describe(Boolean own, boolean fallback) {
        return own == null ? "default (" + (fallback ? "on" : "off") + ")" : own ? "on" : "off";
    }
}
