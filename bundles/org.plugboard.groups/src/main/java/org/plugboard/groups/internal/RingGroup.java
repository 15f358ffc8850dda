package org.plugboard.groups.internal;

import java.util.List;
import java.util.Objects;

/**
 * A ring group as stored and held in memory: a number of its own (never an extension's), a name, how it rings
 * its members, and where a call goes when none of them takes it.
 *
 * @param number        what callers dial
 * @param name          what the console shows
 * @param strategy      how the members are rung
 * @param ringSeconds   simultaneous: how long every member rings before the no-answer destination
 * @param memberSeconds sequential and round-robin: how long each member rings before the next one
 * @param noAnswer      the number calls go to when nobody answers, everybody is busy or nobody is reachable; null
 *                      for none (the call then ends as the last member's attempt did)
 * @param members       extensions in ring order
 */
public record RingGroup(String number, String name, Strategy strategy, int ringSeconds, int memberSeconds, String noAnswer,
        List<String> members) {
    public RingGroup {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        members = List.copyOf(members);
    }

    RingGroup withMembers(List<String> extensions) {
        return new RingGroup(number, name, strategy, ringSeconds, memberSeconds, noAnswer, extensions);
    }

    /** The group's settings from {@code changed}, its members from this one. */
    RingGroup withSettingsOf(RingGroup changed) {
        return new RingGroup(number, changed.name, changed.strategy, changed.ringSeconds, changed.memberSeconds, changed.noAnswer,
                members);
    }

    /** One line for logs and the console. */
    String describe() {
        return number + " '" + name + "' " + strategy + (strategy.oneAtATime() ? " " + memberSeconds + " s per member"
                : " " + ringSeconds + " s") + ", no answer: " + (noAnswer == null ? "none" : noAnswer) + ", members "
                + (members.isEmpty() ? "none" : String.join(",", members));
    }
}
