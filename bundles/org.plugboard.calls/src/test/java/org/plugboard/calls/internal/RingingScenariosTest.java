package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;

/** Set-up and ringing beyond CallsIT: authentication, checks of the INVITE, forking, CANCEL races, 100rel timers. */
class RingingScenariosTest extends ScenarioTest {

    @Test
    void phoneWithoutCredentialsIsChallenged407ThenCallsWithThem() {
        pbx.config.authenticate = true;
        TestServerRequest first = alice.invite("1002", alice.sdp());
        assertEquals(List.of(100, 407), first.statuses(), "100 Trying first: authentication runs on the call's strand");
        assertTrue(Phone.value(first.last(), "Proxy-Authenticate").startsWith("Digest "), "a proxy challenge");
        assertEquals(List.of(), wire.all(), "nothing goes on before the caller is known");
        TestServerRequest second = alice.inviteAgain(TestAuthenticator.credentials("1001", true));
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertTrue(Phone.value(toBob.request(), "From").contains("sip:1001@"), "the authenticated extension calls");
        bob.reply(toBob, 200, bob.sdp());
        assertEquals(200, second.last().getStatusCode());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals("1001", pbx.collected.cdr().caller());
    }

    @Test
    void wrongPasswordIs403AndNoCall() {
        pbx.config.authenticate = true;
        alice.invite("1002", alice.sdp());
        TestServerRequest again = alice.inviteAgain(TestAuthenticator.credentials("1001", false));
        assertEquals(List.of(100, 403), again.statuses());
        assertEquals(List.of(), pbx.collected.events, "a refused attempt is no call: no event, no CDR");
        assertEquals("Wrong password for 1001", again.last().getReasonPhrase());
        assertEquals(List.of(), wire.all());
    }

    @Test
    void linesAndTrunksAreNotChallenged() {
        pbx.config.authenticate = true;
        Phone carrier = pbx.phone("+15550100", 50).profile("line:carrier");
        TestServerRequest invite = carrier.invite("1002", carrier.sdp());
        assertEquals(100, invite.statuses().get(0));
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals("+15550100", pbx.collected.cdr().caller(), "the caller is the From user");
    }

