package org.plugboard.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.archive.StoredRecording;
import org.plugboard.settingsdb.BundleSchema;

/** The archive over the real store (H2): listing, one recording, audio only when finished and on disk. */
class RecordingArchiveProviderTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void listsFindsAndGivesTheFileOfFinishedRecordingsOnly() throws Exception {
        DataSource db = TestSupport.h2();
        BundleSchema.migrate(db, getClass().getClassLoader(), PolicyRegistry.SCHEMA);
        RecordingStore store = new RecordingStore(db);
        Path wav = TestSupport.wav(dir.resolve("a.wav"), 1, 16000, 16000);
        long done = store.insert("call-a", "1001", "1002", wav.toString(), "mixed", NOW);
        store.complete(done, NOW.plusSeconds(1), Duration.ofSeconds(1), "CALL_ENDED", null, 16044);
        long running = store.insert("call-b", "1003", "1002", wav.toString(), "stereo", NOW.plusSeconds(5));
        long gone = store.insert("call-c", "1001", "1004", dir.resolve("gone.wav").toString(), "mixed", NOW.plusSeconds(9));
        store.complete(gone, NOW.plusSeconds(10), Duration.ofSeconds(1), "CALL_ENDED", null, 10);
        RecordingArchiveProvider archive = new RecordingArchiveProvider(store);

        List<StoredRecording> all = archive.list(null, null, 10);
        assertEquals(List.of(gone, running, done), all.stream().map(StoredRecording::id).toList(), "newest first");
        assertEquals(List.of(done, gone), archive.list("1001", null, 10).stream().map(StoredRecording::id).sorted().toList());
        StoredRecording a = archive.get(done).orElseThrow();
        assertEquals("call-a", a.callId());
        assertEquals(Duration.ofSeconds(1), a.length());
        assertEquals(wav, archive.audio(done).orElseThrow());
        assertTrue(archive.audio(running).isEmpty(), "still running");
        assertTrue(archive.audio(gone).isEmpty(), "file gone");
        assertTrue(archive.get(99).isEmpty());
    }
}
