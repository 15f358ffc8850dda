package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.archive.StoredMessage;

/** The archive's view of a mailbox: new before saved, oldest first in each; a file only when it is there. */
class VoicemailArchiveProviderTest {
    @TempDir
    Path dir;

    @Test
    void newFirstThenSavedAndOnlyExistingFiles() throws Exception {
        Instant t = Instant.parse("2026-12-07T09:00:00Z");
        Message saved = new Message("m1", "1001", "1002", t, 3200, "m1.wav", Message.Folder.SAVED);
        Message newer = new Message("m3", "1001", "1003", t.plusSeconds(60), 1000, "m3.wav", Message.Folder.NEW);
        Message older = new Message("m2", "1001", "1004", t.plusSeconds(30), 1000, "m2.wav", Message.Folder.NEW);
        Files.write(dir.resolve("m1.wav"), new byte[] {1});
        Map<String, List<Message>> boxes = Map.of("1001", List.of(saved, newer, older));
        VoicemailArchiveProvider archive = new VoicemailArchiveProvider(b -> boxes.getOrDefault(b, List.of()),
                m -> dir.resolve(m.fileName()));
        assertEquals(List.of("m2", "m3", "m1"), archive.messages("1001").stream().map(StoredMessage::id).toList());
        assertEquals(3200, archive.messages("1001").get(2).length().toMillis());
        assertEquals("SAVED", archive.messages("1001").get(2).folder());
        assertEquals(dir.resolve("m1.wav"), archive.audio("1001", "m1").orElseThrow());
        assertTrue(archive.audio("1001", "m2").isEmpty(), "file gone");
        assertTrue(archive.audio("1002", "m1").isEmpty(), "not in that mailbox");
        assertTrue(archive.messages("1009").isEmpty());
    }
}
