package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.List;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an originated call (call-back, click-to-call, {@code pbx:call-originate}) is asked, as a dialled call from the
 * first party to the second is ({@link CallFlow}): once, before anything rings, the {@code ORIGINATING} services with
 * the first party as caller and the second as the number dialled (screening's system list, an outgoing call limit);
 * before each party rings, its own {@code ROUTED} services ({@link MemberChecks}: DND, call limits, personal lists;
 * busy and reject count, a redirect is not followed) and the admission services (trunk limits) for the call as it
 * will stand: the first party's route, then both. Before 2026-12 an originated call skipped all of these, so a
 * call-back could dial out over a trunk at its limit or to a number the system list blocks.
 */
final class OriginationChecks {
    private static final Logger LOG = LoggerFactory.getLogger(OriginationChecks.class);

    private final ServiceRunner services;
    private final MemberChecks members;
    private final Admissions admissions;

    OriginationChecks(ServiceRunner services, MemberChecks members, Admissions admissions) {
        this.services = services;
        this.members = members;
        this.admissions = admissions;
    }

    /** ORIGINATING for the whole call; null when it may go on, else why not (a service's reject or busy). */
    Release originating(Call call) {
        Outcome outcome = services.run(call, DetectionPoint.ORIGINATING, call.caller, 0);
        if (outcome instanceof Outcome.Reject r) {
            return Release.of(r.status(), r.phrase(), r.tag(), r.q850Cause(), r.text());
        }
        if (outcome instanceof Outcome.Busy b) {
            return Release.of(486, "Busy Here", b.tag(), Causes.USER_BUSY, b.text());
        }
        if (!(outcome instanceof Outcome.Continue)) { // a redirect or an application answering: no party to serve it
            LOG.info("Call {}: originating service outcome {} not applied to an originated call", call.id,
                    outcome.getClass().getSimpleName());
        }
        return null;
    }

    /**
     * Before a party rings: its services when it is an extension, then admission for {@code routes} (the party's),
     * together with {@code first} (the first party's leg, once it answered; null while calling the first).
     */
    Release party(Call call, String number, String shown, List<Route> routes, Leg first) {
        if (routes.stream().anyMatch(r -> r instanceof Route.ToExtension x && x.number().equals(number))) {
            Release skip = members.skip(call, number);
            if (skip != null) {
                return skip;
            }
        }
        List<Route> going = new ArrayList<>();
        if (first != null) {
            going.add(TransferChecks.routeOf(first)); // the first party's line or trunk stays in use
        }
        going.addAll(routes);
        call.admissionAsked = true; // its release is reported whatever happens
        CallAdmission.Refusal r = admissions.admit(call.id, new RouteRequest(number, shown, null),
                going.size() == 1 ? going.get(0) : new Route.Parallel(going));
        if (r == null) {
            return null;
        }
        LOG.info("Call {}: originated call to {} refused by admission: {} {} ({})", call.id, number, r.status(), r.phrase(),
                r.text());
        return Release.of(r.status(), r.phrase(), r.tag() == null ? CallTag.SYSTEM : r.tag(), r.q850Cause(), r.text());
    }
}
