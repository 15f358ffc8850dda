package org.plugboard.groups.internal;

import java.util.function.Supplier;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * The groups call service's decision, from memory only (it runs on the call's strand). For a served user that is
 * a ring group:
 * <ul>
 * <li>{@code ROUTED}, simultaneous group: ring for the group's ring time ({@code Outcome.ringTimeout}), so the
 * no-answer destination takes over then rather than at the PBX's ring timeout;</li>
 * <li>{@code NO_ANSWER}, {@code BUSY}, {@code UNREACHABLE}, group with a no-answer destination: redirect there with the
 * RFC 5806 reason {@code no-answer}, {@code user-busy} or {@code unavailable} (the caller gets a 181).</li>
 * </ul>
 * A destination the call has already been at (the dialled number, a hop's origin) is not redirected to again: the
 * call ends as it would have, rather than with a loop refusal.
 */
final class NoAnswerRule {
    private final Supplier<GroupsState> state;

    NoAnswerRule(Supplier<GroupsState> state) {
        this.state = state;
    }

    Outcome decide(ServiceRequest request) {
        RingGroup g = state.get().ring(request.servedUser());
        if (g == null) {
            return Outcome.proceed();
        }
        DetectionPoint point = request.point();
        if (point == DetectionPoint.ROUTED) {
            return g.strategy() == Strategy.SIMULTANEOUS && !g.members().isEmpty() ? Outcome.ringTimeout(g.ringSeconds())
                    : Outcome.proceed();
        }
        String reason = reason(point);
        if (reason == null || g.noAnswer() == null || visited(request, g.noAnswer())) {
            return Outcome.proceed();
        }
        return Outcome.redirect(g.noAnswer(), reason);
    }

    /** The RFC 5806 Diversion reason for a point, or null where the rule does not redirect. */
    static String reason(DetectionPoint point) {
        return switch (point) {
            case NO_ANSWER -> "no-answer";
            case BUSY -> "user-busy";
            case UNREACHABLE -> "unavailable";
            default -> null;
        };
    }

    private static boolean visited(ServiceRequest request, String target) {
        return target.equals(request.dialled()) || request.diversions().stream().anyMatch(d -> d.from().equals(target));
    }
}
