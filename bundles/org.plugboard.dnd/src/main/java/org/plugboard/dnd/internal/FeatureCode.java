package org.plugboard.dnd.internal;

import java.util.function.UnaryOperator;

/** What a feature code dialled from a phone does to the caller's own settings. */
enum FeatureCode {
    DND_ON("code.dnd.on", s -> s.withDnd(true), "DND on"),
    DND_OFF("code.dnd.off", s -> s.withDnd(false), "DND off"),
    CALL_WAITING_ON("code.callwaiting.on", s -> s.withCallWaiting(true), "call waiting on"),
    CALL_WAITING_OFF("code.callwaiting.off", s -> s.withCallWaiting(false), "call waiting off");

    /** The configuration key that names its code. */
    final String key;
    final UnaryOperator<ExtensionSettings> change;
    private final String done;

    FeatureCode(String key, UnaryOperator<ExtensionSettings> change, String done) {
        this.key = key;
        this.change = change;
        this.done = done;
    }

    /** The confirmation text (CDR), e.g. {@code DND on for 1001}. */
    String confirmation(String extension) {
        return done + " for " + extension;
    }
}
