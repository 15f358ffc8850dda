package org.plugboard.groups.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/**
 * Routes calls dialled to a ring group number; other numbers are left to the next router. Ranked below the dial
 * plan (100: lines' and trunks' prefixes and DIDs, which also answer every call that came in on a line or trunk)
 * and above the built-in extension router (asked last): a group number is dialled like an extension. Answers from
 * memory on the call's strand; a round-robin group's order advances with each route handed out.
 */
@Component(service = Router.class, property = "service.ranking:Integer=" + GroupRouter.RANKING)
public class GroupRouter implements Router {
    static final int RANKING = 50;

    private final Groups groups;

    @Activate
    public GroupRouter(@Reference Groups groups) {
        this.groups = groups;
    }

    @Override
    public Route route(RouteRequest request) {
        return groups.route(request.dialled());
    }
}
