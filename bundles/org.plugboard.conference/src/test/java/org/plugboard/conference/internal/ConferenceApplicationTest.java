package org.plugboard.conference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.service.Outcome;

class ConferenceApplicationTest {
    private static final ConferenceConfig DEFAULTS = new ConferenceConfig() {
        @Override
        public Class<? extends Annotation> annotationType() {
            return ConferenceConfig.class;
        }

        @Override
        public int pin_attempts() {
            return 3;
        }

        @Override
        public int pin_timeout_seconds() {
            return 10;
        }

        @Override
        public int default_max_members() {
            return 10;
        }

        @Override
        public int full_tone_millis() {
            return 2000;
        }

        @Override
        public String dataSource_target() {
            return "";
        }
    };

    private final Rooms rooms;
    private final ConferenceApplication app;

    ConferenceApplicationTest() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        rooms = new Rooms(db, Set.<String>of()::contains, Clock.systemUTC());
        rooms.add(new Room("800", null, "", 3)).join();
        app = new ConferenceApplication(rooms, new LiveRooms(), DEFAULTS);
    }

    @Test
    void theGatewayOfTheLegsEngineMixesTheRoom() {
        TestGateway local = new TestGateway("local");
        TestGateway node = new TestGateway("node1");
        app.addGateway(node, Map.of(MediaGateway.ENGINE, "node1"));
        app.addGateway(local, Map.of(MediaGateway.ENGINE, "local"));
        ScriptedLeg leg = new ScriptedLeg("c1", "1001", Map.of("room", "800"), "local");
        app.run(leg);
        assertEquals(List.of("conf-800 join ep-c1"), local.log);
        assertEquals(List.of(), node.log);

        app.removeGateway(local, Map.of(MediaGateway.ENGINE, "local"));
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class,
                app.run(new ScriptedLeg("c2", "1002", Map.of("room", "800"), "local")).toCompletableFuture().join());
        assertEquals(CallTag.MEDIA_FAILURE, r.tag());
    }

    @Test
    void anUnknownRoomIs404() {
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class,
                app.run(new ScriptedLeg("c1", "1001", Map.of("room", "809"), "local")).toCompletableFuture().join());
        assertEquals(404, r.status());
        assertTrue(r.text().contains("no conference room 809"));
    }
}
