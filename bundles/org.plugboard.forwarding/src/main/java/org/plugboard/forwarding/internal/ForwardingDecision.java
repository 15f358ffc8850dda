package org.plugboard.forwarding.internal;

import java.util.function.Function;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * Which outcome forwarding gives at a terminating detection point, from the served extension's settings in memory:
 * at ROUTED unconditional forwarding redirects, else forwarding on no answer shortens the ring time to the
 * extension's timeout; at BUSY, NO_ANSWER and UNREACHABLE the matching forwarding redirects. A target the extension
 * may not use (an outside number without the permission, itself) is not applied: the call goes on as if none were
 * set, and the admin hears of it once per change of the settings. Loops and long chains are the B2BUA's to refuse
 * (482, 483). Never blocks: safe on the call's strand.
 */
final class ForwardingDecision {
    /** Told when a target set for an extension is not applied. */
    interface NotApplied {
        void notApplied(Settings settings, Kind kind, String target, Targets.Problem problem);
    }

    private final Function<String, Settings> settings;
    private final Targets targets;
    private final NotApplied notApplied;

    ForwardingDecision(Function<String, Settings> settings, Targets targets, NotApplied notApplied) {
        this.settings = settings;
        this.targets = targets;
        this.notApplied = notApplied;
    }

    Outcome decide(ServiceRequest request, int defaultNoAnswerSeconds) {
        DetectionPoint point = request.point();
        if (!point.terminating() || !point.canChangeTheCall()) {
            return Outcome.proceed();
        }
        Settings s = settings.apply(request.servedUser());
        if (point == DetectionPoint.ROUTED) {
            String cfu = usable(s, Kind.CFU);
            if (cfu != null) {
                return Outcome.redirect(cfu, Kind.CFU.reason());
            }
            return usable(s, Kind.CFNR) != null ? Outcome.ringTimeout(s.noAnswerSeconds(defaultNoAnswerSeconds)) : Outcome.proceed();
        }
        Kind kind = Kind.at(point).orElse(null);
        String target = kind == null ? null : usable(s, kind);
        return target == null ? Outcome.proceed() : Outcome.redirect(target, kind.reason());
    }

    /** The target of this kind when it is set and allowed, else null. */
    private String usable(Settings s, Kind kind) {
        String target = s.target(kind);
        if (target == null) {
            return null;
        }
        Targets.Problem problem = targets.check(s, target);
        if (problem != null) {
            notApplied.notApplied(s, kind, target, problem);
            return null;
        }
        return target;
    }
}
