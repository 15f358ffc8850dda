package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.service.Outcome;

class DepositTest {
    @TempDir
    Path storage;

    private Outcome run(Mailboxes boxes, FakeLeg leg, boolean busy) {
        return new Deposit(boxes, leg, "1001", busy).run().toCompletableFuture().join();
    }

    @Test
    void systemGreetingToneRecordingCommitted() {
        Mailboxes boxes = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(10, 0, 60));
        FakeLeg leg = new FakeLeg("1002", Map.of());
        assertInstanceOf(Outcome.Continue.class, run(boxes, leg, false));
        Message m = boxes.messages("1001").get(0);
        assertEquals(List.of("not-available", "digit-1", "digit-0", "digit-0", "digit-1", "leave-message",
                "tone:CONFIRMATION", "record:" + m.fileName() + ":60", "message-saved", "goodbye"), leg.heard);
        assertEquals("1002", m.caller());
        assertEquals(3000, m.millis());
        assertTrue(Files.isRegularFile(boxes.file(m)));
    }

    @Test
    void personalBusyGreetingWhenThere() throws Exception {
        Mailboxes boxes = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(10, 0, 60));
        Path busy = boxes.greeting("1001", "busy");
        Wavs.writeTone(busy, 440, Duration.ofSeconds(1));
        FakeLeg leg = new FakeLeg("1002", Map.of());
        run(boxes, leg, true);
        assertEquals(busy.toString(), leg.heard.get(0));
        assertEquals("tone:CONFIRMATION", leg.heard.get(1));

        FakeLeg unavailable = new FakeLeg("1002", Map.of());
        run(boxes, unavailable, false);
        assertEquals("not-available", unavailable.heard.get(0), "the busy greeting is only for busy");
    }

    @Test
    void aFullBoxSaysSoAndRecordsNothing() {
        Mailboxes boxes = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(1, 0, 60));
        run(boxes, new FakeLeg("1002", Map.of()), false);
        FakeLeg second = new FakeLeg("1003", Map.of());
        assertInstanceOf(Outcome.Continue.class, run(boxes, second, false));
        assertEquals(List.of("mailbox-full", "goodbye"), second.heard);
        assertEquals(1, boxes.messages("1001").size());
    }

    @Test
    void aCallerWhoHangsUpWhileRecordingLeavesTheMessage() {
        Mailboxes boxes = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(10, 0, 60));
        FakeLeg leg = new FakeLeg("1002", Map.of());
        leg.hangUpInRecording = true;
        leg.recordLength = Duration.ofSeconds(4);
        assertInstanceOf(Outcome.Continue.class, run(boxes, leg, false));
        assertEquals(1, boxes.messages("1001").size());
        assertEquals(4000, boxes.messages("1001").get(0).millis(), "length read from the file the engine finished");
    }

    @Test
    void aRecordingTooShortIsNotKept() {
        Mailboxes boxes = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(10, 0, 60));
        FakeLeg leg = new FakeLeg("1002", Map.of());
        leg.hangUpInRecording = true;
        leg.recordLength = Duration.ofMillis(200);
        run(boxes, leg, false);
        assertEquals(List.of(), boxes.messages("1001"));
        try (var files = Files.list(boxes.directory("1001"))) {
            assertEquals(0, files.count(), "its file is gone too");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theRecordingIsCappedByTheRoomLeft() {
        Mailboxes boxes = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(0, 10, 60));
        FakeLeg first = new FakeLeg("1002", Map.of());
        first.recordLength = Duration.ofSeconds(8);
        run(boxes, first, false);
        FakeLeg second = new FakeLeg("1002", Map.of());
        second.recordLength = Duration.ofSeconds(8);
        run(boxes, second, false);
        assertTrue(second.heard.stream().anyMatch(h -> h.startsWith("record:") && h.endsWith(":2")), second.heard.toString());
        assertEquals(2000, boxes.messages("1001").get(1).millis());
    }
}
