package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * Blind transfer (REFER, RFC 3515) through the B2BUA: either party transfers the other; the transferor gets 202,
 * NOTIFYs with the target's progress as sipfrag and BYE once the target answered; the target gets the transferee's
 * SDP; a failed target leaves the call with the transferor, or ends it when the transferor has hung up; both parts
 * of the call are recorded and linked.
 */
class TransferScenariosTest extends ScenarioTest {
    static final String PBX = RecordingSip.PBX_HOST;
    private final Phone carol = pbx.registered("1003", 13);
    private final List<ServiceRequest> asked = new ArrayList<>();

    /** The transfer feature: a service at TRANSFER that lets every REFER through and notes what it saw. */
    void allowTransfers() {
        install(request -> {
            asked.add(request);
            return Outcome.proceed();
        });
    }

    void install(CallService service) {
        pbx.b2bua().addService(service, Map.of(CallService.NAME, "transfer", CallService.POINTS, DetectionPoint.TRANSFER.name()));
    }

    static String referTo(String number) {
        return "Refer-To: <sip:" + number + "@" + PBX + ">";
    }

    /** The bodies of the NOTIFYs sent toward {@code phone}, in order. */
    List<String> notifies(Phone phone) {
        return wire.sent("NOTIFY", phone).stream().map(RecordingSip.Sent::body).toList();
    }

    static String frag(String statusLine) {
        return "SIP/2.0 " + statusLine + "\r\n";
    }

    @Test
    void calleeTransfersTheCallerBlindAndBothPartsAreRecordedAndLinked() throws Exception {
        allowTransfers();
        String aliceSdp = alice.sdp();
        alice.invite("1002", aliceSdp);
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        alice.ack(null);
        String callId = pbx.callId();
        pbx.advance(Duration.ofSeconds(10));
        TestServerRequest refer = bob.send("REFER", null, referTo("1003"), "Referred-By: <sip:1002@" + PBX + ">");
        assertEquals(List.of(202), refer.statuses());
        RecordingSip.Sent trying = wire.one("NOTIFY", bob);
        assertEquals("refer", trying.header("Event"));
        assertEquals("active;expires=180", trying.header("Subscription-State"));
        assertEquals("message/sipfrag;version=2.0", trying.header("Content-Type"));
        assertEquals(frag("100 Trying"), trying.body());
        bob.reply(trying, 200);

        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertEquals(aliceSdp, toCarol.body(), "the target gets the transferee's SDP (no relay here: unchanged)");
        assertTrue(toCarol.header("From").contains("sip:1001@"), "the target sees the transferee: " + toCarol.header("From"));
        assertTrue(toCarol.header("Referred-By").contains("sip:1002@"), toCarol.header("Referred-By"));
        assertEquals(asked.size(), 1);
        ServiceRequest seen = asked.get(0);
        assertEquals(List.of("TRANSFER", "1002", "1003", "false"), List.of(seen.point().name(), seen.servedUser(),
                seen.transferTarget().orElse(""), Boolean.toString(seen.transferToOutside())));
        pbx.advance(Duration.ofSeconds(2));
        carol.reply(toCarol, 180);
        pbx.advance(Duration.ofSeconds(3));
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(1, wire.sent("ACK", carol).size());
        assertEquals(List.of(frag("100 Trying"), frag("200 OK")), notifies(bob));
        assertEquals("terminated;reason=noresource", wire.last("NOTIFY", bob).header("Subscription-State"));
        RecordingSip.Sent byeBob = wire.one("BYE", bob);
        assertTrue(byeBob.header("Reason").contains("Call transferred to 1003"), byeBob.header("Reason"));
        assertEquals(List.of(), wire.sent("INVITE", alice), "the transferee keeps its media: no re-INVITE");
        assertEquals(List.of(), wire.sent("BYE", alice));

        // the transferee and the target talk; a re-INVITE from the transferee goes to the target now
        TestServerRequest reinvite = alice.send("INVITE", alice.sdp("sendonly"));
        RecordingSip.Sent relayed = wire.last("INVITE", carol);
        assertEquals("INVITE", relayed.method());
        carol.reply(relayed, 200, carol.sdp("recvonly"));
        assertEquals(200, reinvite.last().getStatusCode());
        alice.ack(null);
        assertEquals(callId, pbx.callId(), "the call keeps its id");
        pbx.advance(Duration.ofSeconds(30));
        alice.send("BYE", null);
        assertEquals(1, wire.sent("BYE", carol).size());

        CallDetailRecord part = pbx.collected.nextWritten(Duration.ofSeconds(5));
        CallDetailRecord rest = pbx.collected.cdr();
        assertEquals(List.of("1001", "1002", CallTag.TRANSFERRED, callId), List.of(part.caller(), part.callee(), part.tag(), part.linkedCall()));
        assertNotEquals(callId, part.id(), "the transferor's part is a record of its own");
        assertEquals(CallsFixture.T0.plusSeconds(15), part.end(), "it ends when the target answered");
        assertEquals(15, part.billableSeconds());
        assertTrue(part.answeredBy().startsWith("1002@"), part.answeredBy());
        assertEquals("Transferred to 1003 by 1002", part.reason());
        assertEquals(List.of(callId, "1001", "1003", CallTag.CALLER_BYE, part.id()), List.of(rest.id(), rest.caller(), rest.callee(),
                rest.tag(), rest.linkedCall()));
        assertEquals(CallsFixture.T0.plusSeconds(10), rest.start(), "the rest starts with the REFER");
        assertEquals(CallsFixture.T0.plusSeconds(15), rest.answer());
        assertTrue(rest.answeredBy().startsWith("1003@"), rest.answeredBy());
        assertEquals(30, rest.billableSeconds());
        assertEquals(alice.dialogCallId(), rest.callId());
        List<String> legs = List.of(alice.dialogCallId(), wire.sent("INVITE", bob).get(0).callId(), toCarol.callId());
        assertEquals(legs, rest.legCallIds(), "the call that went on names the transferee's, transferor's and target's legs");
        assertEquals(legs, part.legCallIds(), "so does the transferor's part");
    }

