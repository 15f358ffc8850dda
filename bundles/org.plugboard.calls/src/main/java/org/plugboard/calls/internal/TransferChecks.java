package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.List;

import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.sip.SipProfileResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a blind transfer's target is asked before it rings, as the callee of a dialled call is ({@link CallFlow}):
 * its own {@code ROUTED} services (served user: the target; they see the call from the transferee), where a busy or
 * reject outcome (DND, a call limit, call waiting off, screening) fails the transfer and a redirect is not followed;
 * then the admission services (trunk limits) for its route; then the members of a group it is
 * ({@link MemberChecks}). The admission services are told about the call as it will stand, the transferee and the
 * target's route, so an outside caller transferred out keeps its inbound slot and takes an outbound one; a transfer
 * that fails while the transferor is still there tells them about the call as it stands again (each newer answer
 * replaces the older one for the call: without this, a refused transfer would leave the call holding nothing).
 */
final class TransferChecks {
    private static final Logger LOG = LoggerFactory.getLogger(TransferChecks.class);

    private final MemberChecks members;
    private final Admissions admissions;

    TransferChecks(MemberChecks members, Admissions admissions) {
        this.members = members;
        this.admissions = admissions;
    }

    /**
     * @param route  what the routers answered for the Refer-To number
     * @param routes that route flattened, a hunt's members as extensions
     * @return null when the target may ring; else why the transfer fails (486 busy, a service's refusal, 503 Trunk Busy)
     */
    Release refusal(Call call, Transfer t, Route route, List<Route> routes) {
        if (routes.stream().noneMatch(r -> r instanceof Route.ToExtension || r instanceof Route.ToSip)) {
            return null; // nowhere to go (404...): the routers' answer fails the transfer, nobody is asked
        }
        Release own = members.skip(call, t, t.target);
        return own != null ? own : admit(call, t, route);
    }

    /** The routes without the group members whose own services would not let them ring; why the last was skipped. */
    MemberChecks.Ringable ringable(Call call, Transfer t, List<Route> routes) {
        return members.ringable(call, t, routes);
    }

    private Release admit(Call call, Transfer t, Route route) {
        Leg transferee = t.transferee;
        List<Route> going = new ArrayList<>();
        if (!transferee.isCaller()) {
            going.add(routeOf(transferee)); // the PBX called the transferee: its line or trunk stays in use
        }
        going.add(route);
        call.admissionAsked = true; // its release is reported whatever happens (as for any call asked about)
        t.admitted = true;
        CallAdmission.Refusal r = admissions.admit(call.id, new RouteRequest(t.target, transferee.peer, cameIn(List.of(transferee))),
                one(going));
        if (r == null) {
            return null;
        }
        LOG.info("Call {}: the transfer of {} to {} refused: {} {} ({})", call.id, transferee.peer, t.target, r.status(), r.phrase(),
                r.text());
        return Release.of(r.status(), r.phrase(), r.tag(), r.q850Cause(), r.text());
    }

    /** The transfer failed and the transferor stays: the admission services hear of the call as it stands again. */
    void restore(Call call, Transfer t) {
        if (!t.admitted) {
            return;
        }
        t.admitted = false;
        List<Leg> parties = List.of(t.transferee, t.transferor);
        List<Route> going = parties.stream().filter(l -> !l.isCaller()).map(TransferChecks::routeOf).toList();
        CallAdmission.Refusal r = admissions.admit(call.id, new RouteRequest(call.callee, call.caller, cameIn(parties)), one(going));
        if (r != null) { // another call took the slot in between: this one is up already and goes on
            LOG.warn("Call {}: admission refused the call as it was before a failed transfer ({} {}: {}); it goes on", call.id, r.status(),
                    r.phrase(), r.text());
        }
    }

    /** The profile the party that called the PBX came in on; null when the PBX called every party. */
    private static String cameIn(List<Leg> parties) {
        return parties.stream().filter(Leg::isCaller).map(l -> l.profile).findFirst().orElse(null);
    }

    /** A party the PBX called, as the route that reached it: a phone by its extension, a line or trunk by its profile. */
    static Route routeOf(Leg leg) {
        if (leg.profile == null || SipProfileResolver.DEFAULT_PROFILE.equals(leg.profile)) {
            return new Route.ToExtension(leg.peer);
        }
        return new Route.ToSip(leg.remoteTarget == null ? "sip:" + leg.peer : leg.remoteTarget.toString(), leg.hop, leg.profile, null);
    }

    private static Route one(List<Route> routes) {
        return routes.size() == 1 ? routes.get(0) : new Route.Parallel(routes);
    }
}
