package org.plugboard.api.settings;

/**
 * An extension's call forwarding: a target per kind (null: off), the ring time before forwarding on no answer (null:
 * the configured default) and whether it may forward to numbers that are not extensions.
 */
public record Forwarding(String unconditional, String busy, String noAnswer, String unreachable, Integer noAnswerSeconds,
        boolean external) {
}
