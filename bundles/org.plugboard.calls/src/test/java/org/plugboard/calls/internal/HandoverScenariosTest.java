package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * bundle:update of the calls bundle in every phase of a call: the B2BUA is deactivated, a second one is built on
 * the same hand-over store (and the same SIP service, location and clock), and the call goes on through it.
 */
class HandoverScenariosTest extends ScenarioTest {

    @Test
    void ringingCallIsAnsweredThroughTheNextVersion() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        pbx.advance(Duration.ofSeconds(1));
        bob.reply(toBob, 180);
        pbx.update();
        pbx.advance(Duration.ofSeconds(2));
        bob.reply(toBob, 200, bob.sdp());
        assertEquals(1, wire.sent("ACK", bob).size(), "the new version matches the old INVITE transaction");
        assertEquals(200, invite.last().getStatusCode(), "and answers the caller's pending INVITE");
        alice.ack(null);
        alice.send("BYE", null);
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallsFixture.T0.plusSeconds(1), cdr.ringing());
        assertEquals(CallsFixture.T0.plusSeconds(3), cdr.answer());
    }

    @Test
    void ringTimeoutIsRearmedFromItsDeadline() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 180);
        pbx.advance(Duration.ofSeconds(20));
        pbx.update();
        pbx.advance(Duration.ofMillis(39_999));
        assertEquals(List.of(), wire.sent("CANCEL"));
        pbx.advance(Duration.ofMillis(1));
        assertEquals(1, wire.sent("CANCEL", bob).size());
        assertEquals(480, invite.finalStatus());
        assertEquals(CallTag.RING_TIMEOUT, pbx.collected.cdr().tag());
    }

    @Test
    void answerWaitingForTheAckIsRetransmittedByTheNextVersion() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        pbx.update();
        pbx.advance(Duration.ofMillis(500));
        assertEquals(2, invite.responses().stream().filter(r -> r.getStatusCode() == 200).count());
        alice.ack(null);
        assertEquals("CONNECTED", pbx.b2bua().calls().get(0).state().name());
        pbx.advance(Duration.ofSeconds(40));
        assertEquals(List.of(), wire.sent("BYE"), "the ACK stopped the no-ACK timer");
        alice.send("BYE", null);
    }

    @Test
    void sessionTimerIsRearmedFromItsDeadline() {
        alice.invite("1002", alice.sdp(), "Supported: timer", "Session-Expires: 120");
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(60));
        pbx.update();
        pbx.advance(Duration.ofMillis(59_999));
        assertEquals(List.of(), wire.sent("BYE"));
        pbx.advance(Duration.ofMillis(1));
        assertEquals(CallTag.SESSION_EXPIRED, pbx.collected.cdr().tag());
    }

    @Test
    void maxDurationIsRearmedFromItsDeadline() {
        pbx.config.maxCallDuration = 100;
        pbx.connect(alice, bob);
        pbx.advance(Duration.ofSeconds(30));
        pbx.update();
        pbx.advance(Duration.ofMillis(69_999));
        assertEquals(List.of(), wire.sent("BYE"));
        pbx.advance(Duration.ofMillis(1));
        assertEquals(CallTag.MAX_DURATION, pbx.collected.cdr().tag());
        assertEquals(100, pbx.collected.cdr().billableSeconds());
    }

    @Test
    void ourSessionRefreshesGoOnAfterTheUpdate() {
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp(), "Session-Expires: 90;refresher=uac");
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(10));
        pbx.update();
        pbx.advance(Duration.ofSeconds(60));
        assertEquals(1, wire.sent("UPDATE", bob).size(), "refreshed before the 90 s interval ends");
        alice.send("BYE", null);
    }

    @Test
    void cdrWaitingForADurableSinkIsHandedOverAndWrittenByTheNextVersion() throws Exception {
        pbx.bindSink = false; // the CDR bundle is being updated
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals(486, invite.finalStatus());
        pbx.update();
        pbx.b2bua().addSink(pbx.collected, Map.of(CdrSink.DURABLE, Boolean.TRUE)); // the CDR bundle is back
        CallDetailRecord written = pbx.collected.nextWritten(Duration.ofSeconds(5));
        assertEquals(pbx.collected.cdr(), written);
    }

    @Test
    void reInviteInFlightDuringTheUpdateIsAnsweredByTheNextVersion() {
        pbx.connect(alice, bob);
        TestServerRequest reinvite = alice.send("INVITE", alice.sdp("sendonly"));
        RecordingSip.Sent toBob = wire.last("INVITE", bob);
        pbx.update();
        bob.reply(toBob, 200, bob.sdp("recvonly"));
        try {
            assertEquals(1, wire.sent("ACK", bob).stream().filter(a -> Phone.cseq(a.request()) == Phone.cseq(toBob.request())).count(),
                    "the callee's 200 to the relayed re-INVITE is ACKed");
            assertEquals(List.of(200), reinvite.statuses(), "the caller gets the answer");
        } finally {
            alice.send("BYE", null);
        }
    }

    @Test
    void prackAfterTheUpdateIsAnsweredByTheNextVersion() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Require: 100rel");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 183, bob.sdp());
        Response reliable = invite.last();
        pbx.update();
        TestServerRequest prack = alice.prack(reliable);
        try {
            assertEquals(List.of(200), prack.statuses());
        } finally {
            bob.reply(toBob, 486);
        }
    }

    @Test
    void late200AfterACancelJustBeforeTheUpdateIsStillAckedAndHungUp() {
        alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        alice.cancel();
        pbx.update();
        bob.reply(toBob, 200, bob.sdp());
        assertEquals(1, wire.sent("ACK", bob).size());
        assertEquals(1, wire.sent("BYE", bob).size());
    }

    @Test
    void anInviteThatReachesTheOldVersionWhileItStopsIsHandledByTheNext() {
        pbx.stopOnly(); // its services are gone, but a message already on its way still arrives (LiveUpdateUnderLoadIT)
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(List.of(), invite.statuses(), "kept, not answered, by the version that stopped");
        pbx.startNext();
        assertEquals(List.of(), invite.statuses(), "not before SCR has bound the new version's routers and sinks");
        pbx.advance(java.time.Duration.ofMillis(500));
        assertEquals(100, invite.statuses().get(0), "the next version takes it as a new call");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 486);
        assertEquals(486, invite.finalStatus());
    }

    @Test
    void aByeThatReachesTheOldVersionWhileItStopsEndsTheCallInTheNext() {
        pbx.connect(alice, bob);
        pbx.stopOnly();
        TestServerRequest bye = alice.send("BYE", null);
        pbx.startNext();
        assertEquals(List.of(), bye.statuses(), "not before SCR has bound the new version's sinks and listeners");
        bob.send("INFO", null); // the first message to the new version: the kept BYE is handled before it
        assertEquals(List.of(200), bye.statuses());
        bob.reply(wire.last("BYE", bob), 200);
        assertEquals(org.plugboard.api.calls.CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void anInviteRetransmittedAfterAnUpdateOfTheSipStackIsNoNewCallAndNo482() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        TestServerRequest again = alice.retransmitInvite(); // the new stack has no transaction to absorb it
        assertEquals(List.of(100), again.statuses(), "a 100 of ours: the stack's own could come after our final");
        assertEquals(1, wire.sent("INVITE", bob).size(), "no second call");
        bob.reply(toBob, 486);
        assertEquals(486, invite.finalStatus());
        TestServerRequest late = alice.retransmitInvite();
        assertEquals(List.of(486), late.statuses(), "once refused, the refusal again, not a 100 after it");
    }

    @Test
    void anInviteRetransmittedAfterTheAnswerGetsThe200Again() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        assertEquals(200, invite.finalStatus());
        TestServerRequest again = alice.retransmitInvite();
        assertEquals(List.of(200), again.statuses(), "our 200 again, never a 100 after it");
        assertEquals(Dialogs.toTag(invite.last()), Dialogs.toTag(again.last()), "the same dialog");
        alice.ack(null);
        alice.send("BYE", null);
        bob.reply(wire.last("BYE", bob), 200);
    }
}
