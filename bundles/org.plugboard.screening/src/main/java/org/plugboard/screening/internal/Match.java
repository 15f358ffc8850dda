package org.plugboard.screening.internal;

/**
 * What decides a call in one list: an entry, or (entry null) the extension's switch that refuses anonymous calls.
 *
 * @param owner {@link Entry#SYSTEM} or the extension
 * @param entry the deciding entry; null for the anonymous switch
 */
record Match(String owner, Entry entry) {
    static Match of(Entry e) {
        return new Match(e.owner(), e);
    }

    static Match anonymousSwitch(String extension) {
        return new Match(extension, null);
    }

    boolean white() {
        return entry != null && entry.kind() == ListKind.WHITE;
    }

    /** The share of matching calls refused: the entry's rate, 100 for the switch, 0 for a white entry. */
    int rate() {
        return entry == null ? 100 : white() ? 0 : entry.rate();
    }

    /** What the caller's Reason header and the CDR say when this refuses the call. */
    String reason() {
        return entry == null ? "Screened: " + owner + " refuses anonymous calls"
                : "Screened by " + entry.listName() + ", entry " + entry.describe();
    }

    /** For pbx:screen-test: "black entry #3 (caller anonymous, called *)", "the anonymous switch of 1002". */
    String describe() {
        return entry == null ? "the anonymous switch of " + owner + " (on)"
                : entry.kind().label() + " entry " + entry.describe();
    }
}
