package org.plugboard.recording.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallTag;
import org.plugboard.recording.internal.Mode;
import org.plugboard.recording.internal.PolicyRegistry;
import org.plugboard.recording.internal.RecordingStore;
import org.plugboard.recording.internal.Recordings;
import org.plugboard.recording.internal.Scope;
import org.plugboard.recording.internal.TestSupport;

/** The commands over the real components on H2: what they store, what they print, and their errors. */
class CommandsTest {
    private static final CallControl NO_CALLS = new CallControl() {
        @Override
        public List<CallInfo> calls() {
            return List.of();
        }

        @Override
        public Optional<CallInfo> call(String id) {
            return Optional.empty();
        }

        @Override
        public boolean hangup(String id, CallTag tag) {
            return false;
        }
    };

    @TempDir
    Path dir;

    private DataSource db;
    private PolicyRegistry policies;
    private Recordings recordings;
    private RecordingStore store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldOut;

    @BeforeEach
    void setUp() throws Exception {
        db = TestSupport.h2();
        var config = TestSupport.config(Map.of("directory", dir.toString()));
        policies = new PolicyRegistry(db, config);
        recordings = new Recordings(db, policies, config);
        recordings.setCallControl(NO_CALLS);
        store = new RecordingStore(db);
        recordings.started().get(5, java.util.concurrent.TimeUnit.SECONDS); // its start-up check done: rows below stay open
        oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(oldOut);
    }

    private <T extends ConsoleAction> String run(T action) throws Exception {
        action.policies = policies;
        action.recordings = recordings;
        out.reset();
        action.execute();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String error(ThrowingRun r) {
        CommandException e = assertThrows(CommandException.class, r::run);
        return e.getMessage();
    }

    @FunctionalInterface
    interface ThrowingRun {
        void run() throws Exception;
    }

    private RecPolicySetCommand set(String scope, String name, String mode) {
        RecPolicySetCommand c = new RecPolicySetCommand();
        c.scope = scope;
        c.name = name;
        c.mode = mode;
        return c;
    }

    @Test
    void policiesAreSetListedAndRemoved() throws Exception {
        assertEquals("Recording policy of extension 1001: always\n", run(set("extension", "1001", "always")));
        assertEquals("Recording policy of site: never\n", run(set("site", "never", null)));
        run(set("trunk", "sbc", "on-demand"));
        assertEquals(Mode.ALWAYS, policies.policies().get(Scope.EXTENSION, "1001"));
        assertEquals(Mode.NEVER, policies.policies().get(Scope.SITE, "*"));

        String list = run(new RecPolicyListCommand());
        assertTrue(list.matches("(?s).*extension\\s*\\|\\s*1001\\s*\\|\\s*always.*"), list);
        assertTrue(list.matches("(?s).*trunk\\s*\\|\\s*sbc\\s*\\|\\s*on-demand.*"), list);
        assertTrue(list.matches("(?s).*default\\s*\\|\\s*\\(configuration\\)\\s*\\|\\s*on-demand.*"), list);

        RecPolicyRemoveCommand rm = new RecPolicyRemoveCommand();
        rm.scope = "extension";
        rm.name = "1001";
        assertEquals("Recording policy of extension 1001 removed\n", run(rm));
        assertEquals(null, policies.policies().get(Scope.EXTENSION, "1001"));
        assertTrue(error(() -> run(rm)).contains("no recording policy for extension 1001; pbx:rec-policy-list shows them"));

        // stored: a new registry (a restart) reads the same
        assertEquals(Mode.ON_DEMAND, new PolicyRegistry(db, TestSupport.config(Map.of()))
                .policies().get(Scope.TRUNK, "sbc"));
    }

    @Test
    void badPolicyInputNamesTheProblemAndTheFix() {
        assertTrue(error(() -> run(set("room", "1", "always"))).contains("use extension, group, line, trunk or site"));
        assertTrue(error(() -> run(set("extension", "1001", "maybe"))).contains("use always, never or on-demand"));
        assertTrue(error(() -> run(set("extension", "1001", null))).contains("pbx:rec-policy-set extension 1001 always"));
        assertTrue(error(() -> run(set("extension", "bad name", "never"))).contains("no extension, group, line or trunk name"));
        assertTrue(policies.policies().all().isEmpty());
    }

    @Test
    void recordingsAreListedShownByIdOrCallIdAndDeleted() throws Exception {
        Path f = TestSupport.wav(dir.resolve("2026/12/06/abc12345-20261206T120000.wav"), 1, 1600, 1600);
        Instant t = Instant.parse("2026-12-06T12:00:00Z");
        long a = store.insert("abc12345", "1001", "1002", f.toString(), "mixed", t);
        store.complete(a, t.plusSeconds(75), Duration.ofMillis(75_300), "CALL_ENDED", null, 1644);
        long b = store.insert("00000077", "1003", "1002", dir.resolve("b.wav").toString(), "stereo", t.plusSeconds(5));

        String list = run(new RecListCommand());
        assertTrue(list.contains("2 recording(s)"), list);
        assertTrue(list.indexOf("00000077") < list.indexOf("abc12345"), "newest first: " + list);
        assertTrue(list.contains("0:01:15.3") && list.contains("(running)"), list);

        RecListCommand byCaller = new RecListCommand();
        byCaller.trailing = List.of("--caller", "1001", "--limit", "5");
        list = run(byCaller);
        assertTrue(list.contains("1 recording(s)") && list.contains("abc12345") && !list.contains("00000077"), list);
        RecListCommand badLimit = new RecListCommand();
        badLimit.limit = 0;
        assertTrue(error(() -> run(badLimit)).contains("--limit 0: give 1 to"));

        RecShowCommand show = new RecShowCommand();
        show.id = "abc12345";
        String shown = run(show);
        assertTrue(shown.startsWith("Recording " + a + " of call abc12345 (pbx:cdr-show abc12345)"), shown);
        assertTrue(shown.contains("file:    " + f) && shown.contains("ending:  CALL_ENDED"), shown);
        show.id = Long.toString(b);
        assertTrue(run(show).contains("of call 00000077"));
        show.id = "nothing";
        assertTrue(error(() -> run(show)).contains("no recording with id or call id 'nothing'; pbx:rec-list shows them"));

        RecDeleteCommand del = new RecDeleteCommand();
        del.id = Long.toString(b);
        assertTrue(error(() -> run(del)).contains("still running"));
        del.id = Long.toString(a);
        assertEquals("Recording " + a + " deleted (file and row)\n", run(del));
        assertFalse(Files.exists(f));
        assertTrue(error(() -> run(del)).contains("no recording " + a));
        del.id = "x1";
        assertTrue(error(() -> run(del)).contains("'x1' is no recording id"));
    }
}
