package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.List;

import javax.sip.message.Response;

import org.plugboard.api.routing.Route;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * A ring group's members are asked before each rings: the member's own {@code ROUTED} services (served user: the
 * member) run on the call's strand, so a member in do-not-disturb, over its call limit or refusing the caller is
 * skipped instead of rung. Only busy and reject outcomes count here: a hunt reaches the members, not their
 * forwarding targets, so a member's redirect is not followed, and its no-answer time does not shorten the group's.
 * A transfer's target and the members of a group it is are asked the same way (see {@link TransferChecks}).
 */
final class MemberChecks {
    /** The routes left to ring at once, and why the last skipped member was skipped (null: none was). */
    record Ringable(List<Route> routes, Release lastSkip) {
    }

    private final ServiceRunner services;
    private final Forks forks;

    MemberChecks(ServiceRunner services, Forks forks) {
        this.services = services;
        this.forks = forks;
    }

    /** True when the member has a registered device (members without one are skipped without asking anybody). */
    boolean reachable(Call call, String member) {
        return !forks.targets(call, List.of(new Route.ToExtension(member))).isEmpty();
    }

    /** Null when the member may ring; else how its services would have ended a call to it (busy 486 or their refusal). */
    Release skip(Call call, String member) {
        return skip(call, null, member);
    }

    /** The same for a transfer {@code t} (null: none): its target's services see the call from the transferee. */
    Release skip(Call call, Transfer t, String member) {
        int ringLimit = call.ringLimitSeconds;
        Outcome outcome = t == null ? services.run(call, DetectionPoint.ROUTED, member, 0) : services.routedForTransfer(call, t, member);
        call.ringLimitSeconds = ringLimit;
        if (outcome instanceof Outcome.Busy b) {
            return Release.of(Response.BUSY_HERE, "Busy Here", b.tag(), Causes.USER_BUSY, b.text());
        }
        if (outcome instanceof Outcome.Reject r) {
            return Release.of(r.status(), r.phrase(), r.tag(), r.q850Cause(), r.text());
        }
        return null;
    }

    /**
     * The routes of a simultaneous ring group without its skipped members. Extensions other than the number the call
     * is for are members; the callee itself (a route that also rings it) was asked at ROUTED already.
     */
    Ringable ringable(Call call, List<Route> routes) {
        return ringable(call, null, routes);
    }

    /** The same for a transfer {@code t} (null: none), whose target number was asked already. */
    Ringable ringable(Call call, Transfer t, List<Route> routes) {
        String asked = t == null ? call.callee : t.target;
        List<Route> kept = new ArrayList<>();
        Release lastSkip = null;
        for (Route r : routes) {
            Release skip = r instanceof Route.ToExtension ext && !ext.number().equals(asked) && reachable(call, ext.number())
                    ? skip(call, t, ext.number()) : null;
            if (skip == null) {
                kept.add(r);
            } else {
                lastSkip = skip;
            }
        }
        return new Ringable(kept, lastSkip);
    }
}
