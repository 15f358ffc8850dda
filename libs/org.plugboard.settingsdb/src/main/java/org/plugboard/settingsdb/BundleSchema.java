package org.plugboard.settingsdb;

import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bundle's own tables in the shared database. Each bundle migrates {@code classpath:db/migration/<name>} with
 * the history table {@code flyway_<name>_history}, so bundles migrate independently, in any order, and a bundle
 * removed leaves its tables (and the settings in them) for when it comes back. Bundles take turns
 * ({@link MigrationTurn}): DDL of two migrations at once can hold each other up to the database's lock timeout.
 */
public final class BundleSchema {
    private static final Logger LOG = LoggerFactory.getLogger(BundleSchema.class);
    private static final Set<String> LOCK_STATES = Set.of("HYT00", "55P03", "40P01");
    static final int LOCK_ATTEMPTS = 4;
    static final long LOCK_PAUSE_MILLIS = 500;
    /** How long a bundle waits while others migrate (one at a time, see {@link MigrationTurn}). */
    static final long TURN_WAIT_MILLIS = 120_000;

    private BundleSchema() {
    }

    /**
     * Migrates the schema named {@code name} (lower-case letters, digits and underscores) to the newest version the
     * bundle ships. Blocking: call it at activation, never on a call's strand. A migration that fails because
     * another one kept a table locked past the database's lock timeout is tried again, up to {@link #LOCK_ATTEMPTS} times.
     *
     * @param loader the bundle's class loader, where Flyway finds {@code db/migration/<name>/V*.sql}
     * @return the number of migrations applied now
     */
    public static int migrate(DataSource dataSource, ClassLoader loader, String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("schema name '" + name + "': use lower-case letters, digits and _");
        }
        Flyway flyway = Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + name)
                .table("flyway_" + name + "_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        for (int attempt = 1;; attempt++) {
            try (MigrationTurn turn = MigrationTurn.take(dataSource, TURN_WAIT_MILLIS)) {
                return flyway.migrate().migrationsExecuted;
            } catch (SQLException e) {
                throw new IllegalStateException("schema '" + name + "': no turn to migrate within " + TURN_WAIT_MILLIS
                        + " ms (another bundle's migration held it): " + e.getMessage(), e);
            } catch (FlywayException e) {
                if (attempt >= LOCK_ATTEMPTS || !lockTimeout(e)) {
                    throw e;
                }
                // At a first start every bundle migrates at once, and the database may keep a table locked longer
                // than its lock timeout. A step that timed out waiting for its lock applied nothing, but Flyway
                // records it as failed (H2 cannot roll DDL back), which would fail every later start: repair removes
                // that record, then the step is tried again.
                LOG.warn("Schema '{}': a table stayed locked past the lock timeout ({}); attempt {} of {} in {} ms", name,
                        e.getMessage(), attempt + 1, LOCK_ATTEMPTS, LOCK_PAUSE_MILLIS * attempt);
                pause(LOCK_PAUSE_MILLIS * attempt);
                flyway.repair();
            }
        }
    }

    /** H2's lock timeout (HYT00), PostgreSQL's lock not available (55P03) or deadlock (40P01), anywhere in the causes. */
    static boolean lockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOCK_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // a back-off between attempts of a blocking start-up step, not a wait for an effect
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to migrate again", e);
        }
    }
}
