package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
    @TempDir
    Path storage;

    @Test
    void aRowWithoutFileGoesAFileWithoutRowIsAdoptedAPartIsRemoved() throws Exception {
        JdbcDataSource db = TestBoxes.memoryDb();
        Mailboxes boxes = TestBoxes.open(db, storage, new Quota(10, 0, 60));
        String id = Mailboxes.newId();
        Path file = boxes.newMessageFile("1001", id);
        Wavs.writeTone(file, 440, Duration.ofSeconds(1));
        Message lost = boxes.deposit("1001", id, "1002", file, Duration.ofSeconds(1)).toCompletableFuture().join();
        Files.delete(file); // a row without its file

        Path orphan = storage.resolve("1002").resolve("msg-0123456789abcdef.wav"); // the PBX died before the commit
        Wavs.writeTone(orphan, 440, Duration.ofMillis(2500));
        Path part = storage.resolve("1002").resolve("msg-fedcba9876543210.wav.part"); // died while recording
        Files.write(part, new byte[100]);

        MessageStore store = new MessageStore(db);
        Reconciler.Report r = new Reconciler(store, storage, TestBoxes.CLOCK).reconcile();
        assertEquals(new Reconciler.Report(1, 1, 1), r);
        assertFalse(Files.exists(part));
        List<Message> rows = store.loadMessages();
        assertEquals(1, rows.size());
        Message adopted = rows.get(0);
        assertEquals("0123456789abcdef", adopted.id());
        assertEquals("1002", adopted.mailbox());
        assertEquals("unknown", adopted.caller());
        assertEquals(2500, adopted.millis());
        assertFalse(rows.contains(lost));

        assertEquals(new Reconciler.Report(0, 0, 0), new Reconciler(store, storage, TestBoxes.CLOCK).reconcile(),
                "nothing left to do the second time");
    }
}
