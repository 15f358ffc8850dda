package org.plugboard.settingsdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import javax.sql.DataSource;

/**
 * One migration at a time across every bundle (and PBX node) sharing the database: a row lock on
 * {@code plugboard_migration_turn}, held by a connection of its own while a bundle's Flyway runs on another. At a first
 * start every bundle migrates at once, and concurrent DDL in H2 waits on the system table's lock: two migrations
 * could each hold the other up to the lock timeout, stalling the Karaf features thread for 10 s.
 */
final class MigrationTurn implements AutoCloseable {
    /**
     * Table not found: H2 (42S02; 42S03 "with candidates", which H2 says when the table is being made by another
     * session at this moment, a fresh clone's ConcurrentMigrationsTest met it; 42S04 an empty database; also as error
     * codes), PostgreSQL (42P01).
     */
    private static final Set<String> NO_TABLE = Set.of("42S02", "42S03", "42S04", "42P01", "42102", "42103", "42104");
    private static final Set<String> DUPLICATE = Set.of("23505", "23001", "42S01", "42P07", "42101");

    private final Connection connection;

    private MigrationTurn(Connection connection) {
        this.connection = connection;
    }

    /**
     * Waits for the turn, at most {@code waitMillis} (each lock timeout of the database is one more try). The turn is
     * the lock on the table's one row: a {@code FOR UPDATE} that found no row (the table or its row being made by
     * another bundle at this moment) locks nothing, so it makes what is missing and tries again.
     */
    static MigrationTurn take(DataSource dataSource, long waitMillis) throws SQLException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            while (true) {
                try (Statement st = c.createStatement();
                        ResultSet row = st.executeQuery("SELECT id FROM plugboard_migration_turn WHERE id = 1 FOR UPDATE")) {
                    if (row.next()) {
                        return new MigrationTurn(c);
                    }
                } catch (SQLException e) {
                    c.rollback();
                    if (noTable(e)) {
                        committed(c, "CREATE TABLE IF NOT EXISTS plugboard_migration_turn (id INT PRIMARY KEY)");
                        continue;
                    }
                    if (!BundleSchema.lockTimeout(e) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    continue;
                }
                c.rollback();
                committed(c, "INSERT INTO plugboard_migration_turn (id) VALUES (1)");
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    static boolean noTable(SQLException e) {
        return NO_TABLE.contains(e.getSQLState());
    }

    /** Makes the table or its row, committed at once so that every bundle locks the same row. */
    private static void committed(Connection c, String sql) throws SQLException {
        ignoringDuplicates(c, sql);
        c.commit();
    }

    /** Two bundles may create the table or its row at the same moment: the one that comes second has nothing to do. */
    private static void ignoringDuplicates(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            if (!DUPLICATE.contains(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** Gives the turn to the next bundle. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
