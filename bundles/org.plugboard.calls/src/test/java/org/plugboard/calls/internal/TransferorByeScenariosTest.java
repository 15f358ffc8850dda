package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * Found with baresip: once the target answered, the transferor hears NOTIFY 200 and hangs up at once, so its BYE
 * crosses the PBX's BYE. Its leg has left the call by then: that BYE (200) and its 481 to our BYE end that leg only;
 * the transferee and the target stay connected and the call's record goes on.
 */
class TransferorByeScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);

    @BeforeEach
    void transfersAllowed() {
        pbx.b2bua().addService(request -> Outcome.proceed(),
                Map.of(CallService.NAME, "transfer", CallService.POINTS, DetectionPoint.TRANSFER.name()));
    }

    private void referTo1003(Phone transferor) {
        assertEquals(List.of(202), transferor.send("REFER", null, TransferScenariosTest.referTo("1003")).statuses());
    }

    /** The transferor's BYE right after NOTIFY 200, then its 481 to the PBX's BYE (the dialog it ended is gone). */
    private void transferorHangsUpCrossing(Phone transferor) {
        assertEquals(TransferScenariosTest.frag("200 OK"), wire.last("NOTIFY", transferor).body());
        RecordingSip.Sent ours = wire.one("BYE", transferor);
        assertEquals(List.of(200), transferor.send("BYE", null).statuses(), "its BYE is answered");
        transferor.reply(ours, 481);
    }

    @Test
    void calleeTransferorsCrossingByeLeavesTransfereeAndTargetConnected() throws Exception {
        pbx.connect(alice, bob);
        String callId = pbx.callId();
        referTo1003(bob);
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        transferorHangsUpCrossing(bob);

        assertEquals(List.of(), wire.sent("BYE", alice), "the transferee stays");
        assertEquals(List.of(), wire.sent("BYE", carol), "the target stays");
        assertEquals(List.of(), pbx.collected.released, "the call's record is not ended");
        assertEquals(callId, pbx.callId());
        CallDetailRecord part = pbx.collected.nextWritten(Duration.ofSeconds(5));
        assertEquals(CallTag.TRANSFERRED, part.tag());

        alice.send("INVITE", alice.sdp("sendonly"));
        carol.reply(wire.last("INVITE", carol), 200, carol.sdp("recvonly"));
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(20));
        alice.send("BYE", null);
        assertEquals(1, wire.sent("BYE", carol).size());
        CallDetailRecord rest = pbx.collected.cdr();
        assertEquals(List.of(callId, "1001", "1003", CallTag.CALLER_BYE, part.id()), List.of(rest.id(), rest.caller(), rest.callee(),
                rest.tag(), rest.linkedCall()));
        assertEquals(20, rest.billableSeconds());
    }

    @Test
    void callerTransferorsCrossingByeLeavesTransfereeAndTargetConnected() {
        pbx.connect(alice, bob);
        referTo1003(alice);
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        transferorHangsUpCrossing(alice);
        assertEquals(List.of(), wire.sent("BYE", bob));
        assertEquals(List.of(), wire.sent("BYE", carol));
        assertEquals(1, pbx.b2bua().calls().size());
        carol.send("BYE", null);
        assertEquals(1, wire.sent("BYE", bob).size());
        CallDetailRecord rest = pbx.collected.cdr();
        assertEquals(List.of("1002", "1003", CallTag.CALLEE_BYE), List.of(rest.caller(), rest.callee(), rest.tag()));
    }

    @Test
    void transferorsByeAfterOursWasAnsweredEndsNothingElse() {
        pbx.connect(alice, bob);
        referTo1003(bob);
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        bob.reply(wire.one("BYE", bob), 200);
        assertEquals(List.of(200), bob.send("BYE", null).statuses(), "a late BYE of the detached dialog");
        assertEquals(List.of(), wire.sent("BYE", alice));
        carol.send("BYE", null);
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void detachedTransferorsOffersAndRefersGet481() {
        pbx.connect(alice, bob);
        referTo1003(bob);
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        assertEquals(481, bob.send("INVITE", bob.sdp()).finalStatus());
        assertEquals(481, bob.send("REFER", null, TransferScenariosTest.referTo("1004")).finalStatus());
        assertEquals(List.of(), wire.sent("INVITE", alice), "nothing relayed");
        assertEquals(1, wire.sent("INVITE", carol).size(), "nothing relayed");
        assertEquals(2, wire.sent("NOTIFY", bob).size(), "no second transfer");
        alice.send("BYE", null);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void attendedTransferorHangingUpBothCallsAtOnceLeavesTheTransferredCall() {
        Phone bobConsults = pbx.phone("1002", 12);
        Phone carolTransferred = pbx.phone("1003", 13);
        pbx.connect(alice, bob);
        String callA = pbx.callId();
        bobConsults.invite("1003", bobConsults.sdp());
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        bobConsults.ack(null);
        String replaces = bobConsults.dialogCallId().replace("@", "%40") + "%3Bto-tag%3D" + bobConsults.remoteTag() + "%3Bfrom-tag%3D"
                + bobConsults.localTag();
        bob.send("REFER", null, "Refer-To: <sip:1003@" + RecordingSip.PBX_HOST + "?Replaces=" + replaces + ">");
        carolTransferred.reply(wire.last("INVITE", carol), 200, carolTransferred.sdp());
        transferorHangsUpCrossing(bob);
        bobConsults.send("BYE", null); // and its consultation call, before the target hung that up
        carol.send("BYE", null); // the target ends the dialog it replaced: the call is gone already

        assertEquals(List.of(), wire.sent("BYE", alice));
        assertEquals(callA, pbx.callId(), "call A goes on between 1001 and 1003");
        CallDetailRecord consultation = pbx.collected.cdr();
        assertEquals(List.of(CallTag.TRANSFERRED, callA), List.of(consultation.tag(), consultation.linkedCall()));
        alice.send("BYE", null);
        assertEquals(2, wire.sent("BYE", carolTransferred).size(), "the replaced dialog's BYE, then call A's");
        CallDetailRecord rest = pbx.collected.released.get(1);
        assertEquals(List.of(callA, "1001", "1003", CallTag.CALLER_BYE), List.of(rest.id(), rest.caller(), rest.callee(), rest.tag()));
    }

    @Test
    void theTargetStillRingingIsNoDetachedLeg() {
        pbx.connect(alice, bob);
        referTo1003(bob);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 183, carol.sdp());
        TestServerRequest update = carol.send("UPDATE", carol.sdp());
        assertEquals(491, update.finalStatus(), "an offer while the transfer runs waits (491), its dialog is not gone (481)");
        carol.reply(toCarol, 200, carol.sdp());
        carol.send("BYE", null);
        assertEquals(1, wire.sent("BYE", alice).size());
    }
}