    @Test
    void maxForwardsZeroIs483() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Max-Forwards: 0");
        assertEquals(List.of(483), invite.statuses());
    }

    @Test
    void unknownRequiredExtensionIs420WithUnsupported() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Require: foo");
        assertEquals(List.of(420), invite.statuses());
        assertEquals("foo", Phone.value(invite.last(), "Unsupported"));
    }

    @Test
    void secondInviteWithTheCallIdOfALiveCallIs482() {
        TestServerRequest first = alice.invite("1002", alice.sdp());
        TestServerRequest loop = alice.inviteAgain();
        assertEquals(List.of(482), loop.statuses());
        assertEquals(1, wire.sent("INVITE").size());
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals(486, first.finalStatus());
    }

    @Test
    void admissionRefusalAnswersItsStatusAndReasonAndIsToldOfTheRelease() {
        List<String> released = new java.util.ArrayList<>();
        pbx.b2bua().addAdmission(new CallAdmission() {
            @Override
            public Refusal admit(String callId, RouteRequest request, Route route) {
                return new Refusal(503, "Trunk Full", 34, "No circuit available", CallTag.SYSTEM);
            }

            @Override
            public void released(String callId) {
                released.add(callId);
            }
        }, java.util.Map.of());
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(503, invite.finalStatus());
        assertEquals("Trunk Full", invite.last().getReasonPhrase());
        assertEquals("Q.850;cause=34;text=\"No circuit available\"", Phone.value(invite.last(), "Reason"));
        assertEquals(List.of(), wire.all());
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.SYSTEM, cdr.tag());
        assertEquals(34, cdr.q850Cause());
        assertEquals(List.of(cdr.id()), released, "released exactly once");
    }

    @Test
    void admittedCallIsReportedReleasedOnceWhenItEnds() {
        List<String> admitted = new java.util.ArrayList<>();
        List<String> released = new java.util.ArrayList<>();
        pbx.b2bua().addAdmission(new CallAdmission() {
            @Override
            public Refusal admit(String callId, RouteRequest request, Route route) {
                admitted.add(callId + " " + request.dialled() + " " + request.sourceProfile());
                return null;
            }

            @Override
            public void released(String callId) {
                released.add(callId);
            }
        }, java.util.Map.of());
        pbx.connect(alice, bob);
        String id = pbx.callId();
        assertEquals(List.of(id + " 1002 default"), admitted);
        assertEquals(List.of(), released);
        alice.send("BYE", null);
        bob.send("BYE", null); // crossing BYE: the call is already released
        assertEquals(List.of(id), released);
    }

    @Test
    void callTheRoutersRefuseIsNotAskedAbout() {
        List<String> asked = new java.util.ArrayList<>();
        pbx.b2bua().addAdmission(new CallAdmission() {
            @Override
            public Refusal admit(String callId, RouteRequest request, Route route) {
                asked.add(callId);
                return null;
            }

            @Override
            public void released(String callId) {
                asked.add("released " + callId);
            }
        }, java.util.Map.of());
        assertEquals(404, alice.invite("7777", alice.sdp()).finalStatus());
        assertEquals(List.of(), asked);
    }

    // ---- forking ----------------------------------------------------------------------------------------

    @Test
    void forkThatAnswersSecondIsAckedAndHungUpAsCompletedElsewhere() {
        Phone desk = pbx.registered("1003", 13);
        Phone mobile = pbx.registered("1003", 14);
        TestServerRequest invite = alice.invite("1003", alice.sdp());
        RecordingSip.Sent toDesk = wire.one("INVITE", desk);
        RecordingSip.Sent toMobile = wire.one("INVITE", mobile);
        desk.reply(toDesk, 180);
        mobile.reply(toMobile, 180);
        desk.reply(toDesk, 200, desk.sdp());
        mobile.reply(toMobile, 200, mobile.sdp()); // crossed our CANCEL
        assertEquals(1, wire.sent("ACK", mobile).size(), "the losing 200 is ACKed");
        RecordingSip.Sent bye = wire.one("BYE", mobile);
        assertEquals("Q.850;cause=16;text=\"Call completed elsewhere\"", bye.header("Reason"));
        assertEquals(1, invite.statuses().stream().filter(s -> s == 200).count(), "the caller sees one answer");
        mobile.reply(bye, 200);
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals("1003@127.0.1.13:5060", pbx.collected.cdr().answeredBy());
    }

    @Test
    void forkWithoutProvisionalIsCancelledOnlyOnceItRingsWithTheReasonKept() {
        Phone desk = pbx.registered("1003", 13);
        Phone mobile = pbx.registered("1003", 14);
        alice.invite("1003", alice.sdp());
        RecordingSip.Sent toDesk = wire.one("INVITE", desk);
        RecordingSip.Sent toMobile = wire.one("INVITE", mobile);
        mobile.reply(toMobile, 200, mobile.sdp());
        assertEquals(List.of(), wire.sent("CANCEL"), "no CANCEL before a provisional (RFC 3261 9.1)");
        desk.reply(toDesk, 100);
        desk.reply(toDesk, 180);
        RecordingSip.Sent cancel = wire.one("CANCEL", desk);
        assertEquals("SIP;cause=200;text=\"Call completed elsewhere\"", cancel.header("Reason"));
        desk.reply(toDesk, 487);
        alice.ack(null);
        alice.send("BYE", null);
    }

    @Test
    void globalFailureFromOneForkEndsEveryFork() {
        Phone desk = pbx.registered("1003", 13);
        Phone mobile = pbx.registered("1003", 14);
        TestServerRequest invite = alice.invite("1003", alice.sdp());
        RecordingSip.Sent toDesk = wire.one("INVITE", desk);
        RecordingSip.Sent toMobile = wire.one("INVITE", mobile);
        desk.reply(toDesk, 180);
        mobile.reply(toMobile, 180);
        mobile.reply(toMobile, 603);
        assertEquals(1, wire.sent("CANCEL", desk).size());
        assertEquals(603, invite.finalStatus());
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(21, cdr.q850Cause());
        assertEquals(CallTag.CALLEE_REJECTED, cdr.tag());
        desk.reply(toDesk, 487);
    }

    @Test
    void busyForkBeatsAnUnavailableOne() {
        Phone desk = pbx.registered("1003", 13);
        Phone mobile = pbx.registered("1003", 14);
        TestServerRequest invite = alice.invite("1003", alice.sdp());
        desk.reply(wire.one("INVITE", desk), 486);
        assertTrue(invite.statuses().stream().allMatch(s -> s < 200), "one fork is still ringing");
        mobile.reply(wire.one("INVITE", mobile), 480);
        assertEquals(486, invite.finalStatus());
        assertEquals(Disposition.BUSY, pbx.collected.cdr().disposition());
    }

    // ---- CANCEL races -----------------------------------------------------------------------------------

    @Test
    void late200ArrivingAlmost64T1AfterTheCancelIsStillAckedAndHungUp() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        alice.cancel();
        pbx.advance(Duration.ofMillis(31_900));
        Response ok = bob.reply(toBob, 200, bob.sdp());
        assertEquals(1, wire.sent("ACK", bob).size());
        RecordingSip.Sent bye = wire.one("BYE", bob);
        bob.handleAgain(ok, toBob); // its retransmission: ACKed again, no second BYE
        assertEquals(2, wire.sent("ACK", bob).size());
        assertEquals(1, wire.sent("BYE", bob).size());
        bob.reply(bye, 200);
        assertEquals(487, invite.finalStatus());
    }

    @Test
    void calleeRetransmitting200IsAckedEachTime() {
        alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        Response ok = bob.reply(toBob, 200, bob.sdp());
        bob.handleAgain(ok, toBob);
        bob.handleAgain(ok, toBob);
        assertEquals(3, wire.sent("ACK", bob).size(), "every 2xx gets its ACK (RFC 3261 13.2.2.4)");
        alice.ack(null);
        alice.send("BYE", null);
    }

    @Test
    void cancelAfterTheAnswerChangesNothing() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        TestServerRequest cancel = alice.cancel();
        assertEquals(List.of(200), cancel.statuses());
        assertEquals(List.of(), wire.sent("CANCEL"));
        assertEquals(200, invite.last().getStatusCode());
        alice.ack(null);
        assertEquals("CONNECTED", pbx.b2bua().calls().get(0).state().name());
        alice.send("BYE", null);
    }

    // ---- reliable provisionals --------------------------------------------------------------------------

    @Test
    void reliableProvisionalNeverPrackedIsRejected500AndTheCalleeCancelled() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Require: 100rel");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofSeconds(40));
        assertTrue(invite.responses().stream().filter(r -> r.getStatusCode() == 180).count() > 5, "180 retransmitted");
        assertEquals(500, invite.finalStatus());
        assertEquals("Q.850;cause=102;text=\"Caller never sent PRACK\"", Phone.value(invite.last(), "Reason"));
        assertNotNull(wire.one("CANCEL", bob));
        assertEquals(CallTag.DEAD_LEG, pbx.collected.cdr().tag());
        bob.reply(toBob, 487);
    }

    @Test
    void reliableProvisionalNeverPrackedIsRejectedAt64T1() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Require: 100rel");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofMillis(32_000));
        try {
            assertEquals(500, invite.finalStatus(), "rejected 64*T1 after the 180");
        } finally {
            pbx.advance(Duration.ofSeconds(10));
            bob.reply(toBob, 487);
        }
    }

    @Test
    void prackForAnUnknownRseqIs481() {
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Require: 100rel");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        Response reliable = invite.last();
        TestServerRequest wrong = alice.send("PRACK", null, "RAck: 7 1 INVITE");
        assertEquals(List.of(481), wrong.statuses());
        assertEquals(List.of(200), alice.prack(reliable).statuses());
        bob.reply(toBob, 486);
        assertEquals(486, invite.finalStatus());
    }

    @Test
    void callerSupporting100relGetsReliable18xOnlyWhenConfigured() {
        pbx.config.prackWhenSupported = true;
        TestServerRequest invite = alice.invite("1002", alice.sdp(), "Supported: 100rel");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        assertEquals("1", Phone.value(invite.last(), "RSeq"));
        alice.prack(invite.last());
        bob.reply(toBob, 486);
    }
}
