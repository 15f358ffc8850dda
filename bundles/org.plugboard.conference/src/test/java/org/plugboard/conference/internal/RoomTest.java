package org.plugboard.conference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoomTest {
    @Test
    void defaultsAndChecks() {
        Room r = new Room("800", " ", null, 3);
        assertEquals("room 800", r.name());
        assertFalse(r.hasPin());
        assertTrue(new Room("800", "Sales", "4711", 3).hasPin());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Room("8a", null, "", 3)).getMessage().contains("2 to 15 digits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Room("800", null, "12ab", 3)).getMessage().contains("--pin"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Room("800", null, "", 1)).getMessage().contains("--max"));
        assertThrows(IllegalArgumentException.class, () -> new Room("800", null, "", Room.MAX_MEMBERS + 1));
    }
}
