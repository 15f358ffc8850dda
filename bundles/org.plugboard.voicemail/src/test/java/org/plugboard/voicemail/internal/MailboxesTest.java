package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxesTest {
    @TempDir
    Path storage;

    private final JdbcDataSource db = TestBoxes.memoryDb();

    private Message deposit(Mailboxes boxes, String box, Duration length) throws Exception {
        String id = Mailboxes.newId();
        Path file = boxes.newMessageFile(box, id);
        Wavs.writeTone(file, 440, length);
        return boxes.deposit(box, id, "1002", file, length).toCompletableFuture().join();
    }

    @Test
    void aDepositIsInTheDatabaseAndSurvivesARestart() throws Exception {
        Mailboxes boxes = TestBoxes.open(db, storage, new Quota(10, 0, 60));
        List<String> changed = new ArrayList<>();
        boxes.onChange(changed::add);
        Message m = deposit(boxes, "1001", Duration.ofSeconds(2));
        assertEquals(new Mailboxes.Counts(1, 0), boxes.counts("1001"));
        assertEquals(List.of("1001"), changed, "MWI hears of it");

        Mailboxes again = TestBoxes.open(db, storage, new Quota(10, 0, 60));
        assertEquals(List.of(m), again.messages("1001"));
        assertEquals(2000, again.messages("1001").get(0).millis());
    }

    @Test
    void saveAndDeleteGoToTheDatabaseAndTheFileGoes() throws Exception {
        Mailboxes boxes = TestBoxes.open(db, storage, new Quota(10, 0, 60));
        Message a = deposit(boxes, "1001", Duration.ofSeconds(1));
        Message b = deposit(boxes, "1001", Duration.ofSeconds(1));
        boxes.save(a).toCompletableFuture().join();
        boxes.delete(List.of(b)).toCompletableFuture().join();
        assertFalse(Files.exists(boxes.file(b)));
        Mailboxes again = TestBoxes.open(db, storage, new Quota(10, 0, 60));
        assertEquals(new Mailboxes.Counts(0, 1), again.counts("1001"));
        assertEquals(Message.Folder.SAVED, again.messages("1001").get(0).folder());
    }

    @Test
    void quotaByMessagesAndBySeconds() throws Exception {
        Mailboxes byCount = TestBoxes.open(db, storage, new Quota(2, 0, 60));
        deposit(byCount, "1001", Duration.ofSeconds(1));
        assertFalse(byCount.full("1001"));
        deposit(byCount, "1001", Duration.ofSeconds(1));
        assertTrue(byCount.full("1001"));
        assertFalse(byCount.full("1002"), "a quota is per box");

        Mailboxes bySeconds = TestBoxes.open(TestBoxes.memoryDb(), storage.resolve("s"), new Quota(0, 10, 60));
        assertEquals(Duration.ofSeconds(10), bySeconds.room("1001"), "never more than what is left");
        deposit(bySeconds, "1001", Duration.ofSeconds(7));
        assertEquals(Duration.ofSeconds(3), bySeconds.room("1001"));
        deposit(bySeconds, "1001", Duration.ofSeconds(3));
        assertTrue(bySeconds.full("1001"));
    }

    @Test
    void pinsAreHashedAndChecked() {
        Mailboxes boxes = TestBoxes.open(db, storage, new Quota(10, 0, 60));
        assertFalse(boxes.hasPin("1001"));
        assertFalse(boxes.checkPin("1001", "").toCompletableFuture().join(), "no PIN: nobody logs in");
        boxes.setPin("1001", "4711").toCompletableFuture().join();
        assertTrue(boxes.checkPin("1001", "4711").toCompletableFuture().join());
        assertFalse(boxes.checkPin("1001", "4712").toCompletableFuture().join());
        Mailboxes again = TestBoxes.open(db, storage, new Quota(10, 0, 60));
        assertTrue(again.checkPin("1001", "4711").toCompletableFuture().join(), "stored");
        assertFalse(again.pinHashes().get("1001").contains("4711"), "hashed, not in clear");
    }

    @Test
    void pinRules() {
        assertEquals(null, Pins.problem("4711", 4));
        assertTrue(Pins.problem("471", 4).contains("at least 4"));
        assertTrue(Pins.problem("47a1", 4).contains("digits"));
        assertTrue(Pins.problem("", 1).contains("digits"));
    }
}
