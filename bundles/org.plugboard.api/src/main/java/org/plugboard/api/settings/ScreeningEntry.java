package org.plugboard.api.settings;

/**
 * One entry of an extension's personal screening list.
 *
 * @param kind   {@code black} (refuse) or {@code white} (let through)
 * @param caller a caller number prefix (digits, optional leading {@code +}), {@code anonymous} or {@code *}
 * @param called a prefix of the dialled number, or {@code *}
 * @param rate   the percentage of matching calls a black entry refuses, 0 to 100 (white entries: 100)
 */
public record ScreeningEntry(String kind, String caller, String called, int rate) {
}
