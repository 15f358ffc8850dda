package org.plugboard.api.settings;

import java.util.List;

/** An extension's personal screening: whether it refuses anonymous calls, and its black and white entries. */
public record Screening(boolean refuseAnonymous, List<ScreeningEntry> entries) {
    public Screening {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
