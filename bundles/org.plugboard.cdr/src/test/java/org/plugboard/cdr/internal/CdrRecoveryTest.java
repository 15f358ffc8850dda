package org.plugboard.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;

/**
 * The database recovers from the CSV files (the regression test of "CDRs lost on kill -9": the CSV held 968 records,
 * the database 954). Real H2 in a temp folder, real CSV files written by {@link CsvCdrSink}.
 */
class CdrRecoveryTest {
    @TempDir
    Path tmp;

    private Path csvDir;
    private JdbcDataSource ds;
    private Connection keepOpen;
    private CsvCdrSink csv;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        csvDir = tmp.resolve("cdr");
        ds = dataSource("pbx");
        keepOpen = ds.getConnection();
        JdbcCdrSink.migrate(ds, getClass().getClassLoader());
        csv = new CsvCdrSink(TestConfig.csv(csvDir, 10 << 20, 90), new CsvCdrSinkTest.TestClock());
    }

    @AfterEach
    void tearDown() throws Exception {
        csv.deactivate();
        keepOpen.close();
    }

    private JdbcDataSource dataSource(String name) {
        JdbcDataSource d = new JdbcDataSource();
        d.setURL("jdbc:h2:" + tmp.resolve(name));
        d.setUser("sa");
        return d;
    }

    private CdrRecovery.Result recover() throws Exception {
        return new CdrRecovery(ds, csvDir, warnings::add).run();
    }

    /** Every hard field at once: commas, quotes, newlines, missing values, microsecond times, a long Call-ID. */
    private static CallDetailRecord odd(String ref) {
        Instant t = Instant.parse("2026-11-23T09:00:00.123456Z");
        return new CallDetailRecord("x".repeat(300) + "@" + ref, ref, "\"Boss\", 1001", "10,02", "", t, null,
                t.plusMillis(4001), t.plusSeconds(65), Disposition.ANSWERED, 200, 16,
                "He said \"no\", then\r\nhung up\nat once", CallTag.CALLEE_BYE);
    }

    private static CallDetailRecord plain(int i) {
        return Cdrs.answered("p" + i, "1001", "1002", Cdrs.T0.plusSeconds(i), 30);
    }

    private int count(JdbcDataSource d, String where) throws SQLException {
        try (Connection c = d.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cdr WHERE " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Every column but the identity, in call ref order. */
    private static List<List<Object>> rows(JdbcDataSource d) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = d.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM cdr ORDER BY call_ref")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (!md.getColumnName(i).equalsIgnoreCase("id")) {
                        row.add(md.getColumnName(i) + "=" + rs.getObject(i));
                    }
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void recordsInTheCsvButNotTheDatabaseAreInsertedExactlyOnce() throws Exception {
        JdbcCdrSink db = new JdbcCdrSink(ds);
        for (int i = 1; i <= 5; i++) {
            csv.write(plain(i));
            if (i <= 2) {
                db.write(plain(i)); // the database lost 3, 4 and 5 (an H2 commit not yet on disk at kill -9)
            }
        }
        CdrRecovery.Result r = recover();
        assertEquals(3, r.inserted());
        assertEquals(5, r.read());
        for (int i = 1; i <= 5; i++) {
            assertEquals(1, count(ds, "call_ref = 'p" + i + "'"), "p" + i);
            assertEquals(plain(i), db.findById("p" + i).get(0));
        }
        assertEquals(0, recover().inserted(), "a second run inserts nothing");
        assertEquals(0, recover().files(), "and reads nothing: every file is checked to its end");
        assertEquals(List.of(), warnings);
    }

    @Test
    void aRecoveredRowEqualsTheRowTheLiveWriteStores() throws Exception {
        csv.write(odd("o1"));
        csv.write(plain(1));
        recover();
        JdbcDataSource live = dataSource("live");
        JdbcCdrSink liveDb = new JdbcCdrSink(live);
        liveDb.write(odd("o1"));
        liveDb.write(plain(1));
        assertEquals(rows(live), rows(ds), "every column, byte for byte");
        CallDetailRecord read = new JdbcCdrSink(ds).findById("o1").get(0);
        assertEquals("He said \"no\", then\r\nhung up\nat once", read.reason());
        assertEquals("\"Boss\", 1001", read.caller());
        assertEquals(Instant.parse("2026-11-23T09:00:00.123Z"), read.start(), "times to the millisecond in both");
        assertEquals(null, read.answeredBy(), "empty is stored as missing in both");
        assertEquals(255, read.callId().length());
    }

    @Test
    void aCorruptLastLineIsSkippedWithAWarningAndRecoveryGoesOn() throws Exception {
        csv.write(plain(1));
        csv.write(plain(2));
        Path first = csv.currentFile();
        csv.deactivate();
        // a crash in the middle of a write: half a line, inside a quoted field, no newline
        Files.writeString(first, "p3,call-p3@127.0.0.5,\"Bo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path later = csvDir.resolve("cdr-2026-11-24.csv");
        Files.write(later, CsvCdrSink.HEADER_LINE);
        Files.write(later, CsvCdrSink.line(CsvCdrSink.values(plain(4))), StandardOpenOption.APPEND);

        CdrRecovery.Result r = recover();
        assertEquals(3, r.inserted(), "p1, p2 and p4 of the next file");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(first.getFileName().toString()) && warnings.get(0).contains("incomplete"),
                warnings.get(0));

        // the PBX starts again: the sink closes the torn line with a newline and writes on after it
        csv = new CsvCdrSink(TestConfig.csv(csvDir, 10 << 20, 90), new CsvCdrSinkTest.TestClock());
        csv.write(plain(5));
        csv.write(odd("o6"));
        r = recover();
        assertEquals(2, r.inserted(), "p5 and o6, read after the closed torn line");
        assertEquals(1, r.skipped());
        assertTrue(warnings.get(1).contains("unreadable line") && warnings.get(1).contains("p3,call-p3"), warnings.get(1));
        assertEquals(0, count(ds, "call_ref = 'p3'"));
        assertEquals(5, count(ds, "1 = 1"));
        assertEquals(0, recover().inserted());
        assertEquals(2, warnings.size(), "a checked line is not read, nor warned about, again");
    }

    @Test
    void theDatabaseSinkRecoversAtStartAndAfterAnOutage() throws Exception {
        csv.write(plain(1));
        JdbcCdrSink db = new JdbcCdrSink(ds, csvDir); // start: p1 is only in the CSV file
        assertEquals(1, count(ds, "call_ref = 'p1'"));
        try (Statement s = keepOpen.createStatement()) {
            s.execute("ALTER TABLE cdr RENAME TO cdr_away"); // a database outage, for real
        }
        csv.write(plain(2));
        assertThrows(SQLException.class, () -> db.write(plain(2)));
        csv.write(plain(3));
        try (Statement s = keepOpen.createStatement()) {
            s.execute("ALTER TABLE cdr_away RENAME TO cdr");
        }
        csv.write(plain(4));
        db.write(plain(4)); // works again: p2 and p3 come from the CSV file
        for (int i = 1; i <= 4; i++) {
            assertEquals(1, count(ds, "call_ref = 'p" + i + "'"), "p" + i);
        }
        db.write(plain(3)); // the B2BUA's own retry of p3 after recovery stored it: no second row
        assertEquals(1, count(ds, "call_ref = 'p3'"));
    }

    @Test
    void aCsvLineRoundTripsEveryField() {
        CallDetailRecord r = odd("o1");
        String line = new String(CsvCdrSink.line(CsvCdrSink.values(r)), StandardCharsets.UTF_8);
        CallDetailRecord back = CdrCsvReader.parse(line.substring(0, line.length() - 1));
        assertEquals(new CallDetailRecord(r.callId(), r.id(), r.caller(), r.callee(), null,
                Instant.parse("2026-11-23T09:00:00.123Z"), null, Instant.parse("2026-11-23T09:00:04.124Z"),
                Instant.parse("2026-11-23T09:01:05.123Z"), r.disposition(), 200, 16, r.reason(), r.tag()), back);
    }

    @Test
    void aForwardedCallsFinalCalleeRoundTripsThroughCsvAndDatabase() throws Exception {
        CallDetailRecord p = plain(7);
        CallDetailRecord r = new CallDetailRecord(p.callId(), p.id(), p.caller(), p.callee(), p.answeredBy(), p.start(), p.ringing(),
                p.answer(), p.end(), p.disposition(), p.sipStatus(), p.q850Cause(), p.reason(), p.tag(), "1003");
        String line = new String(CsvCdrSink.line(CsvCdrSink.values(r)), StandardCharsets.UTF_8);
        CallDetailRecord back = CdrCsvReader.parse(line.substring(0, line.length() - 1));
        assertEquals("1003", back.finalCallee());
        assertTrue(back.forwarded());
    }

    @Test
    void aTransferLinkRoundTripsThroughCsvAndALineWrittenBeforeItReadsWithout() {
        CallDetailRecord p = plain(8);
        CallDetailRecord r = new CallDetailRecord(p.callId(), p.id(), p.caller(), p.callee(), p.answeredBy(), p.start(), p.ringing(),
                p.answer(), p.end(), p.disposition(), p.sipStatus(), p.q850Cause(), p.reason(), CallTag.TRANSFERRED, p.callee(), "q0000001");
        String line = new String(CsvCdrSink.line(CsvCdrSink.values(r)), StandardCharsets.UTF_8);
        assertEquals(r, CdrCsvReader.parse(line.substring(0, line.length() - 1)));
        String before = "q9,call-q9@127.0.0.5,1001,1002,,2026-11-23T09:00:00.123Z,,,2026-11-23T09:00:01.123Z,0,BUSY,486,17,Busy,"
                + "CALLEE_REJECTED,1003";
        CallDetailRecord back = CdrCsvReader.parse(before);
        assertEquals("1003", back.finalCallee());
        assertNull(back.linkedCall());
        assertNull(CdrCsvReader.parse("call_ref,call_id,caller,callee,answered_by,start_time,ringing_time,answer_time,end_time,"
                + "billable_seconds,disposition,sip_status,q850_cause,reason,tag,final_callee"), "the header before linked_call is no record");
    }

    @Test
    void legsRoundTripThroughCsvAndRecoveryAndALineWrittenBeforeThemReadsWithout() throws Exception {
        CallDetailRecord r = Cdrs.withLegs(plain(9), "call-p9@127.0.0.5", "b2b-callee@pbx", "b2b-trunk@pbx");
        String line = new String(CsvCdrSink.line(CsvCdrSink.values(r)), StandardCharsets.UTF_8);
        assertEquals(r, CdrCsvReader.parse(line.substring(0, line.length() - 1)));
        String before = "q8,call-q8@127.0.0.5,1001,1002,,2026-11-23T09:00:00.123Z,,,2026-11-23T09:00:01.123Z,0,BUSY,486,17,Busy,"
                + "CALLEE_REJECTED,1002,,recorded: x";
        CallDetailRecord old = CdrCsvReader.parse(before);
        assertEquals(List.of("recorded: x"), old.notes());
        assertEquals(List.of(), old.legCallIds());
        csv.write(r);
        csv.flush();
        assertEquals(1, recover().inserted());
        assertEquals(r, new JdbcCdrSink(ds).findCall("p9").get(0), "recovered from the file with its legs");
    }

    @Test
    void aLineWrittenBeforeFinalCalleeReadsWithTheDialledNumberAsFinal() {
        String old = "q9,call-q9@127.0.0.5,1001,1002,,2026-11-23T09:00:00.123Z,,,2026-11-23T09:00:01.123Z,0,BUSY,486,17,Busy,"
                + "CALLEE_REJECTED";
        CallDetailRecord back = CdrCsvReader.parse(old);
        assertEquals("q9", back.id());
        assertEquals("1002", back.finalCallee());
        assertFalse(back.forwarded());
        assertNull(CdrCsvReader.parse("call_ref,call_id,caller,callee,answered_by,start_time,ringing_time,answer_time,end_time,"
                + "billable_seconds,disposition,sip_status,q850_cause,reason,tag"), "the old header line is no record");
    }
}