    @Test
    void callerTransfersTheCalleeBlindAndTheTargetStandsWhereTheCallerWas() {
        allowTransfers();
        alice.invite("1002", alice.sdp());
        String bobSdp = bob.sdp();
        bob.reply(wire.one("INVITE", bob), 200, bobSdp);
        alice.ack(null);
        TestServerRequest refer = alice.send("REFER", null, referTo("1003"));
        assertEquals(List.of(202), refer.statuses());
        assertEquals(List.of(frag("100 Trying")), notifies(alice));
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertEquals(bobSdp, toCarol.body(), "the callee's SDP, offered from its side");
        assertTrue(toCarol.header("From").contains("sip:1002@"), toCarol.header("From"));
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(List.of(frag("100 Trying"), frag("200 OK")), notifies(alice));
        assertEquals(1, wire.sent("BYE", alice).size());
        assertEquals(List.of(), wire.sent("BYE", bob));
        assertEquals(1, wire.sent("INVITE", bob).size(), "no re-INVITE to the transferee");

        assertEquals(List.of("created", "answered", "partyReplaced 1001 by 1003 on CALLER"), pbx.collected.events);
        org.plugboard.api.calls.CallInfo now = pbx.collected.replaced.get(0);
        assertEquals(List.of("1002", "1003"), List.of(now.caller(), now.callee()));
        assertEquals("1003", now.party(org.plugboard.api.media.Side.CALLER).peer(), "the target stands on the caller's side");
        assertEquals("callee", now.party(org.plugboard.api.media.Side.CALLER).role());
        assertEquals("1002", now.party(org.plugboard.api.media.Side.CALLEE).peer());
        assertEquals(List.of(false, true, true), now.legs().stream().map(org.plugboard.api.calls.LegInfo::party).toList(),
                "the transferor's leg is no party any more");
        bob.send("UPDATE", bob.sdp());
        assertEquals(1, wire.sent("UPDATE", carol).size(), "the transferee's offers go to the target");
        carol.reply(wire.one("UPDATE", carol), 200, carol.sdp());
        carol.send("BYE", null);
        assertEquals(1, wire.sent("BYE", bob).size());
        CallDetailRecord rest = pbx.collected.cdr();
        assertEquals(List.of("1002", "1003", CallTag.CALLEE_BYE), List.of(rest.caller(), rest.callee(), rest.tag()),
                "the transferee is the caller of the rest, the target its callee");
        assertEquals(wire.one("INVITE", bob).callId(), rest.callId());
    }

    @Test
    void busyTargetLeavesTheCallWithTheTransferor() {
        allowTransfers();
        pbx.connect(alice, bob);
        bob.send("REFER", null, referTo("1003"));
        carol.reply(wire.one("INVITE", carol), 486);
        assertEquals(List.of(frag("100 Trying"), frag("486 Busy here")), notifies(bob), "the target's status line as it sent it");
        assertEquals("terminated;reason=noresource", wire.last("NOTIFY", bob).header("Subscription-State"));
        assertEquals(List.of(), wire.sent("BYE"));
        alice.send("INVITE", alice.sdp("sendonly"));
        assertEquals(2, wire.sent("INVITE", bob).size(), "the call is still between transferee and transferor");
        bob.reply(wire.last("INVITE", bob), 200, bob.sdp("recvonly"));
        alice.ack(null);
        TestServerRequest again = bob.send("REFER", null, referTo("1003"));
        assertEquals(List.of(202), again.statuses(), "a second try in the same dialog");
        assertEquals("refer;id=" + Phone.cseq(again.request()), wire.last("NOTIFY", bob).header("Event"));
        carol.reply(wire.last("INVITE", carol), 603);
        alice.send("BYE", null);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
        assertNull(pbx.collected.cdr().linkedCall());
    }

