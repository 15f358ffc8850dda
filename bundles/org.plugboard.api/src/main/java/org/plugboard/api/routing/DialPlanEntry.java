package org.plugboard.api.routing;

import java.util.Objects;

import org.plugboard.api.sip.NextHop;

/**
 * One entry a {@link DialPlanContributor} adds to the dial plan: for calls that come in on {@code from}, a
 * dialled number matching {@code key} goes to {@code target}.
 *
 * @param from   the profile the call comes in on: {@code default} for phones (outbound prefixes), a line's or trunk's
 *               profile for the numbers it delivers (DIDs)
 * @param key    for a {@link ToSip} target a dial prefix, stripped, with a number after it; for a {@link ToExtension}
 *               target the whole number (a DID); {@link #ANY} for every number of {@code from} without an entry
 * @param target where the call goes
 */
public record DialPlanEntry(String from, String key, Target target) {
    /** The key that matches every number without an entry of its own (a line's or trunk's catch-all). */
    public static final String ANY = "*";

    public DialPlanEntry {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(target, "target");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a dial plan entry needs a key (prefix, number or *)");
        }
    }

    /** Where an entry's calls go. New kinds are added in minor versions of this package. */
    public sealed interface Target permits ToExtension, ToSip {
    }

    /** Ring a local extension. */
    public record ToExtension(String extension) implements Target {
    }

    /**
     * Out to a SIP destination (a line, a trunk): Request-URI and To {@code sip:<number>@<domain>}, the number being
     * what was dialled after the prefix; sent to {@code hop} (null while its address is not resolved: the call is
     * refused 503), through the outbound rewriters and with the credentials of {@code profile}, with
     * {@code callerId} as the From user (null: the caller's own).
     *
     * @param name what refusals call it, e.g. {@code Line carrier1}
     */
    public record ToSip(String domain, NextHop hop, String profile, String callerId, String name) implements Target {
    }
}
