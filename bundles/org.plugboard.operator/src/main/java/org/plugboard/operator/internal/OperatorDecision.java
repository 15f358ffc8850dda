package org.plugboard.operator.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.SessionMix;
import org.plugboard.api.service.Outcome;

/**
 * What an operator code dialled at ORIGINATING becomes: a refusal (no permission, no such extension), the
 * {@code operator} media application (barge-in, listen, override of an extension in a call), or an
 * {@link Outcome.Override} (override of an extension in no call: its DND, forwarding and busy treatment do not apply).
 * Pure: from memory, on the strand.
 */
final class OperatorDecision {
    static final String APPLICATION = "operator";
    static final String TARGET = "target";
    static final String MODE = "mode";
    static final String ACTION = "action";

    /** How an override of an extension in an answered call joins it. */
    enum OverrideBusy {
        /** Talk to both parties (a barge-in with the warning tone). */
        BARGE,
        /** Talk to the extension only; the other party is held. */
        HOLD;

        static OverrideBusy of(String value) {
            if ("hold".equalsIgnoreCase(value == null ? "" : value.trim())) {
                return HOLD;
            }
            if ("barge".equalsIgnoreCase(value == null ? "" : value.trim())) {
                return BARGE;
            }
            throw new IllegalArgumentException("overrideBusy: '" + value + "' is neither barge nor hold, e.g. overrideBusy = barge");
        }
    }

    private final OperatorCodes codes;
    private final OverrideBusy overrideBusy;
    private final Predicate<String> allowed;
    private final Predicate<String> isExtension;
    private final Function<String, Optional<TargetCall>> callOf;

    OperatorDecision(OperatorCodes codes, OverrideBusy overrideBusy, Predicate<String> allowed, Predicate<String> isExtension,
            Function<String, Optional<TargetCall>> callOf) {
        this.codes = codes;
        this.overrideBusy = overrideBusy;
        this.allowed = allowed;
        this.isExtension = isExtension;
        this.callOf = callOf;
    }

    /** @param fromPhone the call comes from a phone of the PBX (profile {@code default}), not a line or trunk */
    Outcome decide(String caller, String dialled, boolean fromPhone) {
        OperatorCodes.Dialled d = codes.match(dialled).orElse(null);
        if (d == null) {
            return Outcome.proceed();
        }
        if (!fromPhone) { // a line's or trunk's caller number is no proof of being the extension
            return Outcome.reject(403, "Forbidden", 21, "operator code " + d.code() + " from outside the PBX", CallTag.NOT_PERMITTED);
        }
        if (!allowed.test(caller)) {
            return Outcome.reject(403, "Forbidden", 21, "operator permission required for " + d.code(), CallTag.NOT_PERMITTED);
        }
        if (!isExtension.test(d.target())) {
            return Outcome.reject(404, "Not Found", 1, "operator code " + d.code() + ": no extension " + d.target(), CallTag.ROUTING_FAILURE);
        }
        if (d.target().equals(caller)) {
            return Outcome.reject(400, "Bad Request", 21, "operator code " + d.code() + ": " + caller + " is the operator's own extension",
                    CallTag.BAD_REQUEST);
        }
        return switch (d.action()) {
            case BARGE -> connect(d, SessionMix.Mode.TALK);
            case LISTEN -> connect(d, SessionMix.Mode.LISTEN);
            case OVERRIDE -> callOf.apply(d.target()).isEmpty()
                    ? new Outcome.Override(d.target(), "operator override by " + caller)
                    : connect(d, overrideBusy == OverrideBusy.HOLD ? SessionMix.Mode.PRIVATE : SessionMix.Mode.TALK);
        };
    }

    private static Outcome connect(OperatorCodes.Dialled d, SessionMix.Mode mode) {
        return Outcome.connect(APPLICATION, Map.of(TARGET, d.target(), MODE, mode.name(), ACTION, d.action().name()));
    }
}
