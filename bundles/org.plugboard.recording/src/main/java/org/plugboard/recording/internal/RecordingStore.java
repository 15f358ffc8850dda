package org.plugboard.recording.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.plugboard.settingsdb.Transactions;

/** The {@code call_recording} table. Blocking: only on the bundle's own executor or the console. */
public final class RecordingStore {
    private static final String COLUMNS = "id, call_id, caller, callee, file, layout, started, ended, length_ms, ending, failure, bytes";

    private final Transactions tx;

    public RecordingStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    /** A new row for a recording that just started; @return its id */
    public long insert(String callId, String caller, String callee, String file, String layout, Instant started) {
        return tx.inTransaction("store the recording of call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO call_recording (call_id, caller, callee, file, layout, started) VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, callId);
                ps.setString(2, cut(caller, 128));
                ps.setString(3, cut(callee, 128));
                ps.setString(4, file);
                ps.setString(5, layout);
                ps.setTimestamp(6, Timestamp.from(started));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Completes a row once; @return false when it was completed already (or is gone) */
    public boolean complete(long id, Instant ended, Duration length, String ending, String failure, long bytes) {
        return tx.inTransaction("complete recording " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE call_recording SET ended = ?, length_ms = ?, ending = ?, "
                    + "failure = ?, bytes = ? WHERE id = ? AND ended IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(ended));
                ps.setLong(2, length.toMillis());
                ps.setString(3, ending);
                if (failure == null || failure.isEmpty()) {
                    ps.setNull(4, Types.VARCHAR);
                } else {
                    ps.setString(4, cut(failure, 1024));
                }
                ps.setLong(5, bytes);
                ps.setLong(6, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Newest first; null filters match everything. */
    public List<RecordingRow> list(String caller, String callee, int limit) {
        return tx.inTransaction("list the recordings", c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM call_recording WHERE 1 = 1");
            List<String> args = new ArrayList<>();
            if (caller != null) {
                sql.append(" AND caller = ?");
                args.add(caller);
            }
            if (callee != null) {
                sql.append(" AND callee = ?");
                args.add(callee);
            }
            sql.append(" ORDER BY started DESC, id DESC LIMIT ?");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                ps.setInt(args.size() + 1, limit);
                return rows(ps);
            }
        });
    }

    /** The recording with this id, and every recording of the CDR call with this id. */
    public List<RecordingRow> find(String idOrCallId) {
        return tx.inTransaction("find recording " + idOrCallId, c -> {
            long id = parseId(idOrCallId);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call_recording WHERE id = ? OR call_id = ? "
                    + "ORDER BY started, id")) {
                ps.setLong(1, id);
                ps.setString(2, idOrCallId);
                return rows(ps);
            }
        });
    }

    public List<RecordingRow> open() {
        return tx.inTransaction("find the unfinished recordings", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call_recording WHERE ended IS NULL ORDER BY id")) {
                return rows(ps);
            }
        });
    }

    /** Rows of recordings that started before {@code before}, oldest first, at most {@code limit}. */
    public List<RecordingRow> startedBefore(Instant before, int limit) {
        return tx.inTransaction("find the recordings past retention", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM call_recording WHERE started < ? "
                    + "AND ended IS NOT NULL ORDER BY started, id LIMIT ?")) {
                ps.setTimestamp(1, Timestamp.from(before));
                ps.setInt(2, limit);
                return rows(ps);
            }
        });
    }

    /** The bytes every completed recording holds. */
    public long totalBytes() {
        return tx.inTransaction("sum the recordings' sizes", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(bytes), 0) FROM call_recording");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public boolean delete(long id) {
        return tx.inTransaction("delete recording " + id, c -> delete(c, id));
    }

    private static boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM call_recording WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    private static List<RecordingRow> rows(PreparedStatement ps) throws SQLException {
        List<RecordingRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp ended = rs.getTimestamp(8);
                long length = rs.getLong(9);
                boolean hasLength = !rs.wasNull();
                long bytes = rs.getLong(12);
                boolean hasBytes = !rs.wasNull();
                out.add(new RecordingRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(), ended == null ? null : ended.toInstant(),
                        hasLength ? Duration.ofMillis(length) : null, rs.getString(10), rs.getString(11), hasBytes ? bytes : null));
            }
        }
        return out;
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String cut(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }
}
