package org.plugboard.operator.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/** The permission table ({@code op_permission}, schema {@code operator}). Blocking: never on a call's strand. */
final class PermissionStore {
    static final String SCHEMA = "operator";

    private final DataSource dataSource;
    private final Transactions tx;

    PermissionStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    int migrate(ClassLoader loader) {
        return BundleSchema.migrate(dataSource, loader, SCHEMA);
    }

    List<String> loadAll() {
        return tx.inTransaction("load the operator permissions", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT extension FROM op_permission ORDER BY extension");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Grants, or takes back; true when the table changed. */
    boolean set(String extension, boolean allowed, Instant now) {
        return tx.inTransaction((allowed ? "grant " : "take back ") + "the operator permission of " + extension, c -> {
            if (!allowed) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM op_permission WHERE extension = ?")) {
                    ps.setString(1, extension);
                    return ps.executeUpdate() > 0;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM op_permission WHERE extension = ?")) {
                ps.setString(1, extension);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO op_permission (extension, granted_at) VALUES (?, ?)")) {
                ps.setString(1, extension);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            return true;
        });
    }
}
