package org.plugboard.ivr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.plugboard.api.service.Outcome;

class IvrRunTest {
    /** Monday 7 December 2026, 10:00 in Berlin. */
    private static final Instant MONDAY_MORNING = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant MONDAY_EVENING = Instant.parse("2026-12-07T18:30:00Z");
    private static final Instant SATURDAY = Instant.parse("2026-12-12T10:00:00Z");
    private static final Instant CHRISTMAS_FRIDAY = Instant.parse("2026-12-25T10:00:00Z");

    private static Ivr ivr(String xml) throws IvrFault {
        return new IvrParser(new XmlTree(), 65536).parse("main", "main.xml", Files4Test.bytes(xml));
    }

    private static Outcome run(String xml, Instant now, RecordingLeg leg) throws Exception {
        CompletionStage<Outcome> done = new IvrRun(leg, ivr(xml), Clock.fixed(now, ZoneOffset.UTC)).start();
        assertTrue(done.toCompletableFuture().isDone(), "the run waits for nothing but the leg: " + leg.events);
        return done.toCompletableFuture().get();
    }

    private static Outcome.Redirect to(String number) {
        return new Outcome.Redirect(number, IvrRun.REASON, false);
    }

    @Test
    void inBusinessHoursADigitChoosesTheTransfer() throws Exception {
        RecordingLeg leg = new RecordingLeg("1");
        assertEquals(to("1001"), run(Files4Test.MAIN, MONDAY_MORNING, leg));
        assertEquals(List.of("play welcome", "play menu-prompt", "collect 4 # 5s 3s"), leg.events);

        assertEquals(to("600"), run(Files4Test.MAIN, MONDAY_MORNING, new RecordingLeg("2")));
        assertEquals(to("800"), run(Files4Test.MAIN, MONDAY_MORNING, new RecordingLeg("9")));
    }

    @Test
    void aPatternChoiceTransfersToWhatWasTyped() throws Exception {
        assertEquals(to("1042"), run(Files4Test.MAIN, MONDAY_MORNING, new RecordingLeg("1042")));
    }

    @Test
    void wrongInputIsRetriedWithTheInvalidPromptThenTheOtherwiseBranch() throws Exception {
        RecordingLeg leg = new RecordingLeg("7", "", "2");
        assertEquals(to("600"), run(Files4Test.MAIN, MONDAY_MORNING, leg));
        assertEquals(List.of("play welcome", "play menu-prompt", "collect 4 # 5s 3s", "play invalid", "play menu-prompt",
                "collect 4 # 5s 3s", "play invalid", "play menu-prompt", "collect 4 # 5s 3s"), leg.events);

        RecordingLeg silent = new RecordingLeg();
        assertEquals(Outcome.proceed(), run(Files4Test.MAIN, MONDAY_MORNING, silent));
        assertEquals(3, silent.events.stream().filter(e -> e.startsWith("collect")).count(), silent.events.toString());
        assertEquals("play goodbye", silent.events.get(silent.events.size() - 1));
    }

    @Test
    void outsideBusinessHoursAndOnHolidaysTheOtherBranchesRun() throws Exception {
        RecordingLeg evening = new RecordingLeg("1");
        assertEquals(to("800"), run(Files4Test.MAIN, MONDAY_EVENING, evening));
        assertEquals(List.of("play not-available"), evening.events);
        assertEquals(to("800"), run(Files4Test.MAIN, SATURDAY, new RecordingLeg("1")));

        RecordingLeg christmas = new RecordingLeg("1");
        assertEquals(Outcome.proceed(), run(Files4Test.MAIN, CHRISTMAS_FRIDAY, christmas));
        assertEquals(List.of("play goodbye"), christmas.events);
        // without a <holiday> branch a holiday is closed
        assertEquals(to("800"), run(Files4Test.MAIN.replace("<holiday><play prompt=\"goodbye\"/><hangup/></holiday>", ""),
                CHRISTMAS_FRIDAY, new RecordingLeg()));
    }

    @Test
    void variablesAreSetBranchedOnAndUsedInTargets() throws Exception {
        String xml = """
                <ivr number="501">
                  <menu name="main">
                    <set var="dept" value="sales"/>
                    <set var="target" value="6${caller}"/>
                    <collect var="ext" max="4" retries="0"><on pattern="[0-9]+"/></collect>
                    <branch var="dept">
                      <on pattern="support"><transfer to="700"/></on>
                      <otherwise><transfer to="${target}${ext}" kind="external"/></otherwise>
                    </branch>
                  </menu>
                </ivr>
                """;
        assertEquals(to("6100299"), run(xml, MONDAY_MORNING, new RecordingLeg("99")));
    }

    @Test
    void aTargetThatIsNotANumberHangsUp() throws Exception {
        String xml = "<ivr number=\"501\"><menu name=\"m\"><collect var=\"x\" retries=\"0\"/><transfer to=\"${nothing}\"/></menu></ivr>";
        assertEquals(Outcome.proceed(), run(xml, MONDAY_MORNING, new RecordingLeg("1")));
    }

    @Test
    void theEndOfAMenuAndHangupEndTheCall() throws Exception {
        RecordingLeg leg = new RecordingLeg();
        assertEquals(Outcome.proceed(), run("<ivr number=\"501\"><menu name=\"m\"><play prompt=\"a\" bargein=\"false\"/></menu></ivr>",
                MONDAY_MORNING, leg));
        assertEquals(List.of("play a (no barge-in)"), leg.events);
        leg = new RecordingLeg();
        assertEquals(Outcome.proceed(), run("<ivr number=\"501\"><menu name=\"m\"><hangup/><play prompt=\"a\"/></menu></ivr>",
                MONDAY_MORNING, leg));
        assertEquals(List.of(), leg.events);
    }

    @Test
    void aLoopOfGotosIsEnded() throws Exception {
        String xml = "<ivr number=\"501\"><menu name=\"a\"><goto menu=\"b\"/></menu><menu name=\"b\"><goto menu=\"a\"/></menu></ivr>";
        assertEquals(Outcome.proceed(), run(xml, MONDAY_MORNING, new RecordingLeg()));
    }

    @Test
    void theCallerHangingUpEndsTheRunQuietly() throws Exception {
        RecordingLeg leg = new RecordingLeg().holdCollects();
        CompletionStage<Outcome> done = new IvrRun(leg, ivr(Files4Test.MAIN), Clock.fixed(MONDAY_MORNING, ZoneOffset.UTC)).start();
        assertTrue(leg.waiting());
        leg.hangUp();
        assertEquals(Outcome.proceed(), done.toCompletableFuture().getNow(null));
    }

    @Test
    void theRunWaitsForTheCallerAndGoesOnWhenDigitsArrive() throws Exception {
        RecordingLeg leg = new RecordingLeg().holdCollects();
        CompletionStage<Outcome> done = new IvrRun(leg, ivr(Files4Test.MAIN), Clock.fixed(MONDAY_MORNING, ZoneOffset.UTC)).start();
        assertTrue(leg.waiting());
        assertTrue(!done.toCompletableFuture().isDone());
        leg.type("9");
        assertEquals(to("800"), done.toCompletableFuture().getNow(null));
    }
}
