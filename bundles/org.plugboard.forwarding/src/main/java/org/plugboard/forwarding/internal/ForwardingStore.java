package org.plugboard.forwarding.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/**
 * The SQL of forwarding: the bundle's own table ({@code db/migration/forwarding}), loaded whole at activation and
 * written one extension at a time. Blocking: never called on a call's strand.
 */
final class ForwardingStore {
    static final String SCHEMA = "forwarding";
    private static final String COLUMNS = "cfu_target, cfb_target, cfnr_target, cfnr_timeout, cfnrc_target, external_allowed";

    private final DataSource dataSource;
    private final Transactions transactions;

    ForwardingStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource);
    }

    /** Creates or upgrades the table; returns the migrations applied now. */
    int migrate(ClassLoader loader) {
        return BundleSchema.migrate(dataSource, loader, SCHEMA);
    }

    List<Settings> loadAll() {
        return transactions.inTransaction("load the forwarding settings", c -> {
            List<Settings> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT extension, " + COLUMNS + " FROM forwarding_setting ORDER BY extension");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<Kind, String> targets = new EnumMap<>(Kind.class);
                    targets.put(Kind.CFU, rs.getString("cfu_target"));
                    targets.put(Kind.CFB, rs.getString("cfb_target"));
                    targets.put(Kind.CFNR, rs.getString("cfnr_target"));
                    targets.put(Kind.CFNRC, rs.getString("cfnrc_target"));
                    int seconds = rs.getInt("cfnr_timeout");
                    Integer timeout = rs.wasNull() ? null : seconds; // read at once: the next getter resets wasNull
                    out.add(new Settings(rs.getString("extension"), targets, timeout,
                            rs.getBoolean("external_allowed")));
                }
            }
            return out;
        });
    }

    /** Writes one extension's settings in one transaction: the row is replaced, or deleted when nothing is set. */
    void save(Settings s) {
        transactions.inTransaction("save the forwarding of " + s.extension(), c -> {
            if (s.isEmpty()) {
                delete(c, s.extension());
            } else if (update(c, s) == 0) {
                insert(c, s);
            }
            return null;
        });
    }

    private static void delete(Connection c, String extension) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM forwarding_setting WHERE extension = ?")) {
            ps.setString(1, extension);
            ps.executeUpdate();
        }
    }

    private static int update(Connection c, Settings s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE forwarding_setting SET cfu_target = ?, cfb_target = ?, "
                + "cfnr_target = ?, cfnr_timeout = ?, cfnrc_target = ?, external_allowed = ?, updated_at = CURRENT_TIMESTAMP "
                + "WHERE extension = ?")) {
            bind(ps, s);
            ps.setString(7, s.extension());
            return ps.executeUpdate();
        }
    }

    private static void insert(Connection c, Settings s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO forwarding_setting (" + COLUMNS + ", extension) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, s);
            ps.setString(7, s.extension());
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Settings s) throws SQLException {
        ps.setString(1, s.target(Kind.CFU));
        ps.setString(2, s.target(Kind.CFB));
        ps.setString(3, s.target(Kind.CFNR));
        if (s.noAnswerSeconds() == null) {
            ps.setNull(4, Types.INTEGER);
        } else {
            ps.setInt(4, s.noAnswerSeconds());
        }
        ps.setString(5, s.target(Kind.CFNRC));
        ps.setBoolean(6, s.external());
    }
}
