package org.plugboard.cdr.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.cdr.internal.CdrException;
import org.plugboard.cdr.internal.CdrQuery;
import org.plugboard.cdr.internal.CdrStore;

/** The commands over a fake store: what they ask for and what they print, errors included. */
class CommandsTest {
    private static final Instant START = Instant.parse("2026-11-23T09:00:00.250Z");
    private static final CallDetailRecord ANSWERED = new CallDetailRecord("4f1c@127.0.0.5", "c7a1", "1001", "1002",
            "1002", START, START.plusMillis(310), START.plusSeconds(4), START.plusSeconds(46), Disposition.ANSWERED,
            200, 16, "Normal call clearing", CallTag.CALLER_BYE);
    private static final CallDetailRecord BUSY = new CallDetailRecord("99ab@127.0.0.6", "c7a2", "1003", "1001", null,
            START.plusSeconds(60), START.plusSeconds(60), null, START.plusSeconds(61), Disposition.BUSY, 486, 17,
            "User busy", CallTag.CALLEE_REJECTED);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T15:30:00Z"), ZoneId.of("Europe/Berlin"));

    private final List<CdrQuery> queries = new ArrayList<>();
    private RuntimeException failure;
    private final CdrStore store = new CdrStore() {
        @Override
        public List<CallDetailRecord> find(CdrQuery query) {
            if (failure != null) {
                throw failure;
            }
            queries.add(query);
            return List.of(BUSY, ANSWERED);
        }

        @Override
        public List<CallDetailRecord> findById(String refOrCallId) {
            return refOrCallId.equals("c7a1") || refOrCallId.equals("4f1c@127.0.0.5") ? List.of(ANSWERED) : List.of();
        }
    };

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private final List<String> failures = new ArrayList<>();

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing on stderr: a batch bin/client drops it");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return String.join("\n", failures);
    }

    private CdrListCommand list() {
        CdrListCommand c = new CdrListCommand();
        c.store = store;
        c.clock = clock;
        return c;
    }

    /** Runs a command as the console does: a failure is the Error line Karaf prints (the CommandException's help). */
    private void run(Action a) throws Exception {
        try {
            a.execute();
        } catch (CommandException e) {
            failures.add(e.getNiceHelp());
        }
    }

    @Test
    void listPrintsATableWithLocalTimes() throws Exception {
        run(list());
        String o = out();
        assertEquals(CdrQuery.newest(20), queries.get(0));
        for (String column : List.of("Start", "Call", "Caller", "Callee", "Answer", "Billable", "Disposition", "Status",
                "Q.850", "Reason", "Tag")) {
            assertTrue(o.contains(column), column + " in\n" + o);
        }
        assertTrue(o.contains("2026-11-23 10:00:00"), o);
        assertTrue(o.contains("10:00:04"), o);
        assertTrue(o.contains("42 s"), o);
        assertTrue(o.contains("CALLEE_REJECTED"), o);
        assertTrue(o.contains("2 record(s)"), o);
        assertEquals("", err());
    }

    @Test
    void listPassesEveryFilter() throws Exception {
        CdrListCommand c = list();
        c.caller = "10*";
        c.callee = "1002";
        c.disposition = "answered";
        c.tag = "CALLER_BYE";
        c.since = "2026-11-23T10:00";
        c.until = "2026-11-23";
        c.limit = "5";
        run(c);
        assertEquals(new CdrQuery("10*", "1002", Disposition.ANSWERED, CallTag.CALLER_BYE,
                Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-22T23:00:00Z"), 5), queries.get(0));
    }

    @Test
    void badOptionValuesPrintTheProblemAndTheValidValues() throws Exception {
        CdrListCommand c = list();
        c.disposition = "HUNG_UP";
        run(c);
        c = list();
        c.tag = "BYE";
        run(c);
        c = list();
        c.limit = "0";
        run(c);
        c = list();
        c.limit = "lots";
        run(c);
        c = list();
        c.since = "monday";
        run(c);
        String e = err();
        assertTrue(e.contains("Error: 'HUNG_UP' is not a valid disposition: use one of ANSWERED, NO_ANSWER, BUSY, CANCELLED, FAILED"), e);
        assertTrue(e.contains("Error: 'BYE' is not a valid tag: use one of CALLER_BYE, CALLEE_BYE"), e);
        assertTrue(e.contains("Error: '0' is not a valid limit: give a number from 1 to 10000"), e);
        assertTrue(e.contains("Error: 'lots' is not a valid limit"), e);
        assertTrue(e.contains("Error: 'monday' is not a valid --since time"), e);
        assertTrue(queries.isEmpty());
        assertEquals("", out());
    }

    @Test
    void databaseFailureAndMissingStorePrintAnError() throws Exception {
        failure = new CdrException("Could not read call records: database error x", null);
        run(list());
        CdrListCommand none = list();
        none.store = null;
        run(none);
        assertTrue(err().contains("Error: Could not read call records: database error x"), err());
        assertTrue(err().contains("Error: the CDR database is not available: set db.enabled = true"), err());
    }

    @Test
    void showPrintsEveryField() throws Exception {
        CdrShowCommand c = new CdrShowCommand();
        c.store = store;
        c.clock = clock;
        c.call = "c7a1";
        run(c);
        String o = out();
        for (String line : List.of("Call         c7a1", "Call-ID      4f1c@127.0.0.5", "Caller       1001",
                "Callee       1002", "Answered by  1002", "Start        2026-11-23 10:00:00.250 +01:00",
                "Ringing      2026-11-23 10:00:00.560 +01:00 (+0.310 s)", "Answer       2026-11-23 10:00:04.250 +01:00 (+4.000 s)",
                "End          2026-11-23 10:00:46.250 +01:00 (+46.000 s)", "Billable     42 s", "Disposition  ANSWERED",
                "SIP status   200", "Q.850 cause  16", "Reason       Normal call clearing", "Tag          CALLER_BYE")) {
            assertTrue(o.contains(line), line + " in\n" + o);
        }
        c.call = "nope";
        run(c);
        assertTrue(err().contains("Error: no call record 'nope'. Give a call id from pbx:cdr-list or a SIP Call-ID."), err());
    }
}
