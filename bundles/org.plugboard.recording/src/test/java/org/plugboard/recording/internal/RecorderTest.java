package org.plugboard.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.CallRecording;
import org.plugboard.settingsdb.BundleSchema;

class RecorderTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final FakeCalls calls = new FakeCalls();
    private RecordingStore store;
    private Quota quota;
    private volatile Settings settings;
    private Recorder recorder;

    @BeforeEach
    void setUp() {
        DataSource db = TestSupport.h2();
        BundleSchema.migrate(db, getClass().getClassLoader(), PolicyRegistry.SCHEMA);
        store = new RecordingStore(db);
        quota = new Quota(0, 0);
        settings = settings(Map.of("directory", dir.resolve("rec").toString(), "layout", "stereo", "maxMinutes", 60,
                "announce", true));
        recorder = new Recorder(store, quota, calls, () -> settings, Clock.fixed(NOW, ZoneId.of("UTC")), executor,
                Duration.ofMillis(50));
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private static Settings settings(Map<String, Object> values) {
        return Settings.from(TestSupport.config(values), Path.of("data"));
    }

    /** Every step handed to the executor so far, and the steps they hand on, are done. */
    private void drain() throws Exception {
        for (int i = 0; i < 4; i++) {
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        }
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aStartedRecordingHasItsFileItsRowAndANoteAndIsCompletedWhenItEnds() throws Exception {
        FakeCalls.Session s = calls.call("c1");
        recorder.start("c1", "1001", "1002", "policy always");
        drain();

        FakeCalls.Rec rec = s.recorder;
        String day = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneId.systemDefault()).format(NOW);
        assertEquals(dir.resolve("rec").resolve(day), rec.options.file().getParent());
        assertTrue(rec.options.file().getFileName().toString().matches("c1-\\d{8}T\\d{6}\\.wav"), rec.options.file().toString());
        assertEquals(CallRecording.Layout.STEREO, rec.options.layout());
        assertEquals(Duration.ofHours(1), rec.options.max());
        assertTrue(rec.options.announce());
        assertEquals(List.of("recorded: " + rec.options.file()), calls.notes("c1"));
        RecordingRow row = store.find("c1").get(0);
        assertTrue(row.open());
        assertEquals("stereo", row.layout());
        assertTrue(recorder.recording("c1"));

        rec.end(Duration.ofSeconds(42), CallRecording.Ending.CALL_ENDED, "");
        drain();
        row = store.find("c1").get(0);
        assertEquals(Duration.ofSeconds(42), row.length());
        assertEquals("CALL_ENDED", row.ending());
        assertEquals(44L, row.bytes());
        assertEquals(44L, quota.used());
        assertFalse(recorder.recording("c1"));
    }

    @Test
    void theCodeStartsThenStops() throws Exception {
        FakeCalls.Session s = calls.call("c2");
        recorder.toggle("c2", "1001", "1002", "1001");
        drain();
        assertTrue(recorder.recording("c2"));
        recorder.toggle("c2", "1001", "1002", "1002");
        drain();
        assertTrue(s.recorder.stopped);
        RecordingRow row = store.find("c2").get(0);
        assertEquals("STOPPED", row.ending());
        assertEquals(Duration.ofSeconds(3), row.length());
        assertTrue(calls.notes("c2").contains("recording stopped on demand by 1002"), calls.notes("c2").toString());
    }

    @Test
    void aSecondStartOfARecordedCallIsIgnored() throws Exception {
        FakeCalls.Session s = calls.call("c12");
        recorder.toggle("c12", "1001", "1002", "1001");
        recorder.start("c12", "1001", "1002", "policy always");
        drain();
        recorder.start("c12", "1001", "1002", "policy always");
        drain();
        assertEquals(1, s.records.get());
        assertEquals(1, calls.notes("c12").size(), calls.notes("c12").toString());
        assertEquals(1, store.find("c12").size());
    }

    @Test
    void overQuotaNewRecordingsAreSkippedWithANote() throws Exception {
        settings = settings(Map.of("directory", dir.toString(), "quotaMegabytes", 1L));
        quota.limit(settings.quotaBytes());
        quota.added(Settings.MEGABYTE);
        FakeCalls.Session s = calls.call("c3");
        recorder.start("c3", "1001", "1002", "policy always");
        recorder.start("c3b", "1001", "1002", "policy always");
        drain();
        assertNull(s.recorder);
        assertEquals(List.of("recording skipped: the recordings quota of 1 MB is used up"), calls.notes("c3"));
        assertTrue(store.find("c3").isEmpty());
    }

    @Test
    void aDirectoryThatCannotBeWrittenLeavesTheCallUnrecordedWithANote() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        settings = settings(Map.of("directory", notADirectory.toString()));
        FakeCalls.Session s = calls.call("c4");
        recorder.start("c4", "1001", "1002", "policy always");
        drain();
        assertNull(s.recorder);
        String note = calls.notes("c4").get(0);
        assertTrue(note.startsWith("recording failed: cannot create the recordings directory " + notADirectory), note);
        assertTrue(note.contains("set directory in etc/org.plugboard.recording.cfg"), note);
        assertTrue(store.find("c4").isEmpty());
    }

    @Test
    void anEngineThatRefusesOrFailsWritingIsNoted() throws Exception {
        FakeCalls.Session s = calls.call("c5");
        s.refuse = "No space left on device";
        recorder.start("c5", "1001", "1002", "policy always");
        drain();
        assertTrue(calls.notes("c5").get(0).startsWith("recording failed: "), calls.notes("c5").toString());
        assertTrue(calls.notes("c5").get(0).contains("No space left on device"));

        FakeCalls.Session t = calls.call("c6");
        recorder.start("c6", "1001", "1002", "policy always");
        drain();
        t.recorder.end(Duration.ofSeconds(7), CallRecording.Ending.FAILED, "disk full");
        drain();
        RecordingRow row = store.find("c6").get(0);
        assertEquals("FAILED", row.ending());
        assertEquals("disk full", row.failure());
        assertTrue(calls.notes("c6").get(1).startsWith("recording failed: disk full"), calls.notes("c6").toString());
    }

    @Test
    void noMediaSessionIsASkip() throws Exception {
        recorder.start("c7", "1001", "1002", "policy always");
        await(() -> !calls.notes("c7").isEmpty(), "the skip noted after the last attempt");
        assertEquals(List.of("recording skipped: the call's media does not go through a media engine"), calls.notes("c7"));
    }

    @Test
    void aMediaSessionPublishedJustAfterTheAnswerIsStillRecorded() throws Exception {
        recorder.start("c11", "1001", "1002", "policy always");
        drain();
        FakeCalls.Session s = calls.call("c11");
        await(() -> s.recorder != null, "recording once the session is there");
        await(() -> !calls.notes("c11").isEmpty(), "its note");
        assertTrue(calls.notes("c11").get(0).startsWith("recorded: "), calls.notes("c11").toString());
    }

    @Test
    void aRecordingWhoseEndIsNeverReportedIsCompletedFromItsFileAfterTheCall() throws Exception {
        FakeCalls.Session s = calls.call("c8");
        recorder.start("c8", "1001", "1002", "policy always");
        drain();
        TestSupport.wav(s.recorder.options.file(), 1, 16000, 16000); // the new engine wrote one second
        recorder.callReleased("c8");
        await(() -> !store.find("c8").get(0).open(), "row completed from the file");
        RecordingRow row = store.find("c8").get(0);
        assertEquals(Duration.ofSeconds(1), row.length());
        assertEquals("CALL_ENDED", row.ending());
    }

    @Test
    void aRowLeftOpenByAnUpdateIsWatchedAgainWhileTheEngineStillRecords() throws Exception {
        FakeCalls.Session s = calls.call("c9");
        s.record(new CallRecording.Options(dir.resolve("c9.wav"), CallRecording.Layout.MIXED, null));
        long id = store.insert("c9", "1001", "1002", dir.resolve("c9.wav").toString(), "mixed", NOW);
        long gone = store.insert("c10", "1001", "1002", dir.resolve("c10.wav").toString(), "mixed", NOW);
        Housekeeping h = new Housekeeping(store, quota);

        assertEquals(1, executor.submit(() -> h.recover(recorder::attach)).get(5, TimeUnit.SECONDS));
        assertTrue(store.find(Long.toString(id)).get(0).open());
        assertEquals(RecordingRow.INTERRUPTED, store.find(Long.toString(gone)).get(0).ending());

        s.recorder.end(Duration.ofSeconds(90), CallRecording.Ending.CALL_ENDED, "");
        drain();
        assertEquals(Duration.ofSeconds(90), store.find(Long.toString(id)).get(0).length());
    }
}
