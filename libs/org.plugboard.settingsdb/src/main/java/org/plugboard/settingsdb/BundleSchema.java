package org.plugboard.settingsdb;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * A bundle's own tables in the shared database. Each bundle migrates {@code classpath:db/migration/<name>} with
 * the history table {@code flyway_<name>_history}, so bundles migrate independently, in any order, and a bundle
 * removed leaves its tables (and the settings in them) for when it comes back.
 */
public final class BundleSchema {
    private BundleSchema() {
    }

    /**
     * Migrates the schema named {@code name} (lower-case letters, digits and underscores) to the newest version the
     * bundle ships. Blocking: call it at activation, never on a call's strand.
     *
     * @param loader the bundle's class loader, where Flyway finds {@code db/migration/<name>/V*.sql}
     * @return the number of migrations applied now
     */
    public static int migrate(DataSource dataSource, ClassLoader loader, String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("schema name '" + name + "': use lower-case letters, digits and _");
        }
        return Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + name)
                .table("flyway_" + name + "_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
