package org.plugboard.calls.internal;

import java.util.List;

import org.plugboard.api.routing.Route;

/**
 * What a blind transfer's target is asked before it rings, as the callee of a dialled call is ({@link CallFlow}):
 * its own {@code ROUTED} services (served user: the target; they see the call from the transferee), where a busy or
 * reject outcome (DND, a call limit, call waiting off, screening) fails the transfer and a redirect is not followed;
 * then the members of a group it is ({@link MemberChecks}).
 */
final class TransferChecks {
    private final MemberChecks members;

    TransferChecks(MemberChecks members) {
        this.members = members;
    }

    /**
     * @param route  what the routers answered for the Refer-To number
     * @param routes that route flattened, a hunt's members as extensions
     * @return null when the target may ring; else why the transfer fails (486 busy, a service's refusal)
     */
    Release refusal(Call call, Transfer t, Route route, List<Route> routes) {
        if (routes.stream().noneMatch(r -> r instanceof Route.ToExtension || r instanceof Route.ToSip)) {
            return null; // nowhere to go (404...): the routers' answer fails the transfer, nobody is asked
        }
        return members.skip(call, t, t.target);
    }

    /** The routes without the group members whose own services would not let them ring; why the last was skipped. */
    MemberChecks.Ringable ringable(Call call, Transfer t, List<Route> routes) {
        return members.ringable(call, t, routes);
    }
}
