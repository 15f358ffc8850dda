package org.plugboard.trunks.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/**
 * Calls over trunks: a phone's number starting with a trunk's prefix goes out on that trunk, a call from a trunk's
 * peer goes to the extension of its DID. Ranked above the line router (100), which takes any matching line prefix:
 * this router answers only when no line has a longer matching prefix, so the longest prefix wins across both
 * (equal prefixes: the trunk).
 */
@Component(service = Router.class, property = "service.ranking:Integer=" + TrunkRouter.RANKING)
public class TrunkRouter implements Router {
    static final int RANKING = 150;
    private final TrunkRegistry registry;
    private final LinePrefixes lines;

    @Activate
    public TrunkRouter(@Reference TrunkRegistry registry, @Reference LinePrefixes lines) {
        this.registry = registry;
        this.lines = lines;
    }

    @Override
    public Route route(RouteRequest request) {
        return TrunkRoutes.route(request, registry.routable(), lines.prefixes());
    }
}
