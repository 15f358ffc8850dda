package org.plugboard.conference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class RoomsTest {
    private final JdbcDataSource db = new JdbcDataSource();
    {
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private Rooms rooms() {
        return new Rooms(db, Set.of("1001")::contains, Clock.systemUTC());
    }

    @Test
    void roomsSurviveARestartAndRemovalIsDurable() {
        Rooms first = rooms();
        first.add(new Room("800", "Sales", "4711", 5)).join();
        first.add(new Room("801", null, "", 3)).join();

        Rooms again = rooms();
        assertEquals(List.of(new Room("800", "Sales", "4711", 5), new Room("801", "room 801", "", 3)), again.all());
        assertEquals("Sales", again.byNumber("800").orElseThrow().name());

        again.remove("800").join();
        assertEquals(List.of("801"), rooms().all().stream().map(Room::number).toList());
    }

    @Test
    void anExtensionsNumberOrATakenOneIsRefusedNamingTheFix() {
        Rooms r = rooms();
        CompletionException e = assertThrows(CompletionException.class, () -> r.add(new Room("1001", null, "", 3)).join());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("1001 is an extension's number"), e.getCause().getMessage());

        r.add(new Room("800", null, "", 3)).join();
        e = assertThrows(CompletionException.class, () -> r.add(new Room("800", null, "", 3)).join());
        assertTrue(e.getCause().getMessage().contains("pbx:conf-remove 800"), e.getCause().getMessage());

        e = assertThrows(CompletionException.class, () -> r.remove("999").join());
        assertTrue(e.getCause().getMessage().contains("no room 999"), e.getCause().getMessage());
        assertEquals(1, rooms().all().size());
    }
}
