package org.plugboard.recording.internal;

/**
 * What the policy lookup needs to know about an answered call.
 *
 * @param caller   the calling extension or number
 * @param answerer the extension (or number) that answered, or null
 * @param dialled  the number as dialled (a group's number when a group was called)
 * @param profile  the line or trunk the call came in on (inbound) or went out on (outbound), or null for a call
 *                 between phones
 */
public record CallParties(String caller, String answerer, String dialled, String profile) {
}
