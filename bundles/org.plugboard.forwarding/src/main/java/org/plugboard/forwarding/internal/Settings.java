package org.plugboard.forwarding.internal;

import java.util.EnumMap;
import java.util.Map;

/**
 * One extension's forwarding, immutable: a target per kind (absent: off), the no-answer timeout (null: the
 * configured default) and whether it may forward to numbers that are not extensions. A change makes a new value, so
 * the strand always reads a consistent one.
 */
public record Settings(String extension, Map<Kind, String> targets, Integer noAnswerSeconds, boolean external) {
    public Settings {
        if (extension == null || extension.isBlank()) {
            throw new IllegalArgumentException("forwarding settings need an extension");
        }
        EnumMap<Kind, String> copy = new EnumMap<>(Kind.class);
        targets.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(k, v);
            }
        });
        targets = java.util.Collections.unmodifiableMap(copy);
    }

    /** Nothing set: no forwarding, default timeout, no outside numbers. */
    public static Settings none(String extension) {
        return new Settings(extension, Map.of(), null, false);
    }

    /** The target of this kind, or null when it is off. */
    public String target(Kind kind) {
        return targets.get(kind);
    }

    public Settings with(Kind kind, String target, Integer seconds) {
        EnumMap<Kind, String> next = new EnumMap<>(Kind.class);
        next.putAll(targets);
        next.put(kind, target);
        return new Settings(extension, next, kind == Kind.CFNR ? seconds : noAnswerSeconds, external);
    }

    public Settings without(Kind kind) {
        EnumMap<Kind, String> next = new EnumMap<>(Kind.class);
        next.putAll(targets);
        next.remove(kind);
        return new Settings(extension, next, kind == Kind.CFNR ? null : noAnswerSeconds, external);
    }

    /** Every forwarding off; the permission stays. */
    public Settings withoutAny() {
        return new Settings(extension, Map.of(), null, external);
    }

    public Settings external(boolean allowed) {
        return new Settings(extension, targets, noAnswerSeconds, allowed);
    }

    /** True when the row can go: nothing set and no permission. */
    public boolean isEmpty() {
        return targets.isEmpty() && noAnswerSeconds == null && !external;
    }

    /** The seconds to ring before forwarding on no answer. */
    public int noAnswerSeconds(int defaultSeconds) {
        return noAnswerSeconds == null ? defaultSeconds : noAnswerSeconds;
    }
}
