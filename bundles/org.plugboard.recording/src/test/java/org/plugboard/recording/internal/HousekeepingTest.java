package org.plugboard.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.settingsdb.BundleSchema;

class HousekeepingTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    private RecordingStore store;
    private Quota quota;
    private Housekeeping housekeeping;

    @BeforeEach
    void setUp() {
        DataSource db = TestSupport.h2();
        BundleSchema.migrate(db, getClass().getClassLoader(), PolicyRegistry.SCHEMA);
        store = new RecordingStore(db);
        quota = new Quota(0, 0);
        housekeeping = new Housekeeping(store, quota);
    }

    private long row(String call, Path file, Instant started, boolean completed, long bytes) {
        long id = store.insert(call, "1001", "1002", file.toString(), "mixed", started);
        if (completed) {
            store.complete(id, started.plusSeconds(10), Duration.ofSeconds(10), "CALL_ENDED", null, bytes);
        }
        return id;
    }

    @Test
    void anOpenRowIsCompletedFromItsFileAsInterrupted() throws IOException {
        // 3 s of mono audio on disk, the header brought up to date at 2 s: the header's length counts
        Path a = TestSupport.wav(dir.resolve("a.wav"), 1, 3 * 16000, 2 * 16000);
        // stereo, the header never updated: the file's size counts (1.5 s)
        Path b = TestSupport.wav(dir.resolve("b.wav"), 2, 48000, 0);
        long ra = row("ca", a, NOW, false, 0);
        long rb = row("cb", b, NOW, false, 0);
        long rc = row("cc", dir.resolve("gone.wav"), NOW, false, 0);
        long live = row("cd", a, NOW, false, 0);

        assertEquals(3, housekeeping.recover(r -> r.id() == live));

        RecordingRow x = store.find(Long.toString(ra)).get(0);
        assertEquals(Duration.ofSeconds(2), x.length());
        assertEquals(RecordingRow.INTERRUPTED, x.ending());
        assertEquals(NOW.plusSeconds(2), x.ended());
        assertEquals(44L + 3 * 16000, x.bytes());
        assertNull(x.failure());
        assertEquals(Duration.ofMillis(1500), store.find(Long.toString(rb)).get(0).length());
        RecordingRow gone = store.find(Long.toString(rc)).get(0);
        assertTrue(gone.failure().contains("missing"), gone.failure());
        assertEquals(Duration.ZERO, gone.length());
        assertTrue(store.find(Long.toString(live)).get(0).open(), "a recording still running stays open");
        assertEquals(2 * 44L + 3 * 16000 + 48000, quota.used());
        assertEquals(0, housekeeping.recover(r -> true), "nothing twice");
    }

    @Test
    void wavLengthRefusesWhatIsNoWav() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.wav"), "not audio at all, just some text");
        assertThrows(IOException.class, () -> WavLength.of(junk));
    }

    @Test
    void retentionDeletesFilesAndRowsOlderThanTheDays() throws IOException {
        Path old = TestSupport.wav(dir.resolve("2026/11/01/old.wav"), 1, 1600, 1600);
        Path recent = TestSupport.wav(dir.resolve("2026/12/01/new.wav"), 1, 1600, 1600);
        long ro = row("old", old, NOW.minus(Duration.ofDays(31)), true, 1644);
        long rn = row("new", recent, NOW.minus(Duration.ofDays(29)), true, 1644);
        long open = row("open", recent, NOW.minus(Duration.ofDays(40)), false, 0);
        quota.added(2 * 1644);

        assertEquals(0, housekeeping.sweep(NOW, 0), "0 days keeps everything");
        assertEquals(1, housekeeping.sweep(NOW, 30));

        assertFalse(Files.exists(old));
        assertTrue(store.find(Long.toString(ro)).isEmpty());
        assertTrue(Files.exists(recent));
        assertEquals(1, store.find(Long.toString(rn)).size());
        assertEquals(1, store.find(Long.toString(open)).size(), "a running recording is never swept");
        assertEquals(1644, quota.used());
        assertEquals(0, housekeeping.sweep(NOW, 30));
    }

    @Test
    void aSweepOfManyGoesInBatches() throws IOException {
        int n = Housekeeping.BATCH + 7;
        for (int i = 0; i < n; i++) {
            row("c" + i, dir.resolve("x" + i + ".wav"), NOW.minus(Duration.ofDays(100)).plusSeconds(i), true, 10);
        }
        assertEquals(n, housekeeping.sweep(NOW, 30));
        assertTrue(store.list(null, null, 10).isEmpty());
    }

    @Test
    void theQuotaIsOverAtItsLimitOnly() {
        Quota q = new Quota(0, 0);
        q.added(Long.MAX_VALUE / 2);
        assertFalse(q.over(), "0 = no limit");
        q = new Quota(900, 1000);
        assertFalse(q.over());
        q.added(100);
        assertTrue(q.over());
        q.removed(1);
        assertFalse(q.over());
        q.limit(999);
        assertTrue(q.over());
        q.removed(5000);
        assertEquals(0, q.used());
    }
}
