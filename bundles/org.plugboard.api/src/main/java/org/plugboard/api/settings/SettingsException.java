package org.plugboard.api.settings;

/** Settings refused: which field, why, and what to send instead. */
public class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String fix;

    public SettingsException(String field, String message, String fix) {
        super(message);
        this.field = field;
        this.fix = fix;
    }

    public String field() {
        return field;
    }

    public String fix() {
        return fix;
    }
}
