package org.plugboard.operator.internal;

import java.util.Locale;

/** What an operator code asks for. */
enum Action {
    BARGE("code.barge", "barged in"),
    LISTEN("code.listen", "listened"),
    OVERRIDE("code.override", "overrode");

    /** The configuration key of its code. */
    final String key;
    /** What the CDR of the call it joins says the operator did. */
    final String done;

    Action(String key, String done) {
        this.key = key;
        this.done = done;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
