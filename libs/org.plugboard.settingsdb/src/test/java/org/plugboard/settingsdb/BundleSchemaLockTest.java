package org.plugboard.settingsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A first start migrates every bundle at once: a table another transaction keeps locked past H2's lock timeout
 * failed a bundle's migration for good (the CDR database stayed off in a fresh-clone run). The migration is now
 * tried again once the lock is gone.
 */
class BundleSchemaLockTest {
    @Test
    void aMigrationBlockedByALockHeldPastTheTimeoutSucceedsWhenTheLockGoes() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200");
        try (Connection setup = db.getConnection(); Statement st = setup.createStatement()) {
            st.execute("CREATE TABLE busy_table (id INT PRIMARY KEY)");
        }
        Connection holder = db.getConnection();
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
            st.execute("INSERT INTO busy_table VALUES (1)"); // uncommitted: the ALTER TABLE must wait for it
        }
        CompletableFuture<Integer> migration = CompletableFuture.supplyAsync(
                () -> BundleSchema.migrate(db, getClass().getClassLoader(), "locked"));
        try {
            // the first attempt times out after 200 ms; the lock goes while the retries wait
            assertFalse(waitDone(migration, 700), "still waiting while the lock is held");
            holder.commit();
            assertEquals(1, migration.get(10, TimeUnit.SECONDS), "migrated once the lock was released");
        } finally {
            holder.close();
        }
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT note FROM busy_table");
        }
    }

    @Test
    void onlyLockFailuresAreTriedAgain() {
        assertTrue(BundleSchema.lockTimeout(new RuntimeException(new SQLException("timeout", "HYT00"))));
        assertTrue(BundleSchema.lockTimeout(new SQLException("pg", "55P03")));
        assertFalse(BundleSchema.lockTimeout(new RuntimeException(new SQLException("syntax", "42000"))));
        assertFalse(BundleSchema.lockTimeout(new IllegalStateException("no SQL at all")));
    }

    private static boolean waitDone(CompletableFuture<?> f, long millis) throws InterruptedException {
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the migration failed while the lock was held: " + e.getCause(), e.getCause());
        }
    }
}
