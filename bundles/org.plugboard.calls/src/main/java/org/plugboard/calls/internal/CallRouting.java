package org.plugboard.calls.internal;

import java.util.List;
import java.util.function.Supplier;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the routers by {@code service.ranking}, highest first, then the built-in extension router; the first answer
 * counts; none is a 404.
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
