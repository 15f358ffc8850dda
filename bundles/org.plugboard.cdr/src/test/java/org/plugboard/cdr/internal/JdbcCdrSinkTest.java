package org.plugboard.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrFilter;

/** The CDR table on a real H2 database (in a temp folder), migrated by Flyway as in production. */
class JdbcCdrSinkTest {
    @TempDir
    Path tmp;

    private JdbcDataSource ds;
    private JdbcCdrSink sink;
    /** Held open like a pool would, so H2 does not close and reopen the file on every statement. */
    private Connection keepOpen;

    @BeforeEach
    void setUp() throws Exception {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + tmp.resolve("pbx"));
        ds.setUser("sa");
        keepOpen = ds.getConnection();
        sink = new JdbcCdrSink(ds);
        sink.write(Cdrs.answered("a1", "1001", "1002", Cdrs.T0, 60));
        sink.write(Cdrs.busy("a2", "1002", "1003", Cdrs.T0.plusSeconds(600)));
        sink.write(Cdrs.answered("a3", "1001", "1003", Cdrs.T0.plusSeconds(1200), 5));
        sink.write(Cdrs.busy("a4", "2001", "1001", Cdrs.T0.plusSeconds(1800)));
    }

    @AfterEach
    void tearDown() throws Exception {
        keepOpen.close();
    }

    private List<String> refs(CdrQuery q) {
        return sink.find(q).stream().map(CallDetailRecord::id).toList();
    }

    private static CdrQuery q(String caller, String callee, Disposition d, CallTag t, java.time.Instant since,
            java.time.Instant until, int limit) {
        return new CdrQuery(caller, callee, d, t, since, until, limit);
    }

    @Test
    void storesEveryFieldAndReadsItBack() throws Exception {
        CallDetailRecord written = Cdrs.answered("b1", "1001", "1002", Cdrs.T0.plusSeconds(5000), 42);
        sink.write(written);
        CallDetailRecord read = sink.findById("b1").get(0);
        assertEquals(written, read);
        assertEquals(42, read.billableSeconds());
        assertEquals(written, sink.findById("call-b1@127.0.0.5").get(0), "found by SIP Call-ID too");
        assertTrue(sink.findById("nope").isEmpty());
    }

    @Test
    void transferLinksAreStoredBothWays() throws Exception {
        CallDetailRecord a = Cdrs.answered("t1", "1001", "1002", Cdrs.T0, 10);
        CallDetailRecord part = new CallDetailRecord(a.callId(), "p1", a.caller(), a.callee(), a.answeredBy(), a.start(), a.ringing(),
                a.answer(), a.end(), a.disposition(), 200, 16, "Transferred to 1003 by 1002", CallTag.TRANSFERRED, "1002", "t1");
        sink.write(part);
        assertEquals(part, sink.findById("p1").get(0));
        assertEquals("t1", sink.findById("p1").get(0).linkedCall());
    }

    @Test
    void notesAreStoredAndReadBackInOrder() throws Exception {
        CallDetailRecord a = Cdrs.answered("n1", "1001", "1002", Cdrs.T0, 10);
        CallDetailRecord noted = new CallDetailRecord(a.callId(), "n1", a.caller(), a.callee(), a.answeredBy(), a.start(), a.ringing(),
                a.answer(), a.end(), a.disposition(), 200, 16, a.reason(), a.tag(), "1002", null,
                List.of("recorded: /rec/n1.wav", "operator 1000 barged in | listened"));
        sink.write(noted);
        assertEquals(List.of("recorded: /rec/n1.wav", "operator 1000 barged in / listened"), sink.findById("n1").get(0).notes(),
                "a bar inside a note cannot split it");
    }

    @Test
    void everyLegsCallIdIsStoredAndTheCallIsFoundByRefOrCallerCallId() throws Exception {
        CallDetailRecord legs = Cdrs.withLegs(Cdrs.answered("l1", "1001", "1002", Cdrs.T0.plusSeconds(7000), 3),
                "call-l1@127.0.0.5", "b2b-callee-1@pbx", "b2b-fork-2@pbx", "b2b-trunk-3@pbx");
        sink.write(legs);
        assertEquals(legs, sink.findCall("l1").get(0));
        assertEquals(List.of("call-l1@127.0.0.5", "b2b-callee-1@pbx", "b2b-fork-2@pbx", "b2b-trunk-3@pbx"),
                sink.findCall("call-l1@127.0.0.5").get(0).legCallIds(), "in order, the caller's first");
        assertTrue(sink.findCall("b2b-gone@pbx").isEmpty());
        assertEquals(List.of(), sink.findCall("a1").get(0).legCallIds(), "a record without legs reads with none");
    }

    @Test
    void legsBeyondTheColumnAreCutAtAWholeCallId() throws Exception {
        String[] many = new String[30];
        for (int i = 0; i < many.length; i++) {
            many[i] = i + "-" + "y".repeat(200) + "@pbx";
        }
        sink.write(Cdrs.withLegs(Cdrs.answered("l2", "1001", "1002", Cdrs.T0.plusSeconds(7100), 3), many));
        List<String> read = sink.findCall("l2").get(0).legCallIds();
        assertEquals(List.of(many).subList(0, read.size()), read, "whole Call-IDs, the first ones");
        assertTrue(read.size() >= 15 && read.size() < 30, "cut to the 4000-character column: " + read.size());
    }

    @Test
    void aTableOfTheVersionBeforeLegsIsMigratedAndItsRowsStillRead() throws Exception {
        JdbcDataSource old = new JdbcDataSource();
        old.setURL("jdbc:h2:" + tmp.resolve("old"));
        old.setUser("sa");
        // the table as cdr 1.4 left it: Flyway stopped at V5, a row written then
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(old)
                .locations("classpath:db/migration/cdr").table("flyway_cdr_history").target("5").load().migrate();
        try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO cdr (call_id, call_ref, caller, callee, start_time, end_time, disposition, sip_status, tag, notes) "
                    + "VALUES ('call-o1@127.0.0.5', 'o1', '1001', '1002', TIMESTAMP WITH TIME ZONE '2026-11-23 09:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-11-23 09:00:05+00', 'BUSY', 486, 'CALLEE_REJECTED', 'a note')");
            assertThrows(java.sql.SQLException.class, () -> s.executeQuery("SELECT leg_call_ids FROM cdr"), "no column yet");
        }
        JdbcCdrSink migrated = new JdbcCdrSink(old);
        CallDetailRecord before = migrated.findCall("o1").get(0);
        assertEquals(List.of(), before.legCallIds());
        assertEquals(List.of("a note"), before.notes());
        CallDetailRecord after = Cdrs.withLegs(Cdrs.answered("o2", "1001", "1002", Cdrs.T0, 3), "call-o2@127.0.0.5", "b2b-o2@pbx");
        migrated.write(after);
        assertEquals(after, migrated.findCall("o2").get(0));
        try (Connection c = old.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_cdr_history\" WHERE \"version\" = '6' AND \"success\"")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "V6 applied once");
        }
    }

    @Test
    void storesIncompleteRecordsRatherThanFailingThem() throws Exception {
        String longReason = "x".repeat(1000);
        sink.write(new CallDetailRecord("odd@host", "odd", null, null, null, null, null, Cdrs.T0, null, null, 0, 0,
                longReason, null));
        CallDetailRecord read = sink.findById("odd").get(0);
        assertNull(read.caller());
        assertNull(read.start());
        assertNull(read.disposition());
        assertEquals(255, read.reason().length());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT billable_seconds FROM cdr WHERE call_ref = 'odd'")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "answer without end bills nothing");
        }
    }

    @Test
    void newestFirstWithLimit() {
        assertEquals(List.of("a4", "a3", "a2", "a1"), refs(CdrQuery.newest(20)));
        assertEquals(List.of("a4", "a3"), refs(CdrQuery.newest(2)));
    }

    @Test
    void filtersByCallerAndCallee() {
        assertEquals(List.of("a3", "a1"), refs(q("1001", null, null, null, null, null, 20)));
        assertEquals(List.of("a4", "a3", "a2", "a1"), refs(q("*", null, null, null, null, null, 20)));
        assertEquals(List.of("a3", "a2", "a1"), refs(q("100*", null, null, null, null, null, 20)));
        assertEquals(List.of("a4", "a3", "a2", "a1"), refs(q(null, "100*", null, null, null, null, 20)));
        assertEquals(List.of("a3", "a2"), refs(q(null, "1003", null, null, null, null, 20)));
        assertEquals(List.of("a3"), refs(q("1001", "1003", null, null, null, null, 20)));
        assertEquals(List.of(), refs(q("10_1", null, null, null, null, null, 20)), "_ is literal, not a LIKE wildcard");
        assertEquals(List.of(), refs(q("10%", null, null, null, null, null, 20)), "% is literal");
    }

    @Test
    void filtersByDispositionAndTag() {
        assertEquals(List.of("a4", "a2"), refs(q(null, null, Disposition.BUSY, null, null, null, 20)));
        assertEquals(List.of("a3", "a1"), refs(q(null, null, null, CallTag.CALLER_BYE, null, null, 20)));
        assertEquals(List.of(), refs(q(null, null, Disposition.ANSWERED, CallTag.CALLEE_REJECTED, null, null, 20)));
    }

    @Test
    void filtersBySinceInclusiveAndUntilExclusive() {
        assertEquals(List.of("a4", "a3", "a2"), refs(q(null, null, null, null, Cdrs.T0.plusSeconds(600), null, 20)));
        assertEquals(List.of("a2", "a1"), refs(q(null, null, null, null, null, Cdrs.T0.plusSeconds(1200), 20)));
        assertEquals(List.of("a3", "a2"),
                refs(q(null, null, null, null, Cdrs.T0.plusSeconds(1), Cdrs.T0.plusSeconds(1201), 20)));
    }

    private List<String> page(CdrFilter f) {
        return sink.find(f).stream().map(CallDetailRecord::id).toList();
    }

    @Test
    void searchPagesNewestFirstWithOffset() {
        assertEquals(List.of("a4", "a3"), page(new CdrFilter(null, null, null, null, null, 0, 2)));
        assertEquals(List.of("a2", "a1"), page(new CdrFilter(null, null, null, null, null, 2, 2)));
        assertEquals(List.of(), page(new CdrFilter(null, null, null, null, null, 4, 2)));
    }

    @Test
    void searchByExtensionMatchesEitherEnd() {
        assertEquals(List.of("a4", "a3", "a1"), page(new CdrFilter(null, null, "1001", null, null, 0, 20)));
        assertEquals(List.of("a3", "a2"), page(new CdrFilter(null, null, "1003", null, null, 0, 20)));
        assertEquals(List.of("a4"), page(new CdrFilter(null, null, "1001", null, Disposition.BUSY, 0, 20)));
    }

    @Test
    void searchByTimeRangeAndTag() {
        assertEquals(List.of("a3"), page(new CdrFilter(Cdrs.T0.plusSeconds(1), Cdrs.T0.plusSeconds(1800), null,
                CallTag.CALLER_BYE, null, 0, 20)));
    }

    @Test
    void limitOutOfRangeIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CdrQuery.newest(0));
        assertTrue(e.getMessage().contains("1 to 10000"), e.getMessage());
    }

    @Test
    void migrationRunsOnceBesideOtherBundlesTables() throws Exception {
        JdbcDataSource shared = new JdbcDataSource();
        shared.setURL("jdbc:h2:" + tmp.resolve("shared"));
        shared.setUser("sa");
        try (Connection c = shared.getConnection(); Statement s = c.createStatement()) {
            // another bundle migrated first: the schema is not empty, so Flyway baselines at 0 and applies V1
            s.execute("CREATE TABLE extension (number VARCHAR(32) PRIMARY KEY)");
        }
        new JdbcCdrSink(shared).write(Cdrs.answered("m1", "1001", "1002", Cdrs.T0, 1));
        JdbcCdrSink again = new JdbcCdrSink(shared); // restart: nothing to migrate, data kept
        assertEquals(List.of("m1"), again.find(CdrQuery.newest(5)).stream().map(CallDetailRecord::id).toList());
        try (Connection c = shared.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_cdr_history\" WHERE \"version\" = '1' AND \"success\""))
        {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
