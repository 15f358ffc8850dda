package org.plugboard.cdr.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrFilter;
import org.plugboard.api.cdr.CdrSearch;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.settingsdb.BundleSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CDRs in table {@code cdr} of any JDBC DataSource (H2 by default, PostgreSQL for shared deployments), migrated
 * by Flyway at activation in its own history table. Write-through: when {@link #write} returns the row is committed
 * (but an embedded H2 writes its commits to disk up to a second later: a {@code kill -9} can lose the last ones).
 * So at activation and when a write works again after failing, it inserts every record of the CSV files the table
 * lacks ({@link CdrRecovery}). Enabled by {@link SinkSwitch} when {@code db.enabled} is true.
 */
@Component(service = {CdrSink.class, CdrStore.class, CdrSearch.class}, immediate = true, configurationPid = CdrConfig.PID, enabled = false,
        property = CdrSink.DURABLE + ":Boolean=true")
public class JdbcCdrSink implements CdrSink, CdrStore, CdrSearch {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCdrSink.class);
    static final int TEXT = 255;
    private static final String COLUMNS = "call_id, call_ref, caller, callee, answered_by, start_time, ringing_time, "
            + "answer_time, end_time, billable_seconds, disposition, sip_status, q850_cause, reason, tag, final_callee, linked_call, notes, leg_call_ids";
    private static final String INSERT = "INSERT INTO cdr (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM cdr";
    private static final String NEWEST_FIRST = " ORDER BY start_time DESC, id DESC";

    private final DataSource dataSource;
    /** The CSV folder to recover from, or null (tests of the table alone). */
    private volatile Path csvDirectory;
    /** The last write failed: the next one that works runs a recovery from the CSV files. */
    private boolean outage;

    @Activate
    public JdbcCdrSink(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource,
            CdrConfig config) {
        this(dataSource, CsvCdrSink.directory(config.csv_directory()));
    }

    /** The table alone, without recovery. */
    JdbcCdrSink(DataSource dataSource) {
        this(dataSource, (Path) null);
    }

    JdbcCdrSink(DataSource dataSource, Path csvDirectory) {
        this.dataSource = dataSource;
        this.csvDirectory = csvDirectory;
        migrate(dataSource, getClass().getClassLoader());
        LOG.info("CDR database ready: table cdr, history flyway_cdr_history");
        recover("start");
    }

    /** dataSource.target rebinds through SCR; the CSV folder to recover from may change. */
    @Modified
    void modified(CdrConfig config) {
        csvDirectory = CsvCdrSink.directory(config.csv_directory());
    }

    /** Table cdr in its own history table, flyway_cdr_history (a lock held past the timeout is waited out). */
    static void migrate(DataSource dataSource, ClassLoader loader) {
        BundleSchema.migrate(dataSource, loader, "cdr");
    }

    /**
     * Inserts into the table every record of the CSV files it lacks (the files are the source of truth: see the
     * README). Never throws: a failure is logged and the next start or outage end tries again.
     */
    void recover(String when) {
        Path dir = csvDirectory;
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try {
            CdrRecovery.Result r = new CdrRecovery(dataSource, dir, LOG::warn).run();
            if (r.inserted() > 0 || r.skipped() > 0) {
                LOG.info("CDR recovery at {}: {} record(s) of the CSV files in {} were missing from table cdr and are "
                        + "inserted ({} read, {} unreadable line(s) skipped)", when, r.inserted(), dir, r.read(), r.skipped());
            }
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warn("CDR recovery from {} at {} failed, tried again at the next start or database outage: {}", dir, when,
                    e.toString(), e);
        }
    }

    /**
     * Stores the record unless the table has it already (same call ref and Call-ID: a retry, a hand-over, or the
     * recovery came first). After a failed write, the first one that works recovers what the outage missed.
     */
    @Override
    public synchronized void write(CallDetailRecord r) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            insertIfAbsent(c, r);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            outage = true;
            throw e;
        }
        if (outage) {
            outage = false;
            recover("the end of a database outage");
        }
    }

    /** Inserts the record unless a row with its call ref and Call-ID exists; true if inserted. */
    static boolean insertIfAbsent(Connection c, CallDetailRecord r) throws SQLException {
        String ref = Records.text(r.id(), 64);
        String callId = Records.text(r.callId(), TEXT);
        String sql = "SELECT 1 FROM cdr WHERE " + (ref == null ? "call_ref IS NULL" : "call_ref = ?") + " AND "
                + (callId == null ? "call_id IS NULL" : "call_id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (ref != null) {
                ps.setString(i++, ref);
            }
            if (callId != null) {
                ps.setString(i, callId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, callId);
            ps.setString(2, ref);
            ps.setString(3, Records.text(r.caller(), TEXT));
            ps.setString(4, Records.text(r.callee(), TEXT));
            ps.setString(5, Records.text(r.answeredBy(), TEXT));
            setTime(ps, 6, r.start());
            setTime(ps, 7, r.ringing());
            setTime(ps, 8, r.answer());
            setTime(ps, 9, r.end());
            ps.setLong(10, Records.billableSeconds(r));
            ps.setString(11, Records.name(r.disposition()));
            ps.setInt(12, r.sipStatus());
            ps.setInt(13, r.q850Cause());
            ps.setString(14, Records.text(r.reason(), TEXT));
            ps.setString(15, Records.name(r.tag()));
            ps.setString(16, Records.text(r.finalCallee(), TEXT));
            ps.setString(17, Records.text(r.linkedCall(), 64));
            ps.setString(18, Records.text(Records.notes(r.notes()), 2000));
            ps.setString(19, Records.legs(r.legCallIds(), Records.LEGS_WIDTH));
            ps.executeUpdate();
            return true;
        }
    }

    @Override
    public List<CallDetailRecord> find(CdrQuery q) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        match(sql, args, "caller", q.caller());
        match(sql, args, "callee", q.callee());
        if (q.disposition() != null) {
            sql.append(" AND disposition = ?");
            args.add(q.disposition().name());
        }
        if (q.tag() != null) {
            sql.append(" AND tag = ?");
            args.add(q.tag().name());
        }
        if (q.since() != null) {
            sql.append(" AND start_time >= ?");
            args.add(q.since().atOffset(ZoneOffset.UTC));
        }
        if (q.until() != null) {
            sql.append(" AND start_time < ?");
            args.add(q.until().atOffset(ZoneOffset.UTC));
        }
        // The limit is a validated int, inlined: FETCH FIRST is standard SQL on H2 and PostgreSQL alike.
        sql.append(NEWEST_FIRST).append(" FETCH FIRST ").append(q.limit()).append(" ROWS ONLY");
        return select(sql.toString(), args);
    }

    /** A page for the REST API: the same table, with an extension on either end and an offset. */
    @Override
    public List<CallDetailRecord> find(CdrFilter f) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.extension() != null) {
            sql.append(" AND (caller = ? OR callee = ? OR final_callee = ?)");
            args.addAll(List.of(f.extension(), f.extension(), f.extension()));
        }
        if (f.disposition() != null) {
            sql.append(" AND disposition = ?");
            args.add(f.disposition().name());
        }
        if (f.tag() != null) {
            sql.append(" AND tag = ?");
            args.add(f.tag().name());
        }
        if (f.since() != null) {
            sql.append(" AND start_time >= ?");
            args.add(f.since().atOffset(ZoneOffset.UTC));
        }
        if (f.until() != null) {
            sql.append(" AND start_time < ?");
            args.add(f.until().atOffset(ZoneOffset.UTC));
        }
        // offset and limit are validated ints (CdrFilter), inlined as standard SQL that H2 and PostgreSQL share
        sql.append(NEWEST_FIRST).append(" OFFSET ").append(f.offset()).append(" ROWS FETCH FIRST ").append(f.limit())
                .append(" ROWS ONLY");
        try {
            return select(sql.toString(), args);
        } catch (CdrException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public List<CallDetailRecord> findCall(String refOrCallId) {
        try {
            return findById(refOrCallId);
        } catch (CdrException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public List<CallDetailRecord> findById(String refOrCallId) {
        // Two indexed lookups rather than one OR, which some databases answer with a table scan.
        List<CallDetailRecord> byRef = select(SELECT + " WHERE call_ref = ?" + NEWEST_FIRST + " FETCH FIRST 10 ROWS ONLY",
                List.of(refOrCallId));
        return byRef.isEmpty()
                ? select(SELECT + " WHERE call_id = ?" + NEWEST_FIRST + " FETCH FIRST 10 ROWS ONLY", List.of(refOrCallId))
                : byRef;
    }

    /** Exact match, or LIKE when the value has a {@code *} wildcard (other LIKE characters match literally). */
    private static void match(StringBuilder sql, List<Object> args, String column, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf('*') < 0) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        } else {
            sql.append(" AND ").append(column).append(" LIKE ? ESCAPE '!'");
            args.add(value.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace('*', '%'));
        }
    }

    private List<CallDetailRecord> select(String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<CallDetailRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CdrException("Could not read call records: database error " + e.getMessage(), e);
        }
    }

    private static CallDetailRecord read(ResultSet rs) throws SQLException {
        return new CallDetailRecord(rs.getString("call_id"), rs.getString("call_ref"), rs.getString("caller"),
                rs.getString("callee"), rs.getString("answered_by"), time(rs, "start_time"), time(rs, "ringing_time"),
                time(rs, "answer_time"), time(rs, "end_time"), Records.parse(Disposition.class, rs.getString("disposition")),
                rs.getInt("sip_status"), rs.getInt("q850_cause"), rs.getString("reason"),
                Records.parse(CallTag.class, rs.getString("tag")), rs.getString("final_callee"),
                rs.getString("linked_call"), Records.notes(rs.getString("notes")), Records.legs(rs.getString("leg_call_ids")));
    }

    private static void setTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, Records.millis(t).atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
