package org.plugboard.conference.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/**
 * Routes a room's number to the {@code conference} media application. A router, not a dial-plan contribution: the
 * dial plan's entries can only name extensions and SIP targets. Ranked like the IVR's (below lines' prefixes and
 * DIDs, above the extension router); from memory, on the strand.
 */
@Component(service = Router.class, property = "service.ranking:Integer=" + ConferenceRouter.RANKING)
public class ConferenceRouter implements Router {
    static final int RANKING = 44;

    private final Rooms rooms;

    @Activate
    public ConferenceRouter(@Reference Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public Route route(RouteRequest request) {
        return rooms.byNumber(request.dialled())
                .map(room -> (Route) new Route.ToApplication(ConferenceApplication.NAME, Map.of(ConferenceApplication.ROOM, room.number())))
                .orElse(null);
    }
}
