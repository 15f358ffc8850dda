package org.plugboard.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The permits on a real H2 in memory: stored, then in memory, across a restart; a failed write changes nothing. */
class PermitRegistryTest {
    private final JdbcDataSource db = memoryDb();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private PermitRegistry registry = new PermitRegistry(db, clock);

    static JdbcDataSource memoryDb() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:transfer" + ThreadLocalRandom.current().nextLong() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    @AfterEach
    void stop() throws InterruptedException {
        registry.deactivate();
    }

    @Test
    void anExtensionWithoutAPermitFollowsTheDefaults() {
        assertEquals(Permit.defaults("1002"), registry.get("1002"));
        assertEquals(List.of(), registry.own());
    }

    @Test
    void aPermitIsStoredThenSeenAndSurvivesARestartWithItsNulls() throws Exception {
        Permit p = registry.change("1002", x -> x.withTransfer(false)).get(5, TimeUnit.SECONDS);
        assertEquals(new Permit("1002", false, null), p);
        assertEquals(p, registry.get("1002"));
        registry.change("1003", x -> x.withOutside(true)).get(5, TimeUnit.SECONDS);
        registry.deactivate();
        registry = new PermitRegistry(db, clock);
        assertEquals(List.of(p, new Permit("1003", null, true)), registry.own(), "NULL (follow the default) reads back as null");
    }

    @Test
    void backToTheDefaultsTheRowIsDeleted() throws Exception {
        registry.change("1002", x -> x.withTransfer(true).withOutside(true)).get(5, TimeUnit.SECONDS);
        registry.change("1002", x -> x.withTransfer(null).withOutside(null)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), registry.own());
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM transfer_permit")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void aFailedWriteLeavesMemoryAsItWasAndSaysWhatFailed() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE transfer_permit");
        }
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> registry.change("1002", x -> x.withTransfer(false)).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("1002"), e.getCause().getMessage());
        assertEquals(Permit.defaults("1002"), registry.get("1002"));
    }
}