    @Test
    void transferorMayHangUpOnceTheReferIsAcceptedAndTheCallGoesOn() throws Exception {
        allowTransfers();
        pbx.connect(alice, bob);
        pbx.advance(Duration.ofSeconds(5));
        bob.send("REFER", null, referTo("1003"));
        pbx.advance(Duration.ofSeconds(1));
        TestServerRequest bye = bob.send("BYE", null);
        assertEquals(List.of(200), bye.statuses());
        assertEquals(List.of(), wire.sent("BYE", alice), "the transferee stays");
        assertEquals(1, pbx.b2bua().calls().size());
        pbx.advance(Duration.ofSeconds(4));
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        assertEquals(List.of(frag("100 Trying")), notifies(bob), "no NOTIFY to a transferor that has gone");
        assertEquals(List.of(), wire.sent("BYE", bob), "it hung up itself: no BYE from us");
        carol.send("BYE", null);
        CallDetailRecord part = pbx.collected.nextWritten(Duration.ofSeconds(5));
        assertEquals(CallsFixture.T0.plusSeconds(6), part.end(), "the transferor's part ends when it hung up");
        assertEquals(CallTag.TRANSFERRED, part.tag());
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void targetFailingAfterTheTransferorHungUpEndsTheCallWithItsFailure() {
        allowTransfers();
        pbx.connect(alice, bob);
        bob.send("REFER", null, referTo("1003"));
        bob.send("BYE", null);
        carol.reply(wire.one("INVITE", carol), 486);
        RecordingSip.Sent bye = wire.one("BYE", alice);
        assertTrue(bye.header("Reason").startsWith("Q.850;cause=17;"), bye.header("Reason"));
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.CALLEE_REJECTED, cdr.tag());
        assertTrue(cdr.reason().startsWith("Transfer to 1003 failed"), cdr.reason());
    }

    @Test
    void unansweredTargetIsCancelledAfterTheRingTimeout() {
        allowTransfers();
        pbx.connect(alice, bob);
        bob.send("REFER", null, referTo("1003"));
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        pbx.advance(Duration.ofSeconds(pbx.config.ringTimeout));
        assertEquals(1, wire.sent("CANCEL", carol).size());
        carol.reply(wire.one("CANCEL", carol), 200);
        carol.reply(toCarol, 487);
        assertEquals(List.of(frag("100 Trying"), frag("480 Temporarily Unavailable")), notifies(bob));
        assertEquals(List.of(), wire.sent("BYE"));
        bob.send("BYE", null);
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void transfereeHangingUpCancelsTheTargetAndTellsTheTransferor() {
        allowTransfers();
        pbx.connect(alice, bob);
        bob.send("REFER", null, referTo("1003"));
        carol.reply(wire.one("INVITE", carol), 180);
        alice.send("BYE", null);
        assertEquals(1, wire.sent("CANCEL", carol).size());
        assertEquals(List.of(frag("100 Trying"), frag("487 Request Terminated")), notifies(bob));
        assertEquals(1, wire.sent("BYE", bob).size());
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
        carol.reply(wire.one("INVITE", carol), 487);
    }

    @Test
    void unknownOrUnreachableTargetIsToldInTheNotify() {
        allowTransfers();
        pbx.connect(alice, bob);
        assertEquals(List.of(202), bob.send("REFER", null, referTo("7777")).statuses());
        assertEquals(frag("404 Not Found"), wire.last("NOTIFY", bob).body());
        assertEquals(List.of(202), bob.send("REFER", null, referTo("1004")).statuses());
        assertEquals(frag("480 Temporarily Unavailable"), wire.last("NOTIFY", bob).body(), "1004 has no registered device");
        alice.send("BYE", null);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void offersWaitWhileTheTransferRuns() {
        allowTransfers();
        pbx.connect(alice, bob);
        bob.send("REFER", null, referTo("1003"));
        TestServerRequest reinvite = alice.send("INVITE", alice.sdp());
        assertEquals(491, reinvite.finalStatus());
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        alice.send("BYE", null);
    }

    @Test
    void transfereeOnHoldIsOfferedSendrecvAndResumedWithTheTargetsSdp() {
        allowTransfers();
        pbx.connect(alice, bob);
        bob.send("INVITE", bob.sdp("sendonly")); // the transferor holds the transferee before it transfers
        alice.reply(wire.last("INVITE", alice), 200, alice.sdp("recvonly"));
        bob.ack(null);
        bob.send("REFER", null, referTo("1003"));
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertTrue(toCarol.body().contains("a=sendrecv") && !toCarol.body().contains("a=recvonly"), toCarol.body());
        String carolSdp = carol.sdp();
        carol.reply(toCarol, 200, carolSdp);
        RecordingSip.Sent resume = wire.last("INVITE", alice);
        assertEquals(carolSdp, resume.body(), "the transferee gets the target's SDP, which takes it off hold");
        alice.reply(resume, 200, alice.sdp());
        assertEquals(Phone.cseq(resume.request()), Phone.cseq(wire.last("ACK", alice).request()));
        carol.send("BYE", null);
    }
}
