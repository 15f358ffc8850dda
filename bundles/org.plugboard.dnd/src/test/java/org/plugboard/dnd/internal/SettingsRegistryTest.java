package org.plugboard.dnd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsRegistryTest {
    private final JdbcDataSource db = SettingsStoreTest.memoryDb();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private SettingsRegistry registry = new SettingsRegistry(db, clock);

    @AfterEach
    void stop() throws InterruptedException {
        registry.deactivate();
    }

    @Test
    void anExtensionWithoutSettingsHasTheDefaults() {
        assertEquals(ExtensionSettings.defaults("1002"), registry.get("1002"));
        assertEquals(List.of(), registry.changed());
    }

    @Test
    void aChangeIsStoredThenSeenAndSurvivesARestart() throws Exception {
        ExtensionSettings after = registry.change("1002", s -> s.withDnd(true)).get(5, TimeUnit.SECONDS);
        assertEquals(ExtensionSettings.defaults("1002").withDnd(true), after);
        assertEquals(after, registry.get("1002"));
        registry.change("1001", s -> s.withLimits(0, 1)).get(5, TimeUnit.SECONDS);
        registry.deactivate();
        registry = new SettingsRegistry(db, clock);
        assertEquals(List.of(ExtensionSettings.defaults("1001").withLimits(0, 1), after), registry.changed());
    }

    @Test
    void backToTheDefaultsTheExtensionIsNoLongerListed() throws Exception {
        registry.change("1002", s -> s.withCallWaiting(false)).get(5, TimeUnit.SECONDS);
        registry.change("1002", s -> s.withCallWaiting(true)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), registry.changed());
    }

    @Test
    void aChangeThatChangesNothingWritesNothing() throws Exception {
        ExtensionSettings before = registry.get("1002");
        dropTable(); // a write would fail now
        assertEquals(before, registry.change("1002", s -> s.withDnd(false)).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailedWriteLeavesMemoryAsItWas() throws Exception {
        registry.change("1002", s -> s.withDnd(true)).get(5, TimeUnit.SECONDS);
        dropTable();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> registry.change("1002", s -> s.withDnd(false)).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("Could not store the settings of 1002"), e.getCause().getMessage());
        assertTrue(registry.get("1002").dnd(), "memory still says what the database has");
    }

    private void dropTable() throws Exception {
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("DROP TABLE dnd_setting");
        }
    }
}
