package org.plugboard.dnd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plugboard.settingsdb.Transactions;

class SettingsStoreTest {
    static JdbcDataSource memoryDb() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return db;
    }

    private final JdbcDataSource db = memoryDb();
    private final SettingsStore store = new SettingsStore(db);

    @Test
    void migratesOnceInItsOwnSchema() {
        assertEquals(1, store.migrate(getClass().getClassLoader()));
        assertEquals(0, store.migrate(getClass().getClassLoader()));
        assertEquals(List.of(), store.loadAll());
    }

    @Test
    void storesUpdatesAndForgetsSettings() {
        store.migrate(getClass().getClassLoader());
        store.save(ExtensionSettings.defaults("1002").withDnd(true), Instant.EPOCH);
        store.save(new ExtensionSettings("1001", false, false, 2, 1), Instant.EPOCH);
        assertEquals(List.of(new ExtensionSettings("1001", false, false, 2, 1), ExtensionSettings.defaults("1002").withDnd(true)),
                store.loadAll());
        store.save(ExtensionSettings.defaults("1002").withDnd(true).withLimits(3, 0), Instant.EPOCH);
        assertEquals(new ExtensionSettings("1002", true, true, 3, 0), store.loadAll().get(1));
        store.save(ExtensionSettings.defaults("1001"), Instant.EPOCH);
        assertEquals(List.of(new ExtensionSettings("1002", true, true, 3, 0)), store.loadAll(), "back to the defaults: no row");
    }

    @Test
    void aFailureSaysWhatWasBeingDone() {
        Transactions.StorageException e = assertThrows(Transactions.StorageException.class,
                () -> store.save(ExtensionSettings.defaults("1002").withDnd(true), Instant.EPOCH)); // not migrated: no table
        assertTrue(e.getMessage().startsWith("Could not store the settings of 1002: "), e.getMessage());
    }
}
