package org.plugboard.operator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class PermissionsTest {
    @Test
    void grantsAndTakeBacksAreDurable() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Permissions p = new Permissions(db, Clock.systemUTC());
        assertFalse(p.allowed("100"));
        assertTrue(p.set("100", true).join());
        assertFalse(p.set("100", true).join(), "already so");
        assertTrue(p.set("101", true).join());
        assertTrue(p.allowed("100"));

        Permissions again = new Permissions(db, Clock.systemUTC());
        assertEquals(List.of("100", "101"), again.all());
        assertTrue(again.set("100", false).join());
        assertFalse(again.set("100", false).join());
        assertEquals(List.of("101"), new Permissions(db, Clock.systemUTC()).all());
        assertFalse(again.allowed(null));
    }
}
