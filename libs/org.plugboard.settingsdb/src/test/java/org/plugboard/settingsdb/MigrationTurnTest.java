package org.plugboard.settingsdb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The turn is a row lock. A bundle that came while another had made the turn's table but not yet its row found no
 * row, locked nothing and migrated alongside the other (a fresh-clone run saw two migrations at once).
 */
class MigrationTurnTest {
    @TempDir
    Path dir;

    @Test
    void aTableWithoutItsRowStillGivesOneTurnAtATime() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:" + dir.resolve("pbx") + ";LOCK_TIMEOUT=200");
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE plugboard_migration_turn (id INT PRIMARY KEY)"); // the row not made yet
        }
        CountDownLatch secondHasTurn = new CountDownLatch(1);
        CompletableFuture<Void> second;
        try (MigrationTurn first = MigrationTurn.take(db, 5_000)) {
            second = CompletableFuture.runAsync(() -> {
                try (MigrationTurn turn = MigrationTurn.take(db, 10_000)) {
                    secondHasTurn.countDown();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertFalse(secondHasTurn.await(1, TimeUnit.SECONDS), "a second bundle got the turn while the first held it");
        }
        assertTrue(secondHasTurn.await(10, TimeUnit.SECONDS), "the second bundle got the turn once the first gave it");
        second.get(10, TimeUnit.SECONDS);
    }
}
