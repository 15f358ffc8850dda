package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.calls.OriginateListener;
import org.plugboard.api.calls.OriginateRequest;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.MediaGateway;

/**
 * Originated calls (CallControl.originate): the PBX calls the first party, then the second once the first answered,
 * and connects them; the listener hears each step on the call's strand; a failure of either party ends the attempt
 * (the first party hung up when the second fails) with a record naming who asked.
 */
class OriginateScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    /** What the listener heard, in order. */
    private final List<String> heard = new ArrayList<>();
    private final OriginateListener listener = new OriginateListener() {
        @Override
        public void firstRinging() {
            heard.add("firstRinging");
        }

        @Override
        public void firstAnswered() {
            heard.add("firstAnswered");
        }

        @Override
        public void secondRinging() {
            heard.add("secondRinging");
        }

        @Override
        public void connected(String callId) {
            heard.add("connected " + callId);
        }

        @Override
        public void failed(int party, int status, String reason) {
            heard.add("failed " + party + " " + status + " " + reason);
        }

        @Override
        public void ended(CallTag tag) {
            heard.add("ended " + tag);
        }
    };

    private String originate(String first, String second, int timeoutSeconds) {
        return pbx.b2bua().originate(new OriginateRequest(first, second, "Call-back", Duration.ofSeconds(timeoutSeconds), "test:unit", "r1"),
                listener);
    }

    /** Bob (1002) answers the PBX's call; returns the INVITE it got. */
    private RecordingSip.Sent bobAnswers() {
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        bob.reply(toBob, 200, bob.sdp());
        return toBob;
    }

    @Test
    void bothPartiesAnswerAndAreConnectedWithARecordOfWhoAsked() {
        String id = originate("1002", "1003", 30);
        assertEquals(List.of(), wire.sent("INVITE", carol), "the second party waits for the first");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertTrue(toBob.header("From").contains("sip:1003@"), "the first party sees whom it will talk to: " + toBob.header("From"));
        assertTrue(toBob.header("From").contains("Call-back"), toBob.header("From"));
        assertTrue(toBob.body().contains("m=audio"), "the first party gets an offer: " + toBob.body());
        bob.reply(toBob, 180);
        assertEquals(List.of("firstRinging"), heard);
        String bobSdp = bob.sdp();
        bob.reply(toBob, 200, bobSdp);
        assertEquals(1, wire.sent("ACK", bob).size());
        assertEquals(List.of("firstRinging", "firstAnswered"), heard);

        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertEquals(bobSdp, toCarol.body(), "the second party gets the first's SDP (no relay here: unchanged)");
        assertTrue(toCarol.header("From").contains("sip:1002@"), toCarol.header("From"));
        carol.reply(toCarol, 180);
        String carolSdp = carol.sdp();
        carol.reply(toCarol, 200, carolSdp);
        assertEquals(List.of("firstRinging", "firstAnswered", "secondRinging", "connected " + id), heard);
        RecordingSip.Sent reinvite = wire.last("INVITE", bob);
        assertEquals(carolSdp, reinvite.body(), "without a relay the first party gets the second's SDP in a re-INVITE");
        bob.reply(reinvite, 200, bobSdp);

        assertEquals(1, pbx.b2bua().calls().size());
        assertEquals("1002", pbx.b2bua().calls().get(0).caller());
        assertEquals(2, pbx.b2bua().calls().get(0).legs().size(), "the PBX's placeholder is not shown: " + pbx.b2bua().calls().get(0).legs());
        pbx.advance(Duration.ofSeconds(20));
        bob.send("BYE", null);
        assertEquals(1, wire.sent("BYE", carol).size());
        assertEquals("ended " + CallTag.CALLER_BYE, heard.get(heard.size() - 1));
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(id, cdr.id());
        assertEquals("1002", cdr.caller());
        assertEquals("1003", cdr.callee());
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals(List.of("Originated by test:unit (reference r1)"), cdr.notes());
    }

    @Test
    void throughARelayTheFirstPartyNeedsNoReinvite() {
        pbx.config.mediaEngine = "mem";
        MemoryMediaGateway engine = new MemoryMediaGateway("mem");
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
        originate("1002", "1003", 30);
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertTrue(toBob.body().contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLER), "the relay's address toward the first: " + toBob.body());
        bob.reply(toBob, 200, bob.sdp());
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertTrue(toCarol.body().contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLEE), "the relay's address toward the second: " + toCarol.body());
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(1, wire.sent("INVITE", bob).size(), "the relay keeps the first party's ports: no re-INVITE");
        assertTrue(heard.get(heard.size() - 1).startsWith("connected "), heard.toString());
        carol.send("BYE", null);
        assertEquals(1, wire.sent("BYE", bob).size());
        assertEquals("ended " + CallTag.CALLEE_BYE, heard.get(heard.size() - 1));
    }

    @Test
    void aBusySecondPartyHangsUpOnTheFirstAndIsRecorded() {
        originate("1002", "1003", 30);
        bobAnswers();
        carol.reply(wire.one("INVITE", carol), 486);
        assertEquals("failed 2 486 second party 486 Busy here from 1003", heard.get(heard.size() - 1));
        assertEquals(1, wire.sent("BYE", bob).size(), "the first party is hung up on");
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals("1002", cdr.caller());
        assertEquals("1003", cdr.callee());
        assertEquals(Disposition.BUSY, cdr.disposition());
        assertEquals(486, cdr.sipStatus());
        assertTrue(cdr.notes().get(0).startsWith("Originated by test:unit"), cdr.notes().toString());
    }

    @Test
    void aFirstPartyThatDoesNotAnswerInTimeIsCancelled() {
        originate("1002", "1003", 15);
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofSeconds(14));
        assertEquals(List.of(), wire.sent("CANCEL", bob));
        pbx.advance(Duration.ofSeconds(1));
        assertEquals(1, wire.sent("CANCEL", bob).size());
        bob.reply(toBob, 487);
        assertEquals(List.of("firstRinging", "failed 1 408 first party no answer from 1002 within 15 s"), heard);
        assertEquals(List.of(), wire.sent("INVITE", carol), "the second party is never called");
        assertEquals(Disposition.NO_ANSWER, pbx.collected.cdr().disposition());
    }

    @Test
    void anUnknownNumberFailsAtOnceWithItsStatus() {
        originate("9999", "1003", 30);
        assertEquals(List.of(), wire.sent("INVITE"));
        assertEquals(List.of("failed 1 404 first party Not Found"), heard);
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(404, cdr.sipStatus());
        assertEquals(CallTag.ROUTING_FAILURE, cdr.tag());
        assertEquals("9999", cdr.caller());
    }

    @Test
    void theFirstPartyHangingUpWhileTheSecondRingsCancelsTheSecond() {
        originate("1002", "1003", 30);
        bobAnswers();
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        bob.send("BYE", null);
        assertEquals(1, wire.sent("CANCEL", carol).size());
        carol.reply(toCarol, 487);
        String last = heard.get(heard.size() - 1);
        assertTrue(last.startsWith("failed 2 "), heard.toString());
        assertEquals(1, heard.stream().filter(h -> h.startsWith("failed") || h.startsWith("ended")).count(), "one outcome only: " + heard);
    }

    @Test
    void anOperatorHangupBeforeTheFirstAnswersIsAFailure() {
        String id = originate("1002", "1003", 30);
        bob.reply(wire.one("INVITE", bob), 180);
        assertTrue(pbx.b2bua().hangup(id, CallTag.ADMIN_HANGUP));
        assertEquals(1, wire.sent("CANCEL", bob).size());
        bob.reply(wire.one("INVITE", bob), 487);
        assertTrue(heard.get(heard.size() - 1).startsWith("failed 1 480 "), heard.toString());
    }

    @Test
    void aReliableRingingOfTheFirstPartyIsPracked() {
        originate("1002", "1003", 30);
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180, null, "Require: 100rel", "RSeq: 1");
        assertEquals(1, wire.sent("PRACK", bob).size());
        assertEquals(List.of("firstRinging"), heard);
        bob.reply(toBob, 486);
        assertEquals("failed 1 486 first party 486 Busy here from 1002", heard.get(heard.size() - 1));
        assertEquals(List.of(), wire.sent("INVITE", carol));
    }

    @Test
    void aConnectedCallSurvivesABundleUpdate() {
        String id = originate("1002", "1003", 30);
        bobAnswers();
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 200, carol.sdp());
        bob.reply(wire.last("INVITE", bob), 200, bob.sdp()); // the re-INVITE (no relay here)
        pbx.update();
        assertEquals(List.of(id), pbx.b2bua().calls().stream().map(c -> c.id()).toList());
        carol.send("BYE", null);
        assertEquals(1, wire.sent("BYE", bob).size());
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(List.of("1002", "1003", "ANSWERED"), List.of(cdr.caller(), cdr.callee(), cdr.disposition().name()));
        assertTrue(cdr.notes().get(0).startsWith("Originated by test:unit"), cdr.notes().toString());
    }

    @Test
    void anAttemptBeingSetUpIsGivenUpByABundleUpdate() throws InterruptedException {
        originate("1002", "1003", 30);
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.update();
        assertEquals(1, wire.sent("CANCEL", bob).size());
        bob.reply(toBob, 487);
        // given up while the new version starts, before its listeners are bound: the record still reaches the sink
        CallDetailRecord cdr = pbx.collected.nextWritten(Duration.ofSeconds(5));
        assertEquals(CallTag.SYSTEM, cdr.tag());
        assertEquals("1002", cdr.caller());
        assertEquals(List.of("firstRinging"), heard, "the old version's listener hears nothing more");
    }

    @Test
    void badNumbersAreRefusedBeforeAnyCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OriginateRequest("10 02", "1003", "", Duration.ofSeconds(30), "test", ""));
        assertTrue(e.getMessage().startsWith("first must be"), e.getMessage());
        assertEquals(List.of(), pbx.b2bua().calls());
    }
}
