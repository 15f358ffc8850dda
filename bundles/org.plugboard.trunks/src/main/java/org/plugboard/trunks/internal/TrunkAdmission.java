package org.plugboard.trunks.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;

/**
 * The per-direction call limits: a call from a trunk takes an inbound slot of it, a call routed to a trunk an
 * outbound slot, from routing until the B2BUA reports the release; over a limit the call is refused with
 * {@code 503 Trunk Busy} and Q.850 cause 34.
 */
@Component(service = CallAdmission.class)
public class TrunkAdmission implements CallAdmission {
    private final TrunkRegistry registry;

    @Activate
    public TrunkAdmission(@Reference TrunkRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Refusal admit(String callId, RouteRequest request, Route route) {
        List<TrunkLimits.Slot> wanted = slots(request, route);
        if (wanted.isEmpty()) {
            return null;
        }
        return registry.limits.admit(callId, wanted, name -> registry.settings(name).orElse(null), System.currentTimeMillis());
    }

    @Override
    public void released(String callId) {
        registry.limits.release(callId);
    }

    /** The trunk the call came from (inbound) and every trunk it goes to (outbound, each fork of a parallel route). */
    static List<TrunkLimits.Slot> slots(RouteRequest request, Route route) {
        List<TrunkLimits.Slot> out = new ArrayList<>();
        String from = request.sourceProfile();
        if (from != null && from.startsWith(TrunkSettings.PROFILE_PREFIX)) {
            out.add(new TrunkLimits.Slot(from.substring(TrunkSettings.PROFILE_PREFIX.length()), TrunkLimits.Direction.INBOUND));
        }
        outbound(route, out);
        return out;
    }

    private static void outbound(Route route, List<TrunkLimits.Slot> out) {
        if (route instanceof Route.Parallel p) {
            p.routes().forEach(r -> outbound(r, out));
        } else if (route instanceof Route.ToSip s && s.profile() != null && s.profile().startsWith(TrunkSettings.PROFILE_PREFIX)) {
            out.add(new TrunkLimits.Slot(s.profile().substring(TrunkSettings.PROFILE_PREFIX.length()), TrunkLimits.Direction.OUTBOUND));
        }
    }
}
