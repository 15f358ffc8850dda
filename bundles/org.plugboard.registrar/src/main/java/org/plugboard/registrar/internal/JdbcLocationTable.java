package org.plugboard.registrar.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.plugboard.api.location.Binding;
import org.plugboard.settingsdb.BundleSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table {@code location_binding} on the 'plugboard' DataSource. A write is durable when it returns: PostgreSQL's
 * commit is; the embedded H2's is not (it puts commits on the disk up to a second later, so a kill -9 right after
 * a commit lost up to a second of them when tried), so on H2 every commit is followed by {@code CHECKPOINT SYNC},
 * which writes H2's pending changes to its file and forces the file to the disk. Group commit makes that one
 * checkpoint per batch, not per REGISTER.
 */
final class JdbcLocationTable implements LocationTable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLocationTable.class);

    private final DataSource dataSource;
    private final boolean checkpoint;

    JdbcLocationTable(DataSource dataSource) {
        this.dataSource = dataSource;
        BundleSchema.migrate(dataSource, getClass().getClassLoader(), "registrar");
        this.checkpoint = probeCheckpoint();
    }

    /** Whether each commit is followed by H2's CHECKPOINT SYNC (only on H2, and only if this user may run it). */
    boolean checkpoints() {
        return checkpoint;
    }

    private boolean probeCheckpoint() {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"H2".equalsIgnoreCase(product)) {
                LOG.info("Location table on {}: a commit is durable when it returns", product);
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                LOG.warn("Location table on H2, but CHECKPOINT SYNC is refused ({}): H2 puts commits on the disk up to "
                        + "a second later, so a kill -9 can lose the registrations of that last second. Use an admin "
                        + "user (sa) in etc/org.ops4j.datasource-plugboard.cfg", e.getMessage());
                return false;
            }
            LOG.info("Location table on H2: every commit is followed by CHECKPOINT SYNC, so it is on the disk when a "
                    + "REGISTER gets its 200");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the location database: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Map<String, List<Binding>> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM location_binding WHERE extension = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO location_binding (extension, contact, "
                            + "expires_epoch, call_id, cseq, source, transport, user_agent, instance_id) VALUES (?,?,?,?,?,?,?,?,?)")) {
                boolean inserts = false;
                for (Map.Entry<String, List<Binding>> e : batch.entrySet()) {
                    del.setString(1, e.getKey());
                    del.addBatch();
                    for (Binding b : e.getValue()) {
                        ins.setString(1, b.extension());
                        ins.setString(2, b.contact());
                        ins.setLong(3, b.expiresAt().getEpochSecond());
                        ins.setString(4, b.callId());
                        ins.setLong(5, b.cseq());
                        ins.setString(6, b.source());
                        ins.setString(7, b.transport());
                        ins.setString(8, b.userAgent());
                        ins.setString(9, b.instanceId());
                        ins.addBatch();
                        inserts = true;
                    }
                }
                del.executeBatch();
                if (inserts) {
                    ins.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            if (checkpoint) {
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
            }
        }
    }

    /** Deletes expired rows and returns the rest, per extension newest expiry first. */
    List<Binding> load(Instant now) {
        List<Binding> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM location_binding WHERE expires_epoch <= ?")) {
                purge.setLong(1, now.getEpochSecond());
                purge.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT extension, contact, expires_epoch, call_id, cseq, source, "
                    + "transport, user_agent, instance_id FROM location_binding ORDER BY extension, expires_epoch DESC");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Binding(rs.getString(1), rs.getString(2), Instant.ofEpochSecond(rs.getLong(3)),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load registrations: " + e.getMessage(), e);
        }
        return out;
    }
}
