package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Attended transfer (REFER with Replaces, RFC 3891): 1002 talks to 1001 (call A) and, in a consultation call
 * (call B), to 1003; its REFER in A names its dialog of B. The PBX sends 1003's phone an INVITE whose Replaces names
 * 1003's dialog of B, so the phone replaces it and hangs B up itself; A goes on between 1001 and 1003.
 */
class AttendedTransferScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    /** 1002's phone in its second dialog (the consultation call it makes), same address as {@link #bob}. */
    private final Phone bobConsults = pbx.phone("1002", 12);
    /** 1003's phone in the dialog the transfer brings it, same address as {@link #carol}. */
    private final Phone carolTransferred = pbx.phone("1003", 13);
    private String callA;
    private String callB;

    @BeforeEach
    void twoCalls() {
        pbx.b2bua().addService(request -> Outcome.proceed(),
                Map.of(CallService.NAME, "transfer", CallService.POINTS, DetectionPoint.TRANSFER.name()));
        pbx.connect(alice, bob);
        callA = pbx.callId();
        bobConsults.invite("1003", bobConsults.sdp());
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        bobConsults.ack(null);
        callB = pbx.b2bua().calls().stream().map(c -> c.id()).filter(id -> !id.equals(callA)).findFirst().orElseThrow();
    }

    /** Refer-To naming 1003 with a Replaces of 1002's consultation dialog as 1002 sees it (to-tag: the PBX's). */
    private String referToReplacing(String toTag, String fromTag) {
        String replaces = bobConsults.dialogCallId().replace("@", "%40") + "%3Bto-tag%3D" + toTag + "%3Bfrom-tag%3D" + fromTag;
        return "Refer-To: <sip:1003@" + RecordingSip.PBX_HOST + "?Replaces=" + replaces + ">";
    }

    private RecordingSip.Sent inviteWithReplaces() {
        List<RecordingSip.Sent> invites = wire.sent("INVITE", carol);
        assertEquals(2, invites.size(), "the consultation call's INVITE, then the transfer's: " + invites);
        return invites.get(1);
    }

    private List<String> notifies() {
        return wire.sent("NOTIFY", bob).stream().map(RecordingSip.Sent::body).toList();
    }

    @Test
    void targetReplacesItsConsultationDialogAndTheCallGoesOnWithIt() throws Exception {
        pbx.advance(Duration.ofSeconds(20));
        TestServerRequest refer = bob.send("REFER", null, referToReplacing(bobConsults.remoteTag(), bobConsults.localTag()));
        assertEquals(List.of(202), refer.statuses());
        RecordingSip.Sent invite = inviteWithReplaces();
        RecordingSip.Sent consultation = wire.sent("INVITE", carol).get(0);
        assertEquals(consultation.callId() + ";to-tag=" + carol.localTag() + ";from-tag=" + Phone.value(consultation.request(), "From")
                .replaceAll(".*tag=", ""), invite.header("Replaces"), "Replaces names 1003's own dialog of the consultation call");
        assertEquals("replaces", invite.header("Require"));
        assertTrue(invite.header("From").contains("sip:1001@"), invite.header("From"));
        assertEquals(carol.contact(), invite.request().getRequestURI().toString(), "to the target's Contact in that dialog");
        carolTransferred.reply(invite, 200, carolTransferred.sdp());
        assertEquals(List.of(TransferScenariosTest.frag("100 Trying"), TransferScenariosTest.frag("200 OK")), notifies());
        List<RecordingSip.Sent> byes = wire.sent("BYE", bob);
        assertEquals(1, byes.size());
        assertEquals(bob.dialogCallId(), byes.get(0).callId(), "1002 leaves call A");

        carol.send("BYE", null); // the phone hangs up the dialog it replaced
        assertEquals(2, wire.sent("BYE", bob).size(), "and 1002 leaves call B");
        assertEquals(bobConsults.dialogCallId(), wire.sent("BYE", bob).get(1).callId());
        pbx.advance(Duration.ofSeconds(10));
        alice.send("BYE", null);
        assertEquals(1, wire.sent("BYE", carol).size(), "1003's new dialog gets the end of call A");

        CallDetailRecord part = pbx.collected.nextWritten(Duration.ofSeconds(5));
        assertEquals(List.of("1001", "1002", CallTag.TRANSFERRED, callA), List.of(part.caller(), part.callee(), part.tag(), part.linkedCall()));
        CallDetailRecord consultationRecord = pbx.collected.released.get(0);
        assertEquals(List.of(callB, "1002", "1003", CallTag.TRANSFERRED, callA), List.of(consultationRecord.id(), consultationRecord.caller(),
                consultationRecord.callee(), consultationRecord.tag(), consultationRecord.linkedCall()));
        CallDetailRecord rest = pbx.collected.released.get(1);
        assertEquals(List.of(callA, "1001", "1003", CallTag.CALLER_BYE, part.id()), List.of(rest.id(), rest.caller(), rest.callee(), rest.tag(),
                rest.linkedCall()));
        assertEquals(10, rest.billableSeconds());
    }

    @Test
    void tagsTheOtherWayRoundAreAcceptedToo() {
        bob.send("REFER", null, referToReplacing(bobConsults.localTag(), bobConsults.remoteTag()));
        carolTransferred.reply(inviteWithReplaces(), 200, carolTransferred.sdp());
        carol.send("BYE", null);
        alice.send("BYE", null);
        assertEquals(CallTag.TRANSFERRED, pbx.collected.released.get(0).tag());
    }

    @Test
    void replacesThatMatchesNoCallIs481InTheNotifyAndTheCallGoesOn() {
        String bogus = "Refer-To: <sip:1003@" + RecordingSip.PBX_HOST + "?Replaces=nothing%40here%3Bto-tag%3D1%3Bfrom-tag%3D2>";
        assertEquals(List.of(202), bob.send("REFER", null, bogus).statuses());
        assertEquals(List.of(TransferScenariosTest.frag("100 Trying"), TransferScenariosTest.frag("481 Call/Transaction Does Not Exist")),
                notifies());
        bob.send("REFER", null, referToReplacing("wrong", bobConsults.localTag()));
        assertEquals(TransferScenariosTest.frag("481 Call/Transaction Does Not Exist"), wire.last("NOTIFY", bob).body(), "tags must match");
        assertEquals(1, wire.sent("INVITE", carol).size());
        alice.send("BYE", null);
        carol.send("BYE", null);
        assertEquals(List.of(CallTag.CALLER_BYE, CallTag.CALLEE_BYE), pbx.collected.released.stream().map(CallDetailRecord::tag).toList());
    }

    @Test
    void anotherPartysDialogCannotBeReplaced() {
        Phone dave = pbx.phone("1004", 14);
        Phone carolToo = pbx.registered("1005", 15);
        dave.invite("1005", dave.sdp());
        carolToo.reply(wire.one("INVITE", carolToo), 200, carolToo.sdp());
        dave.ack(null);
        String replaces = dave.dialogCallId().replace("@", "%40") + "%3Bto-tag%3D" + dave.remoteTag() + "%3Bfrom-tag%3D" + dave.localTag();
        bob.send("REFER", null, "Refer-To: <sip:1005@" + RecordingSip.PBX_HOST + "?Replaces=" + replaces + ">");
        assertEquals(TransferScenariosTest.frag("481 Call/Transaction Does Not Exist"), wire.last("NOTIFY", bob).body(),
                "1002 named a dialog of 1004's");
        assertEquals(1, wire.sent("INVITE", carolToo).size());
        dave.send("BYE", null);
        alice.send("BYE", null);
        carol.send("BYE", null);
    }

    @Test
    void targetThatRefusesTheReplacesLeavesBothCallsAsTheyWere() {
        bob.send("REFER", null, referToReplacing(bobConsults.remoteTag(), bobConsults.localTag()));
        carolTransferred.reply(inviteWithReplaces(), 420, null, "Unsupported: replaces");
        assertEquals(TransferScenariosTest.frag("420 Bad extension"), wire.last("NOTIFY", bob).body());
        assertEquals(List.of(), wire.sent("BYE"));
        bobConsults.send("BYE", null);
        alice.send("BYE", null);
        assertEquals(List.of(CallTag.CALLER_BYE, CallTag.CALLER_BYE), pbx.collected.released.stream().map(CallDetailRecord::tag).toList(),
                "the consultation call's record is no longer marked as transferred");
    }

    @Test
    void ringingConsultationCallIsCancelledAndTheTargetCalledAfresh() {
        bobConsults.send("BYE", null);
        Phone dave = pbx.registered("1004", 14);
        Phone bobAgain = pbx.phone("1002", 12);
        TestServerRequest consultation = bobAgain.invite("1004", bobAgain.sdp());
        RecordingSip.Sent ringing = wire.one("INVITE", dave);
        dave.reply(ringing, 180);
        String replaces = bobAgain.dialogCallId().replace("@", "%40") + "%3Bto-tag%3D" + bobAgain.remoteTag() + "%3Bfrom-tag%3D"
                + bobAgain.localTag();
        bob.send("REFER", null, "Refer-To: <sip:1004@" + RecordingSip.PBX_HOST + "?Replaces=" + replaces + ">");
        assertEquals(487, consultation.finalStatus(), "the transferor's ringing consultation call is cancelled");
        assertEquals(1, wire.sent("CANCEL", dave).size());
        dave.reply(ringing, 487);
        List<RecordingSip.Sent> invites = wire.sent("INVITE", dave);
        assertEquals(2, invites.size(), "then 1004 is called as in a blind transfer");
        assertEquals(null, invites.get(1).header("Replaces"));
        assertTrue(invites.get(1).header("From").contains("sip:1001@"));
        Phone daveTransferred = pbx.phone("1004", 14);
        daveTransferred.reply(invites.get(1), 200, daveTransferred.sdp());
        assertEquals(TransferScenariosTest.frag("200 OK"), wire.last("NOTIFY", bob).body());
        daveTransferred.send("BYE", null);
        List<CallDetailRecord> records = pbx.collected.released;
        CallDetailRecord cancelled = records.get(1);
        assertEquals(List.of("1002", "1004", CallTag.TRANSFERRED, callA), List.of(cancelled.caller(), cancelled.callee(), cancelled.tag(),
                cancelled.linkedCall()));
        assertEquals(org.plugboard.api.calls.Disposition.CANCELLED, cancelled.disposition());
        assertEquals(List.of("1001", "1004"), List.of(records.get(2).caller(), records.get(2).callee()));
    }
}
