package org.plugboard.calls.internal;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/**
 * The last router asked: a dialled number that is a local extension rings it; anything else is 404. Part of the
 * B2BUA itself, not a service of its own: after an update of this bundle the B2BUA routes its first call with it,
 * where a separately bound router could still be missing (new calls were refused with 404 during updates).
 */
final class ExtensionRouter implements Router {
    private final Directory directory;

    ExtensionRouter(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Route route(RouteRequest request) {
        String n = request.dialled();
        if (directory.find(n).isPresent()) {
            return new Route.ToExtension(n);
        }
        return new Route.Reject(404, "Not Found", CallTag.ROUTING_FAILURE);
    }
}
