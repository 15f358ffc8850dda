package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;

/**
 * Every flow of the itests' CallsIT, replayed against the B2BUA in milliseconds: the caller and callee are test
 * phones, the wire is recorded, time is a manual clock. CallsIT stays the proof against real peers.
 */
class CallScenariosTest extends ScenarioTest {

    @Test
    void basicCallCallerHangsUpWithCdr() throws Exception {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(100, invite.responses().get(0).getStatusCode(), "100 Trying first");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertEquals("sip:1002@127.0.1.12:5060", toBob.request().getRequestURI().toString());
        assertEquals(Phone.body(invite.request()), toBob.body(), "the offer relayed unchanged (no media engine)");
        pbx.advance(Duration.ofSeconds(2));
        bob.reply(toBob, 180);
        assertEquals(180, invite.last().getStatusCode());
        pbx.advance(Duration.ofSeconds(3));
        String answer = bob.sdp();
        bob.reply(toBob, 200, answer);
        assertEquals(1, wire.sent("ACK", bob).size(), "the callee's 200 is ACKed at once");
        Response ok = invite.last();
        assertEquals(200, ok.getStatusCode());
        assertEquals(answer, Phone.body(ok));
        alice.ack(null);
        assertEquals("CONNECTED", pbx.b2bua().calls().get(0).state().name());
        pbx.advance(Duration.ofSeconds(10));
        TestServerRequest bye = alice.send("BYE", null);
        assertEquals(List.of(200), bye.statuses());
        RecordingSip.Sent byeToBob = wire.one("BYE", bob);
        assertEquals("Q.850;cause=16;text=\"Caller hung up\"", byeToBob.header("Reason"));
        bob.reply(byeToBob, 200);

        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals(CallTag.CALLER_BYE, cdr.tag());
        assertEquals(16, cdr.q850Cause());
        assertEquals("1001", cdr.caller());
        assertEquals("1002", cdr.callee());
        assertEquals("1002@127.0.1.12:5060", cdr.answeredBy());
        assertEquals(Phone.callIdOf(invite.request()), cdr.callId());
        assertEquals(CallsFixture.T0, cdr.start());
        assertEquals(CallsFixture.T0.plusSeconds(2), cdr.ringing());
        assertEquals(CallsFixture.T0.plusSeconds(5), cdr.answer());
        assertEquals(CallsFixture.T0.plusSeconds(15), cdr.end());
        assertEquals(10, cdr.billableSeconds());
        assertEquals(200, cdr.sipStatus());
        assertEquals(List.of(Phone.callIdOf(invite.request()), toBob.callId()), cdr.legCallIds(), "both legs' Call-IDs, the caller's first");
        assertEquals(List.of("created", "ringing", "answered", "released"), pbx.collected.events);
        assertEquals(cdr, pbx.collected.nextWritten(Duration.ofSeconds(5)), "the same record reaches the CDR sink");
    }

    private static String reason(javax.sip.message.Message m) {
        return Phone.value(m, "Reason");
    }

    @Test
    void calleeHangsUp() {
        TestServerRequest invite = pbx.connect(alice, bob);
        TestServerRequest bye = bob.send("BYE", null);
        assertEquals(List.of(200), bye.statuses());
        RecordingSip.Sent toAlice = wire.one("BYE", alice);
        assertEquals(Phone.callIdOf(invite.request()), toAlice.callId(), "the BYE goes in the caller's dialog");
        assertEquals("Q.850;cause=16;text=\"Callee hung up\"", toAlice.header("Reason"));
        alice.reply(toAlice, 200);
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
        assertEquals(Disposition.ANSWERED, pbx.collected.cdr().disposition());
    }

