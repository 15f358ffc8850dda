package org.plugboard.screening.internal;

/**
 * One record of a screening list.
 *
 * @param id     the database id ({@code pbx:screen-remove <id>})
 * @param owner  {@link #SYSTEM} or the extension whose personal list it is
 * @param kind   black or white
 * @param caller a caller number prefix, {@link #ANONYMOUS} (calls that withhold the caller's identity) or
 *               {@link #ANY}
 * @param called a prefix of the dialled number, or {@link #ANY}
 * @param rate   the share of matching calls a black entry refuses, 0 to 100 (white entries: 100)
 */
public record Entry(long id, String owner, ListKind kind, String caller, String called, int rate) {
    public static final String SYSTEM = "system";
    public static final String ANONYMOUS = "anonymous";
    public static final String ANY = "*";

    public boolean system() {
        return SYSTEM.equals(owner);
    }

    /** The list this entry is in, as people say it: "the system black list", "1002's white list". */
    public String listName() {
        return (system() ? "the system " : owner + "'s ") + kind.label() + " list";
    }

    /** "#12 (caller anonymous, called *)", with the rate when a black entry refuses only part of the calls. */
    public String describe() {
        return "#" + id + " (caller " + caller + ", called " + called
                + (kind == ListKind.BLACK && rate < 100 ? ", rate " + rate + "%" : "") + ")";
    }
}
