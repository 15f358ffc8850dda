package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version of the bundle that starts while the previous one still records live calls (bundle:update, feature
 * reinstall): its start keeps their {@code .part} files, and each message they become is listed, with the row the
 * old version committed after it was stopped, or adopted when none comes.
 */
class LateDepositsTest {
    private static final Duration LIVE = Duration.ofSeconds(130);

    @TempDir
    Path storage;

    private final JdbcDataSource db = TestBoxes.memoryDb();
    private final MutableClock clock = new MutableClock(TestBoxes.CLOCK.instant());

    @Test
    void aYoungPartIsKeptAtStartAnOldOneRemoved() throws Exception {
        Path young = part("1001", "00000000000000a1", TestBoxes.CLOCK.instant().minusSeconds(5));
        Path old = part("1001", "00000000000000a2", TestBoxes.CLOCK.instant().minus(Duration.ofHours(1)));
        MessageStore store = new MessageStore(db);
        store.migrate(getClass().getClassLoader());
        Reconciler.Report r = new Reconciler(store, storage, TestBoxes.CLOCK, LIVE).reconcile();
        assertEquals(new Reconciler.Report(0, 0, 1, List.of(young)), r);
        assertTrue(Files.exists(young));
        assertFalse(Files.exists(old));
    }

    @Test
    void theOldVersionsCommitAfterItWasStoppedIsListedByTheNewOne() throws Exception {
        Mailboxes oldVersion = TestBoxes.open(db, storage, new Quota(0, 0, 120));
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown(); // the old version was deactivated: its executor takes no more writes
        Mailboxes oldStopped = new Mailboxes(new MessageStore(db), storage, new Quota(0, 0, 120), TestBoxes.CLOCK, stopped);
        oldStopped.start(getClass().getClassLoader());
        String id = "00000000000000b1";
        Path part = part("1001", id, TestBoxes.CLOCK.instant());

        Mailboxes fresh = new Mailboxes(new MessageStore(db), storage, new Quota(0, 0, 120), TestBoxes.CLOCK, Runnable::run);
        Reconciler.Report r = fresh.start(getClass().getClassLoader(), LIVE);
        assertEquals(List.of(part), r.partsKept());
        LateDeposits late = new LateDeposits(fresh, new MessageStore(db), clock, r.partsKept(), LIVE);
        assertFalse(late.poll(), "still recording");

        // the old version's call ends: the engine moves the file into place, the old version commits on a thread of its own
        Path file = oldVersion.newMessageFile("1001", id);
        Wavs.writeTone(file, 440, Duration.ofSeconds(2));
        Files.delete(part);
        Message m = oldStopped.deposit("1001", id, "1002", file, Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals("1002", m.caller());

        assertFalse(late.poll(), "followed until the longest recording is over");
        assertEquals(List.of(m), fresh.messages("1001"), "listed with its caller, at once");

        // a call that was still at its greeting when the new version started: no .part then, its row comes all the same
        String greeting = "00000000000000b2";
        Path second = oldVersion.newMessageFile("1001", greeting);
        Wavs.writeTone(second, 440, Duration.ofSeconds(1));
        Message n = oldStopped.deposit("1001", greeting, "1003", second, Duration.ofSeconds(1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        late.poll();
        assertEquals(List.of(m, n), fresh.messages("1001"));
        clock.now = clock.now.plus(LIVE).plusSeconds(1);
        assertTrue(late.poll(), "done once the window is over");
    }

    @Test
    void aFinishedMessageWithoutARowIsAdoptedAfterTheGraceAndALeftoverPartGoes() throws Exception {
        Path finished = part("1001", "00000000000000c1", TestBoxes.CLOCK.instant());
        Path leftover = part("1001", "00000000000000c2", TestBoxes.CLOCK.instant());
        Mailboxes fresh = new Mailboxes(new MessageStore(db), storage, new Quota(0, 0, 120), TestBoxes.CLOCK, Runnable::run);
        LateDeposits late = new LateDeposits(fresh, new MessageStore(db), clock, fresh.start(getClass().getClassLoader(), LIVE).partsKept(),
                LIVE);

        Files.delete(finished);
        Wavs.writeTone(fresh.newMessageFile("1001", "00000000000000c1"), 440, Duration.ofSeconds(3));
        assertFalse(late.poll());
        assertTrue(fresh.messages("1001").isEmpty(), "waits for the old version's row");
        clock.now = clock.now.plus(LateDeposits.GRACE).plusSeconds(1);
        assertFalse(late.poll());
        assertEquals(1, fresh.messages("1001").size());
        Message adopted = fresh.messages("1001").get(0);
        assertEquals("unknown", adopted.caller());
        assertEquals(3000, adopted.millis());
        assertEquals(1, new MessageStore(db).loadMessages().size(), "and stored");

        clock.now = clock.now.plus(LIVE);
        assertTrue(late.poll());
        assertFalse(Files.exists(leftover), "a part still there after the longest recording is a leftover");
    }

    private Path part(String box, String id, Instant modified) throws Exception {
        Path p = storage.resolve(box).resolve("msg-" + id + ".wav.part");
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[100]);
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