    @Test
    void unknownNumberIs404() {
        TestServerRequest invite = alice.invite("7777", alice.sdp());
        assertEquals(404, invite.finalStatus());
        assertEquals("Q.850;cause=1;text=\"Not Found\"", reason(invite.last()));
        assertEquals(List.of(), wire.all(), "nothing sent anywhere");
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.ROUTING_FAILURE, cdr.tag());
        assertEquals(1, cdr.q850Cause());
        assertEquals(404, cdr.sipStatus());
        assertEquals(Disposition.FAILED, cdr.disposition());
    }

    @Test
    void unregisteredCalleeIs480() {
        TestServerRequest invite = alice.invite("1004", alice.sdp());
        assertEquals(480, invite.finalStatus());
        assertTrue(reason(invite.last()).startsWith("Q.850;cause=20;"), reason(invite.last()));
        assertEquals(CallTag.CALLEE_UNREACHABLE, pbx.collected.cdr().tag());
        assertEquals(20, pbx.collected.cdr().q850Cause());
    }

    @Test
    void busyIsRelayedAs486() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        bob.reply(toBob, 486);
        assertEquals(486, invite.finalStatus());
        assertEquals("Q.850;cause=17;text=\"486 Busy here\"", reason(invite.last()));
        assertEquals(List.of(), wire.sent("ACK"), "a failure is ACKed by the transaction layer, not the B2BUA");
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(Disposition.BUSY, cdr.disposition());
        assertEquals(CallTag.CALLEE_REJECTED, cdr.tag());
        assertEquals(17, cdr.q850Cause());
        assertEquals(486, cdr.sipStatus());
    }

    @Test
    void ringTimeoutCancelsTheCalleeAndAnswers480() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofMillis(59_999));
        assertEquals(List.of(), wire.sent("CANCEL"), "not before the ring timeout");
        pbx.advance(Duration.ofMillis(1));
        RecordingSip.Sent cancel = wire.one("CANCEL", bob);
        assertEquals("Q.850;cause=19;text=\"No answer within 60 s\"", cancel.header("Reason"));
        assertEquals(480, invite.finalStatus());
        assertEquals("Q.850;cause=19;text=\"No answer within 60 s\"", reason(invite.last()));
        bob.reply(cancel, 200);
        bob.reply(toBob, 487);
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.RING_TIMEOUT, cdr.tag());
        assertEquals(Disposition.NO_ANSWER, cdr.disposition());
        assertEquals(19, cdr.q850Cause());
        assertEquals(CallsFixture.T0.plusSeconds(60), cdr.end());
    }

    @Test
    void callerCancelsWhileRinging() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        TestServerRequest cancel = alice.cancel();
        assertEquals(List.of(200), cancel.statuses());
        assertEquals(487, invite.finalStatus());
        RecordingSip.Sent cancelToBob = wire.one("CANCEL", bob);
        assertEquals(toBob.tx().getBranchId(), ((javax.sip.header.ViaHeader) cancelToBob.request().getHeader("Via")).getBranch(),
                "the CANCEL matches the INVITE's transaction");
        assertEquals("Q.850;cause=16;text=\"Caller cancelled\"", cancelToBob.header("Reason"));
        bob.reply(cancelToBob, 200);
        bob.reply(toBob, 487);
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.CALLER_CANCEL, cdr.tag());
        assertEquals(Disposition.CANCELLED, cdr.disposition());
        assertEquals(487, cdr.sipStatus());
    }

    @Test
    void calleeAnsweringAsTheCallerCancelsIsAckedAndHungUp() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        alice.cancel();
        RecordingSip.Sent cancelToBob = wire.one("CANCEL", bob);
        bob.reply(toBob, 200, bob.sdp()); // crossed the CANCEL on the wire
        bob.reply(cancelToBob, 481);
        assertEquals(1, wire.sent("ACK", bob).size(), "the late 200 is ACKed");
        RecordingSip.Sent bye = wire.one("BYE", bob);
        assertEquals("Q.850;cause=16;text=\"Caller cancelled\"", bye.header("Reason"));
        assertEquals(487, invite.finalStatus(), "the caller never sees the 200");
        bob.reply(bye, 200);
        assertEquals(CallTag.CALLER_CANCEL, pbx.collected.cdr().tag());
    }

    @Test
    void earlyMedia183WithSdpThen180() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        String early = bob.sdp();
        pbx.advance(Duration.ofSeconds(1));
        bob.reply(toBob, 183, early);
        pbx.advance(Duration.ofSeconds(1));
        bob.reply(toBob, 180);
        bob.reply(toBob, 200, early);
        assertEquals(List.of(100, 183, 180, 200), invite.statuses());
        assertEquals(early, Phone.body(invite.response(183)), "183 carries the callee's SDP");
        assertNull(Phone.body(invite.response(180)));
        alice.ack(null);
        alice.send("BYE", null);
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallsFixture.T0.plusSeconds(1), cdr.ringing(), "the CDR's ringing time comes from the first 18x");
        assertTrue(!cdr.ringing().isAfter(cdr.answer()));
    }

    @Test
    void provisional180WithSdp() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        String early = bob.sdp();
        bob.reply(toBob, 180, early);
        assertEquals(early, Phone.body(invite.response(180)));
        assertEquals("application/sdp", Phone.value(invite.response(180), "Content-Type"));
        bob.reply(toBob, 200, early);
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals(Disposition.ANSWERED, pbx.collected.cdr().disposition());
    }

    @Test
    void reliableProvisionalFromCalleeIsPracked() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertTrue(Phone.values(toBob.request(), "Supported").contains("100rel"), "100rel offered to the callee");
        Response p183 = bob.reply(toBob, 183, bob.sdp(), "Require: 100rel", "RSeq: 1");
        RecordingSip.Sent prack = wire.one("PRACK", bob);
        assertEquals("1 1 INVITE", prack.header("RAck"));
        bob.handleAgain(p183, toBob); // a retransmission before our PRACK got through
        assertEquals(1, wire.sent("PRACK", bob).size(), "a retransmitted reliable 18x is not PRACKed again");
        bob.reply(prack, 200);
        Response relayed = invite.response(183);
        assertNull(relayed.getHeader("RSeq"), "the caller did not require 100rel: its 183 is not reliable");
        assertTrue(!Phone.values(relayed, "Require").contains("100rel"));
        bob.reply(toBob, 200, bob.sdp());
        alice.ack(null);
        alice.send("BYE", null);
    }

    @Test
    void callerRequiring100relGetsReliableProvisionals() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Supported: 100rel", "Require: 100rel");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 183, bob.sdp());
        bob.reply(toBob, 180);
        Response r183 = invite.last();
        assertEquals(183, r183.getStatusCode());
        assertEquals("100rel", Phone.values(r183, "Require"));
        assertEquals("1", Phone.value(r183, "RSeq"));
        assertTrue(invite.statuses().stream().noneMatch(s -> s == 180), "one unacknowledged reliable 18x at a time");
        pbx.advance(Duration.ofMillis(500));
        assertEquals(2, invite.responses().stream().filter(r -> r.getStatusCode() == 183).count(), "retransmitted after T1");
        assertEquals(List.of(200), alice.prack(r183).statuses());
        Response r180 = invite.last();
        assertEquals(180, r180.getStatusCode(), "the queued 180 goes once the 183 is PRACKed");
        assertEquals("2", Phone.value(r180, "RSeq"));
        assertEquals(List.of(200), alice.prack(r180).statuses());
        bob.reply(toBob, 200, bob.sdp());
        assertEquals(200, invite.last().getStatusCode());
        alice.ack(null);
        alice.send("BYE", null);
    }

    @Test
    void holdAndResumeAreRelayed() {
        pbx.connect(alice, bob);
        for (String direction : List.of("sendonly", "sendrecv")) {
            String offer = alice.sdp(direction);
            TestServerRequest reinvite = alice.send("INVITE", offer);
            RecordingSip.Sent toBob = wire.last("INVITE", bob);
            assertEquals(offer, toBob.body(), "the " + direction + " offer reaches the callee");
            String answer = bob.sdp(direction.equals("sendonly") ? "recvonly" : "sendrecv");
            bob.reply(toBob, 200, answer);
            assertEquals(Phone.cseq(toBob.request()), Phone.cseq(wire.last("ACK", bob).request()), "the callee's 200 is ACKed");
            assertEquals(answer, Phone.body(reinvite.last()));
            alice.ack(null);
        }
        assertEquals(3, wire.sent("INVITE", bob).size());
        alice.send("BYE", null);
    }

    @Test
    void lateOfferAnswerInTheAckIsPassedToTheCallee() {
        TestServerRequest invite = alice.invite("1002", null);
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertNull(toBob.body(), "no SDP: the callee offers");
        String offer = bob.sdp();
        bob.reply(toBob, 200, offer);
        assertEquals(List.of(), wire.sent("ACK", bob), "our ACK waits for the caller's answer");
        assertEquals(offer, Phone.body(invite.last()), "the callee's offer goes to the caller in the 200");
        String answer = alice.sdp();
        alice.ack(answer);
        RecordingSip.Sent ack = wire.one("ACK", bob);
        assertEquals(answer, ack.body(), "the caller's answer goes to the callee in our ACK");
        assertEquals("application/sdp", ack.header("Content-Type"));
        alice.send("BYE", null);
    }

    @Test
    void updateWithSdpInTheEarlyDialogIsRelayed() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Supported: 100rel");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 183, bob.sdp());
        String offer = alice.sdp();
        TestServerRequest update = alice.send("UPDATE", offer);
        RecordingSip.Sent updateToBob = wire.one("UPDATE", bob);
        assertEquals(offer, updateToBob.body());
        String answer = bob.sdp();
        bob.reply(updateToBob, 200, answer);
        assertEquals(List.of(200), update.statuses());
        assertEquals(answer, Phone.body(update.last()));
        bob.reply(toBob, 200, answer);
        assertEquals(200, invite.last().getStatusCode());
        alice.ack(null);
        alice.send("BYE", null);
    }

    @Test
    void reInviteGlareIsAnswered491AndTheCallGoesOn() {
        pbx.connect(alice, bob);
        TestServerRequest hold = alice.send("INVITE", alice.sdp("sendonly"));
        RecordingSip.Sent toBob = wire.last("INVITE", bob);
        TestServerRequest crossing = bob.send("INVITE", bob.sdp("sendonly"));
        assertEquals(List.of(491), crossing.statuses());
        assertEquals(List.of(), wire.sent("INVITE", alice), "the crossing re-INVITE is not relayed");
        bob.reply(toBob, 200, bob.sdp("recvonly"));
        assertEquals(List.of(200), hold.statuses(), "the first re-INVITE is still answered");
        alice.ack(null);
        TestServerRequest resume = alice.send("INVITE", alice.sdp());
        bob.reply(wire.last("INVITE", bob), 200, bob.sdp());
        assertEquals(List.of(200), resume.statuses());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void updateWithSdpIsRelayedAndWithoutSdpAnsweredLocally() {
        pbx.connect(alice, bob);
        String offer = alice.sdp();
        TestServerRequest update = alice.send("UPDATE", offer);
        RecordingSip.Sent toBob = wire.one("UPDATE", bob);
        assertEquals(offer, toBob.body());
        String answer = bob.sdp();
        bob.reply(toBob, 200, answer);
        assertEquals(answer, Phone.body(update.last()));
        TestServerRequest keepAlive = alice.send("UPDATE", null);
        assertEquals(List.of(200), keepAlive.statuses());
        assertNull(Phone.body(keepAlive.last()));
        assertEquals(1, wire.sent("UPDATE", bob).size(), "an UPDATE without SDP stays here");
        alice.send("BYE", null);
    }

    @Test
    void brokenSdpIs488AndNoCallIsLeft() {
        TestServerRequest invite = alice.invite("1002", "hello");
        assertEquals(List.of(100, 488), invite.statuses(), "the body is looked at once the caller is known (RFC 3261 8.2 order)");
        assertEquals(List.of(), pbx.collected.events, "no call, no CDR");
        assertEquals("Bad SDP: SDP must start with v=", invite.last().getReasonPhrase());
        assertEquals(List.of(), wire.all());
        assertEquals(List.of(), pbx.collected.released, "no call was created");
    }

    @Test
    void calleeThatNeverAnswersIsTimedOut() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        pbx.advance(Duration.ofSeconds(32));
        pbx.timeout(toBob.tx()); // Timer B
        assertEquals(408, invite.finalStatus());
        assertTrue(reason(invite.last()).startsWith("Q.850;cause=102;"), reason(invite.last()));
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.CALLEE_TIMEOUT, cdr.tag());
        assertEquals(102, cdr.q850Cause());
    }

    @Test
    void callsBundleUpdatedUnderALiveCallKeepsIt() throws Exception {
        TestServerRequest invite = pbx.connect(alice, bob);
        pbx.advance(Duration.ofSeconds(6));
        pbx.update(); // deactivate: the call goes to the hand-over store; the next version takes it
        assertEquals("CONNECTED", pbx.b2bua().calls().get(0).state().name(), "the new version lists the call");
        pbx.advance(Duration.ofSeconds(4));
        TestServerRequest bye = alice.send("BYE", null);
        assertEquals(List.of(200), bye.statuses(), "a BYE after the update is answered");
        RecordingSip.Sent byeToBob = wire.one("BYE", bob);
        bob.reply(byeToBob, 200);
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(Phone.callIdOf(invite.request()), cdr.callId());
        assertEquals(CallTag.CALLER_BYE, cdr.tag());
        assertEquals(10, cdr.billableSeconds(), "billable time spans the update");
        assertEquals(cdr, pbx.collected.nextWritten(Duration.ofSeconds(5)), "the new version writes the CDR");
    }

    @Test
    void multiDeviceRingsEveryContactAndCancelsTheLosers() {
        Phone desk = pbx.registered("1003", 13);
        Phone mobile = pbx.registered("1003", 14);
        TestServerRequest invite = alice.invite("1003", alice.sdp());
        RecordingSip.Sent toDesk = wire.one("INVITE", desk);
        RecordingSip.Sent toMobile = wire.one("INVITE", mobile);
        assertEquals(toDesk.body(), toMobile.body(), "every fork gets the same offer");
        desk.reply(toDesk, 180);
        mobile.reply(toMobile, 180);
        mobile.reply(toMobile, 200, mobile.sdp());
        RecordingSip.Sent cancel = wire.one("CANCEL", desk);
        assertEquals("SIP;cause=200;text=\"Call completed elsewhere\"", cancel.header("Reason"));
        assertEquals(List.of(), wire.sent("CANCEL", mobile));
        desk.reply(cancel, 200);
        desk.reply(toDesk, 487);
        assertEquals(200, invite.last().getStatusCode());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals(1, wire.sent("BYE", mobile).size());
        assertEquals(List.of(), wire.sent("BYE", desk));
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals("1003@127.0.1.14:5060", cdr.answeredBy());
        assertNotEquals(toDesk.callId(), toMobile.callId(), "each fork is a dialog of its own");
        List<String> legs = cdr.legCallIds();
        assertEquals(3, legs.size(), "the record names every leg for the ladder of the ended call, the cancelled fork too: " + legs);
        assertEquals(Phone.callIdOf(invite.request()), legs.get(0), "the caller's first");
        assertEquals(java.util.Set.of(toDesk.callId(), toMobile.callId()), java.util.Set.copyOf(legs.subList(1, 3)));
    }

    @Test
    void telRequestUriIsRoutedByItsNumber() {
        TestServerRequest invite = alice.inviteUri("tel:10-02;phone-context=plugboard", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertTrue(!toBob.request().toString().contains("tel:"), "the PBX never sends a tel: URI:\n" + toBob.request());
        bob.reply(toBob, 200, bob.sdp());
        assertEquals(200, invite.last().getStatusCode());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals("1002", pbx.collected.cdr().callee());
    }

    @Test
    void callerThatNeverAcksIsReleasedAfter64T1() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        pbx.advance(Duration.ofMillis(500));
        pbx.advance(Duration.ofMillis(1000));
        assertEquals(3, invite.responses().stream().filter(r -> r.getStatusCode() == 200).count(), "200 again at T1, then 2*T1");
        assertEquals(List.of(), wire.sent("BYE"));
        pbx.advance(Duration.ofSeconds(40));
        RecordingSip.Sent byeToAlice = wire.one("BYE", alice);
        assertEquals("Q.850;cause=102;text=\"No ACK from the caller\"", byeToAlice.header("Reason"));
        assertEquals(1, wire.sent("BYE", bob).size());
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.NO_ACK, cdr.tag());
        assertEquals(102, cdr.q850Cause());
    }

    @Test
    void calleeThatStopsAnsweringMidCallIsReleasedAsADeadLeg() {
        pbx.connect(alice, bob);
        TestServerRequest reinvite = alice.send("INVITE", alice.sdp("sendonly"));
        RecordingSip.Sent toBob = wire.last("INVITE", bob);
        pbx.advance(Duration.ofSeconds(32));
        pbx.timeout(toBob.tx());
        assertEquals(List.of(408), reinvite.statuses());
        RecordingSip.Sent bye = wire.one("BYE", alice);
        assertEquals("Q.850;cause=102;text=\"No response from 1002\"", bye.header("Reason"));
        assertEquals(List.of(), wire.sent("BYE", bob), "no BYE to a leg that is gone");
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.DEAD_LEG, cdr.tag());
        assertEquals(102, cdr.q850Cause());
    }

    @Test
    void sessionTimerWithoutRefreshReleasesTheCall() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Supported: timer", "Session-Expires: 120");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertEquals("1800", toBob.header("Session-Expires"), "the callee leg negotiates its own session timer");
        bob.reply(toBob, 200, bob.sdp());
        Response ok = invite.last();
        assertEquals("120;refresher=uac", Phone.value(ok, "Session-Expires"));
        assertEquals("timer", Phone.values(ok, "Require"));
        alice.ack(null);
        pbx.advance(Duration.ofMillis(119_999));
        assertEquals(List.of(), wire.sent("BYE"));
        pbx.advance(Duration.ofMillis(1));
        assertEquals("Q.850;cause=102;text=\"Session timer expired\"", wire.one("BYE", alice).header("Reason"));
        assertEquals(1, wire.sent("BYE", bob).size());
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.SESSION_EXPIRED, cdr.tag());
        assertEquals(120, cdr.billableSeconds());
    }

    @Test
    void calleeThatMakesUsTheRefresherGetsUpdates() {
        alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 200, bob.sdp(), "Session-Expires: 90;refresher=uac", "Require: timer");
        alice.ack(null);
        pbx.advance(Duration.ofMillis(44_999));
        assertEquals(List.of(), wire.sent("UPDATE"));
        pbx.advance(Duration.ofMillis(1));
        RecordingSip.Sent refresh = wire.one("UPDATE", bob);
        assertEquals("90;refresher=uac", refresh.header("Session-Expires"));
        assertNull(refresh.body(), "a refresh carries no offer");
        bob.reply(refresh, 200, null, "Session-Expires: 90;refresher=uac");
        pbx.advance(Duration.ofSeconds(45));
        assertEquals(2, wire.sent("UPDATE", bob).size(), "every half interval");
        assertEquals(List.of(), wire.sent("UPDATE", alice));
        alice.send("BYE", null);
    }

    @Test
    void sessionIntervalBelowMinSeIs422() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Supported: timer", "Session-Expires: 30");
        assertEquals(List.of(100, 422), invite.statuses());
        assertEquals("Session Interval Too Small", invite.last().getReasonPhrase());
        assertEquals("90", Phone.value(invite.last(), "Min-SE"));
        assertEquals(List.of(), wire.all());
    }

    @Test
    void maximumCallDurationReleasesBothLegs() {
        pbx.config.maxCallDuration = 2;
        pbx.connect(alice, bob);
        pbx.advance(Duration.ofMillis(1999));
        assertEquals(List.of(), wire.sent("BYE"));
        pbx.advance(Duration.ofMillis(1));
        String reason = "Q.850;cause=16;text=\"Maximum call duration reached\"";
        assertEquals(reason, wire.one("BYE", alice).header("Reason"));
        assertEquals(reason, wire.one("BYE", bob).header("Reason"));
        assertEquals(CallTag.MAX_DURATION, pbx.collected.cdr().tag());
        assertEquals(2, pbx.collected.cdr().billableSeconds());
    }

    @Test
    void consoleListsAndHangsUpALiveCall() {
        pbx.connect(alice, bob);
        org.plugboard.api.calls.CallInfo call = pbx.b2bua().calls().get(0);
        assertEquals("CONNECTED", call.state().name());
        assertEquals(2, call.legs().size(), "the caller leg, then the callee leg");
        assertEquals(call, pbx.b2bua().call(call.id()).orElseThrow());
        assertTrue(pbx.b2bua().hangup(call.id(), CallTag.ADMIN_HANGUP));
        String reason = "Q.850;cause=16;text=\"Released by the operator\"";
        assertEquals(reason, wire.one("BYE", alice).header("Reason"));
        assertEquals(reason, wire.one("BYE", bob).header("Reason"));
        assertEquals(CallTag.ADMIN_HANGUP, pbx.collected.cdr().tag());
        assertTrue(!pbx.b2bua().hangup("nosuchcall", CallTag.ADMIN_HANGUP));
        assertTrue(pbx.b2bua().call(call.id()).isEmpty());
    }
}
