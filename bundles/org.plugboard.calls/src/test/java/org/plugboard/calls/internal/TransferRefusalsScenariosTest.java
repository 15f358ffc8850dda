package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * REFERs the B2BUA refuses, each before anything is started (no 202, no NOTIFY, no INVITE): 403 without a transfer
 * service or when one rejects, 400 naming the Refer-To or Replaces that cannot be used, 482 for a loop, 491 while
 * another transfer runs, 403 outside an answered call. The call goes on after each.
 */
class TransferRefusalsScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);

    private void install(CallService service) {
        pbx.b2bua().addService(service, Map.of(CallService.NAME, "transfer", CallService.POINTS, DetectionPoint.TRANSFER.name()));
    }

    private void allowTransfers() {
        install(request -> Outcome.proceed());
    }

    /** Sends the REFER from bob in an answered call and asserts it was refused with this status and reason. */
    private void refused(int status, String reason, String... headers) {
        TestServerRequest refer = bob.send("REFER", null, headers);
        assertEquals(status, refer.finalStatus());
        assertEquals(reason, refer.last().getReasonPhrase());
        assertEquals(List.of(), wire.sent("NOTIFY"), "nothing subscribed");
        assertEquals(List.of(), wire.sent("INVITE", carol), "nothing started");
    }

    private void hangUp() {
        alice.send("BYE", null);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag(), "the call went on as before");
    }

    @Test
    void withoutATransferServiceEveryReferIs403() {
        pbx.connect(alice, bob);
        refused(Response.FORBIDDEN, "Transfer not enabled", TransferScenariosTest.referTo("1003"));
        hangUp();
    }

    @Test
    void aServiceThatRejectsRefusesWithItsStatusAndReason() {
        install(request -> "1002".equals(request.servedUser())
                ? Outcome.reject(403, "Transfer Not Permitted", 21, "1002 may not transfer", CallTag.SCREENED) : Outcome.proceed());
        pbx.connect(alice, bob);
        TestServerRequest refer = bob.send("REFER", null, TransferScenariosTest.referTo("1003"));
        assertEquals(403, refer.finalStatus());
        assertEquals("Transfer Not Permitted", refer.last().getReasonPhrase());
        assertEquals("Q.850;cause=21;text=\"1002 may not transfer\"", Phone.value(refer.last(), "Reason"));
        assertEquals(List.of(), wire.sent("INVITE", carol));
        TestServerRequest byAlice = alice.send("REFER", null, TransferScenariosTest.referTo("1003"));
        assertEquals(202, byAlice.finalStatus(), "the caller may: the service serves the transferor");
        carol.reply(wire.one("INVITE", carol), 486);
        hangUp();
    }

    @Test
    void missingReferToIs400NamingTheHeader() {
        allowTransfers();
        pbx.connect(alice, bob);
        refused(Response.BAD_REQUEST, "Bad Refer-To: missing");
        hangUp();
    }

    @Test
    void referToThatDoesNotParseIs400NamingTheHeader() {
        allowTransfers();
        pbx.connect(alice, bob);
        TestServerRequest refer = bob.send("REFER", null, "Refer-To: <<not a uri");
        assertEquals(400, refer.finalStatus());
        assertTrue(refer.last().getReasonPhrase().startsWith("Bad Refer-To: does not parse"), refer.last().getReasonPhrase());
        hangUp();
    }

    @Test
    void referToWithoutANumberIs400() {
        allowTransfers();
        pbx.connect(alice, bob);
        refused(Response.BAD_REQUEST, "Bad Refer-To: no number in sip:" + RecordingSip.PBX_HOST, "Refer-To: <sip:" + RecordingSip.PBX_HOST + ">");
        refused(Response.BAD_REQUEST, "Bad Refer-To: not a sip:, sips: or tel: URI: mailto:bob@example.org", "Refer-To: <mailto:bob@example.org>");
        hangUp();
    }

    @Test
    void replacesWithoutTagsIs400NamingReplaces() {
        allowTransfers();
        pbx.connect(alice, bob);
        refused(Response.BAD_REQUEST, "Bad Replaces: needs to-tag and from-tag: abc@h;to-tag=1",
                "Refer-To: <sip:1003@" + RecordingSip.PBX_HOST + "?Replaces=abc%40h%3Bto-tag%3D1>");
        refused(Response.BAD_REQUEST, "Bad Replaces: no Call-ID in ;to-tag=1;from-tag=2",
                "Refer-To: <sip:1003@" + RecordingSip.PBX_HOST + "?Replaces=%3Bto-tag%3D1%3Bfrom-tag%3D2>");
        hangUp();
    }

    @Test
    void transferToAPartyOfTheCallIsALoop() {
        allowTransfers();
        pbx.connect(alice, bob);
        refused(Response.LOOP_DETECTED, "Loop Detected: transfer to the transferor itself", TransferScenariosTest.referTo("1002"));
        refused(Response.LOOP_DETECTED, "Loop Detected: transfer to the transferee", TransferScenariosTest.referTo("1001"));
        String replacesThisCall = bob.dialogCallId().replace("@", "%40") + "%3Bto-tag%3D" + bob.localTag() + "%3Bfrom-tag%3D" + bob.remoteTag();
        refused(Response.LOOP_DETECTED, "Loop Detected: Replaces names this call",
                "Refer-To: <sip:1003@" + RecordingSip.PBX_HOST + "?Replaces=" + replacesThisCall + ">");
        hangUp();
    }

    @Test
    void oneTransferAtATime() {
        allowTransfers();
        pbx.connect(alice, bob);
        assertEquals(202, bob.send("REFER", null, TransferScenariosTest.referTo("1003")).finalStatus());
        TestServerRequest second = alice.send("REFER", null, TransferScenariosTest.referTo("1004"));
        assertEquals(491, second.finalStatus());
        assertEquals("Transfer already in progress", second.last().getReasonPhrase());
        carol.reply(wire.one("INVITE", carol), 486);
        hangUp();
    }

    @Test
    void referBeforeTheAnswerIs403() {
        allowTransfers();
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 180);
        TestServerRequest refer = alice.send("REFER", null, TransferScenariosTest.referTo("1003"));
        assertEquals(403, refer.finalStatus());
        assertEquals("Transfer needs an answered call", refer.last().getReasonPhrase());
        alice.cancel();
        assertEquals(487, invite.finalStatus());
        bob.reply(wire.one("INVITE", bob), 487);
    }

    @Test
    void referInACallThatEndedIs481() {
        allowTransfers();
        pbx.connect(alice, bob);
        hangUp();
        TestServerRequest refer = bob.send("REFER", null, TransferScenariosTest.referTo("1003"));
        assertEquals(481, refer.finalStatus());
    }
}
