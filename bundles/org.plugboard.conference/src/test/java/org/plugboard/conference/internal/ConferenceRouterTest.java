package org.plugboard.conference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;

class ConferenceRouterTest {
    @Test
    void aRoomsNumberGoesToTheConferenceApplicationOthersToTheNextRouter() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Rooms rooms = new Rooms(db, Set.<String>of()::contains, Clock.systemUTC());
        rooms.add(new Room("800", null, "", 3)).join();
        ConferenceRouter router = new ConferenceRouter(rooms);

        assertEquals(new Route.ToApplication("conference", Map.of("room", "800")), router.route(new RouteRequest("800", "1001", "default")));
        assertNull(router.route(new RouteRequest("801", "1001", "default")));
        assertNull(router.route(new RouteRequest("8000", "1001", "default")));
    }
}
