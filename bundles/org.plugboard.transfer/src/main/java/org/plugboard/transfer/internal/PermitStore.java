package org.plugboard.transfer.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/**
 * The permits table ({@code transfer_permit}, migrated as schema {@code transfer}) on any JDBC DataSource, in SQL
 * that H2 and PostgreSQL both run (update, then insert when no row was there). Blocking: never on a call's strand.
 */
final class PermitStore {
    static final String SCHEMA = "transfer";

    private final DataSource dataSource;
    private final Transactions tx;

    PermitStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    /** @return the number of migrations applied now */
    int migrate(ClassLoader loader) {
        return BundleSchema.migrate(dataSource, loader, SCHEMA);
    }

    List<Permit> loadAll() {
        return tx.inTransaction("load the transfer permits", c -> {
            List<Permit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT extension, may_transfer, may_outside FROM transfer_permit ORDER BY extension");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Permit(rs.getString(1), flag(rs, 2), flag(rs, 3)));
                }
            }
            return out;
        });
    }

    /** Stores one extension's permit: its row is deleted when both follow the defaults. */
    void save(Permit p, Instant now) {
        tx.inTransaction("store the transfer permit of " + p.extension(), c -> {
            if (p.followsDefaults()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM transfer_permit WHERE extension = ?")) {
                    ps.setString(1, p.extension());
                    ps.executeUpdate();
                }
            } else if (write(c, p, now, "UPDATE transfer_permit SET may_transfer = ?, may_outside = ?, changed_at = ? WHERE extension = ?") == 0) {
                write(c, p, now, "INSERT INTO transfer_permit (may_transfer, may_outside, changed_at, extension) VALUES (?, ?, ?, ?)");
            }
            return null;
        });
    }

    private static int write(Connection c, Permit p, Instant now, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            flag(ps, 1, p.transfer());
            flag(ps, 2, p.outside());
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, p.extension());
            return ps.executeUpdate();
        }
    }

    private static Boolean flag(ResultSet rs, int column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    private static void flag(PreparedStatement ps, int index, Boolean value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BOOLEAN);
        } else {
            ps.setBoolean(index, value);
        }
    }
}
