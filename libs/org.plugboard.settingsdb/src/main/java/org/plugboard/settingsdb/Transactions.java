package org.plugboard.settingsdb;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Runs a unit of work in one JDBC transaction: committed when it returns, rolled back when it throws. A database
 * failure comes out as {@link StorageException} with what was being done ("set forwarding of 201: ..."), so a
 * console command or REST call can say it plainly. Blocking: never call it on a call's strand.
 */
public final class Transactions {
    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The work: SQL on the connection, returning what the caller needs (for example the new in-memory value). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A database failure, with what was being done when it happened. */
    public static final class StorageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StorageException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
