package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.service.Outcome;

class MenuSessionTest {
    @TempDir
    Path storage;

    private Mailboxes boxes;
    private final List<String> pinEvents = new ArrayList<>();
    private final MenuSession.PinEvents events = new MenuSession.PinEvents() {
        @Override
        public void wrong(ApplicationLeg leg, String box) {
            pinEvents.add("wrong " + box);
        }

        @Override
        public void right(ApplicationLeg leg, String box) {
            pinEvents.add("right " + box);
        }
    };

    @BeforeEach
    void boxWithOneMessage() throws Exception {
        boxes = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(10, 0, 60));
        boxes.setPin("1001", "4711").toCompletableFuture().join();
        String id = Mailboxes.newId();
        Path file = boxes.newMessageFile("1001", id);
        Wavs.writeTone(file, 440, Duration.ofSeconds(2));
        boxes.deposit("1001", id, "1002", file, Duration.ofSeconds(2)).toCompletableFuture().join();
    }

    private Outcome run(FakeLeg leg, String box) {
        return new MenuSession(boxes, leg, box, 3, 4, Duration.ofSeconds(30), events).run().toCompletableFuture().join();
    }

    @Test
    void threeWrongPinsEndTheCallAndEachIsReported() {
        FakeLeg leg = new FakeLeg("1001", Map.of(), "1111", "2222", "3333", "4711");
        Outcome out = run(leg, "1001");
        Outcome.Reject reject = assertInstanceOf(Outcome.Reject.class, out);
        assertEquals(403, reject.status());
        assertEquals(List.of("wrong 1001", "wrong 1001", "wrong 1001"), pinEvents);
        assertEquals(List.of("4711"), List.copyOf(leg.typed), "the fourth try is never asked for");
        assertEquals(List.of("invalid", "goodbye"), leg.heard.subList(leg.heard.size() - 2, leg.heard.size()));
    }

    @Test
    void listenSaveThenTheMessageIsOld() {
        FakeLeg leg = new FakeLeg("1001", Map.of(), "4711", "1", "9", "*", "*");
        assertInstanceOf(Outcome.Continue.class, run(leg, "1001"));
        assertEquals(List.of("right 1001"), pinEvents);
        Message m = boxes.messages("1001").get(0);
        int envelope = leg.heard.indexOf("you-have");
        assertEquals(List.of("you-have", "digit-1", "new-messages", "vm-main-menu"), leg.heard.subList(envelope, envelope + 4));
        assertTrue(leg.heard.contains(boxes.file(m).toString()), "the message is played: " + leg.heard);
        assertTrue(leg.heard.contains("vm-message-kept"));
        assertEquals(Message.Folder.SAVED, m.folder());
        assertEquals(new Mailboxes.Counts(0, 1), boxes.counts("1001"));
        assertEquals("goodbye", leg.heard.get(leg.heard.size() - 1));
    }

    @Test
    void deleteRemovesRowAndFile() {
        Message m = boxes.messages("1001").get(0);
        FakeLeg leg = new FakeLeg("1001", Map.of(), "4711", "1", "7", "*");
        run(leg, "1001");
        assertEquals(List.of(), boxes.messages("1001"));
        assertFalse(Files.exists(boxes.file(m)));
        assertTrue(leg.heard.contains("vm-message-deleted"));
        assertTrue(leg.heard.contains("vm-no-more-messages"));
    }

    @Test
    void anyBoxAsksForTheBoxAndAnUnknownBoxIsOnlyAWrongPin() {
        FakeLeg leg = new FakeLeg("0301234", Map.of(), "1001", "4711", "*");
        assertInstanceOf(Outcome.Continue.class, run(leg, ""));
        assertEquals("enter-mailbox", leg.heard.get(0));
        assertEquals(List.of("right 1001"), pinEvents);

        pinEvents.clear();
        FakeLeg unknown = new FakeLeg("0301234", Map.of(), "9999", "4711", "4711", "4711");
        assertInstanceOf(Outcome.Reject.class, run(unknown, ""));
        assertEquals(3, pinEvents.size());
        assertFalse(unknown.heard.contains("vm-no-pin"), "nothing tells a stranger which boxes exist");
    }

    @Test
    void aBoxWithoutPinCannotBeEntered() {
        FakeLeg leg = new FakeLeg("1002", Map.of());
        assertInstanceOf(Outcome.Continue.class, run(leg, "1002"));
        assertEquals(List.of("vm-no-pin", "goodbye"), leg.heard);
    }

    @Test
    void changePinFromThePhone() {
        FakeLeg leg = new FakeLeg("1001", Map.of(), "4711", "4", "12", "4", "2468", "*");
        run(leg, "1001");
        assertTrue(leg.heard.contains("invalid"), "a 2-digit PIN is refused");
        assertTrue(leg.heard.contains("vm-pin-changed"));
        assertTrue(boxes.checkPin("1001", "2468").toCompletableFuture().join());
        assertFalse(boxes.checkPin("1001", "4711").toCompletableFuture().join());
    }

    @Test
    void recordTheBusyGreeting() {
        FakeLeg leg = new FakeLeg("1001", Map.of(), "4711", "3", "2", "*");
        run(leg, "1001");
        assertTrue(Files.isRegularFile(boxes.greeting("1001", "busy")));
        assertFalse(Files.exists(boxes.greeting("1001", "unavailable")));
        assertTrue(leg.heard.contains("record:greeting-busy.wav:30"), leg.heard.toString());
        assertTrue(leg.heard.contains("vm-greeting-saved"));
    }

    @Test
    void threeSilencesEndTheCall() {
        FakeLeg leg = new FakeLeg("1001", Map.of(), "4711");
        assertInstanceOf(Outcome.Continue.class, run(leg, "1001"));
        assertEquals(3, leg.heard.stream().filter("vm-main-menu"::equals).count());
        assertEquals("goodbye", leg.heard.get(leg.heard.size() - 1));
    }
}
