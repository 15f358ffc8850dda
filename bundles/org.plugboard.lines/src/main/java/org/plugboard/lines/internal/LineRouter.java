package org.plugboard.lines.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/**
 * Calls over lines: a phone's number starting with a line's prefix goes out on that line; a call from a line goes
 * to the extension of its DID. Ranked above the extension router (-1000), which answers every other number.
 */
@Component(service = Router.class, property = "service.ranking:Integer=" + LineRouter.RANKING)
public class LineRouter implements Router {
    static final int RANKING = 100;
    private final LineRegistry registry;

    @Activate
    public LineRouter(@Reference LineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Route route(RouteRequest request) {
        return LineRoutes.route(request, registry.routable());
    }
}
