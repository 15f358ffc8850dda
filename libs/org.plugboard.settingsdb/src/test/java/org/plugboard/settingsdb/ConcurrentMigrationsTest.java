package org.plugboard.settingsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At a first start every bundle migrates its own schema at the same moment, in one H2 database. Concurrent DDL in
 * H2 waits on the system table's lock, and two migrations could each hold the other up to the lock timeout (10 s):
 * the features thread stood still that long and a fresh-clone run lost a Pax Exam probe. Migrations now take turns.
 */
class ConcurrentMigrationsTest {
    @TempDir
    Path dir;

    @Test
    void twoBundlesMigratingAtOnceNeitherWaitsForALockTimeout() throws Exception {
        for (int round = 0; round < 15; round++) {
            JdbcDataSource db = new JdbcDataSource();
            Path file = Files.createDirectories(dir.resolve("r" + round)).resolve("pbx");
            db.setURL("jdbc:h2:" + file + ";LOCK_TIMEOUT=10000");
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> timed(db, "race_a", start));
            CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> timed(db, "race_b", start));
            long slowest = Math.max(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
            assertTrue(slowest < 5000, "round " + round + ": a migration waited " + slowest + " ms (the lock timeout is 10 s)");
            assertEquals(0, BundleSchema.migrate(db, getClass().getClassLoader(), "race_a"), "nothing left to migrate");
        }
    }

    private long timed(JdbcDataSource db, String schema, CyclicBarrier start) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long t0 = System.nanoTime();
        assertEquals(3, BundleSchema.migrate(db, getClass().getClassLoader(), schema));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
