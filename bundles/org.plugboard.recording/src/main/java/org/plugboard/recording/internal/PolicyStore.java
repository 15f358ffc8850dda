package org.plugboard.recording.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.plugboard.settingsdb.Transactions;

/** The {@code recording_policy} table. Blocking: never on a call's strand. */
final class PolicyStore {
    private final Transactions tx;

    PolicyStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    List<Policy> loadAll() {
        return tx.inTransaction("load the recording policies", c -> {
            List<Policy> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT scope, name, mode FROM recording_policy");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Policy(Scope.valueOf(rs.getString(1)), rs.getString(2), Mode.valueOf(rs.getString(3))));
                }
            }
            return out;
        });
    }

    void save(Policy p, Instant now) {
        tx.inTransaction("store the recording policy of " + p.scope().word() + " " + p.name(), c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE recording_policy SET mode = ?, changed_at = ? WHERE scope = ? AND name = ?")) {
                up.setString(1, p.mode().name());
                up.setTimestamp(2, Timestamp.from(now));
                up.setString(3, p.scope().name());
                up.setString(4, p.name());
                if (up.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement in = c.prepareStatement(
                    "INSERT INTO recording_policy (mode, changed_at, scope, name) VALUES (?, ?, ?, ?)")) {
                in.setString(1, p.mode().name());
                in.setTimestamp(2, Timestamp.from(now));
                in.setString(3, p.scope().name());
                in.setString(4, p.name());
                in.executeUpdate();
            }
            return null;
        });
    }

    /** @return whether there was such a policy */
    boolean delete(Scope scope, String name) {
        return tx.inTransaction("remove the recording policy of " + scope.word() + " " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM recording_policy WHERE scope = ? AND name = ?")) {
                ps.setString(1, scope.name());
                ps.setString(2, name);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
