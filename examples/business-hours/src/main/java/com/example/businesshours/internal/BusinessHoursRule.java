package com.example.businesshours.internal;

import java.util.List;
import java.util.Set;

import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * The decision, apart from OSGi: outside the opening hours, a call routed to one of the extensions (all when none
 * is listed) goes to the target number. It answers from the request alone, so it never blocks the call's strand.
 * The time is the request's (when the PBX reached the detection point), so every service of a call sees the same.
 */
final class BusinessHoursRule {
    /** RFC 5806 reason for a diversion by time of day. */
    static final String REASON = "time-of-day";

    private final OpeningHours hours;
    private final Set<String> extensions;
    private final String target;

    BusinessHoursRule(OpeningHours hours, List<String> extensions, String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target is required: the number that takes calls outside opening hours, "
                    + "e.g. target = 1003");
        }
        this.hours = hours;
        this.extensions = Set.copyOf(extensions);
        this.target = target.trim();
    }

    Outcome decide(ServiceRequest request) {
        if (request.point() != DetectionPoint.ROUTED
                || !extensions.isEmpty() && !extensions.contains(request.servedUser())
                || target.equals(request.servedUser()) // the target itself is never sent away
                || divertedByTimeOfDay(request.diversions()) // one time-of-day hop per call, so two rules cannot loop
                || hours.isOpen(request.time())) {
            return Outcome.proceed();
        }
        return Outcome.redirect(target, REASON);
    }

    private static boolean divertedByTimeOfDay(List<Diversion> diversions) {
        return diversions.stream().anyMatch(d -> REASON.equals(d.reason()));
    }

    @Override
    public String toString() {
        return "open " + hours + ", extensions " + (extensions.isEmpty() ? "all" : extensions) + ", outside hours to "
                + target;
    }
}
