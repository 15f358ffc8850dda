package org.plugboard.settingsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SettingsDbTest {
    private final JdbcDataSource db = new JdbcDataSource();

    SettingsDbTest() {
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void migratesOnceInItsOwnHistoryTable() {
        assertEquals(1, BundleSchema.migrate(db, getClass().getClassLoader(), "sample"));
        assertEquals(0, BundleSchema.migrate(db, getClass().getClassLoader(), "sample"));
        int rows = new Transactions(db).inTransaction("count history", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"flyway_sample_history\" WHERE \"version\" = '1'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(1, rows);
    }

    @Test
    void refusesANameThatIsNoIdentifier() {
        assertThrows(IllegalArgumentException.class, () -> BundleSchema.migrate(db, getClass().getClassLoader(), "x; DROP"));
    }

    @Test
    void aFailedUnitOfWorkLeavesNothingAndSaysWhatFailed() {
        BundleSchema.migrate(db, getClass().getClassLoader(), "sample");
        Transactions tx = new Transactions(db);
        Transactions.StorageException e = assertThrows(Transactions.StorageException.class,
                () -> tx.inTransaction("set the sample of 201", c -> {
                    insert(c, "201");
                    insert(c, "201"); // duplicate key: the whole unit rolls back
                    return null;
                }));
        assertTrue(e.getMessage().startsWith("Could not set the sample of 201: "), e.getMessage());
        int rows = tx.inTransaction("count", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sample_setting")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(0, rows);
    }

    private static void insert(java.sql.Connection c, String ext) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sample_setting (extension, target) VALUES (?, ?)")) {
            ps.setString(1, ext);
            ps.setString(2, "202");
            ps.executeUpdate();
        }
    }
}
