package org.plugboard.dnd.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/**
 * The settings table ({@code dnd_setting}, migrated as schema {@code dnd}) on any JDBC DataSource. Plain SQL that
 * H2 and PostgreSQL both run (update, then insert when no row was there). Blocking: never on a call's strand.
 */
final class SettingsStore {
    static final String SCHEMA = "dnd";

    private final DataSource dataSource;
    private final Transactions tx;

    SettingsStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    /** @return the number of migrations applied now */
    int migrate(ClassLoader loader) {
        return BundleSchema.migrate(dataSource, loader, SCHEMA);
    }

    List<ExtensionSettings> loadAll() {
        return tx.inTransaction("load the DND settings", c -> {
            List<ExtensionSettings> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT extension, dnd, call_waiting, max_in, max_out FROM dnd_setting ORDER BY extension");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ExtensionSettings(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4), rs.getInt(5)));
                }
            }
            return out;
        });
    }

    /** Stores one extension's settings: its row is deleted when they are the defaults. */
    void save(ExtensionSettings s, Instant now) {
        tx.inTransaction("store the settings of " + s.extension(), c -> {
            if (s.isDefault()) {
                delete(c, s.extension());
            } else if (update(c, s, now) == 0) {
                insert(c, s, now);
            }
            return null;
        });
    }

    private static void delete(Connection c, String extension) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dnd_setting WHERE extension = ?")) {
            ps.setString(1, extension);
            ps.executeUpdate();
        }
    }

    private static int update(Connection c, ExtensionSettings s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE dnd_setting SET dnd = ?, call_waiting = ?, max_in = ?, max_out = ?, changed_at = ? WHERE extension = ?")) {
            values(ps, s, now);
            ps.setString(6, s.extension());
            return ps.executeUpdate();
        }
    }

    private static void insert(Connection c, ExtensionSettings s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dnd_setting (dnd, call_waiting, max_in, max_out, changed_at, extension) VALUES (?, ?, ?, ?, ?, ?)")) {
            values(ps, s, now);
            ps.setString(6, s.extension());
            ps.executeUpdate();
        }
    }

    private static void values(PreparedStatement ps, ExtensionSettings s, Instant now) throws SQLException {
        ps.setBoolean(1, s.dnd());
        ps.setBoolean(2, s.callWaiting());
        ps.setInt(3, s.maxIn());
        ps.setInt(4, s.maxOut());
        ps.setTimestamp(5, Timestamp.from(now));
    }
}
