package org.plugboard.calls.internal;

import java.util.List;
import java.util.function.Supplier;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;
import org.plugboard.api.sip.SipProfileResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the routers by {@code service.ranking}, highest first, then the built-in extension router; the first answer
 * counts; none is a 404. A router that translates a number into another internal one (a line's or trunk's DID to
 * {@code ToExtension(600)}) is asked about: the new number is routed once more as a phone would dial it, so a DID
 * can ring a ring group and not only an extension.
 */
final class CallRouting {
    private static final Logger LOG = LoggerFactory.getLogger(CallRouting.class);
    private final Supplier<List<Router>> routers;
    private final Router last;

    CallRouting(Supplier<List<Router>> routers, Router last) {
        this.routers = routers;
        this.last = last;
    }

    Route route(RouteRequest request) {
        return routed(request).route();
    }

    /**
     * The route, and the number the call now serves: a DID translated to an internal number serves that number, so
     * its owner's services (DND, forwarding, personal lists) apply to calls from outside too.
     */
    Routed routed(RouteRequest request) {
        Route route = routeOnce(request);
        if (route instanceof Route.ToExtension t && !t.number().equals(request.dialled())) {
            Route internal = routeOnce(new RouteRequest(t.number(), request.caller(), SipProfileResolver.DEFAULT_PROFILE));
            if (!(internal instanceof Route.Reject)) {
                return new Routed(internal, t.number()); // the extension itself again, or what it is (a ring group)
            }
            return new Routed(route, t.number());
        }
        return new Routed(route, request.dialled());
    }

    /**
     * A number the PBX itself sends a call to (a forwarding target, a media application's transfer): routed as a phone
     * of the PBX dials it. The caller's own profile would be wrong for a call that came in on a line or trunk: there
     * it names the DIDs of that line, and any other number is "No DID".
     */
    static RouteRequest internal(String number, String caller) {
        return new RouteRequest(number, caller, SipProfileResolver.DEFAULT_PROFILE);
    }

    /** A route and the number whose services the call runs (the served user). */
    record Routed(Route route, String served) {
    }

    private Route routeOnce(RouteRequest request) {
        List<Router> all = new java.util.ArrayList<>(routers.get());
        if (last != null) {
            all.add(last);
        }
        for (Router r : all) {
            try {
                Route route = r.route(request);
                if (route != null) {
                    return route;
                }
            } catch (RuntimeException e) {
                LOG.warn("Router {} failed for {}; trying the next one", r.getClass().getName(), request.dialled(), e);
            }
        }
        return new Route.Reject(404, "No route to " + request.dialled(), CallTag.ROUTING_FAILURE);
    }
}
