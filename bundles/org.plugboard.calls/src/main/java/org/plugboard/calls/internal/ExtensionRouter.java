package org.plugboard.calls.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/** The last router asked: a dialled number that is a local extension rings it; anything else is 404. */
@Component(service = Router.class, property = "service.ranking:Integer=-1000")
public class ExtensionRouter implements Router {
    private final Directory directory;

    @Activate
    public ExtensionRouter(@Reference Directory directory) {
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
