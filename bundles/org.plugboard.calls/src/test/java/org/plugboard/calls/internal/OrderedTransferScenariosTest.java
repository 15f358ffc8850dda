package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.TransferVerdict;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.Side;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * A blind transfer ordered from outside the call (CallControl.transfer, REST's {@code POST /api/calls/{id}/transfer}):
 * the party on the named side goes to the target, the other party is asked about by the TRANSFER services as if it
 * had sent the REFER, gets BYE once the target answered, and hears no NOTIFY (it sent no REFER).
 */
class OrderedTransferScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    private final List<ServiceRequest> asked = new ArrayList<>();

    void transfersBy(Outcome outcome) {
        pbx.b2bua().addService(request -> {
            asked.add(request);
            return outcome;
        }, Map.of(CallService.NAME, "transfer", CallService.POINTS, DetectionPoint.TRANSFER.name()));
    }

    String aliceSdp;

    String answeredCall() {
        aliceSdp = alice.sdp();
        alice.invite("1002", aliceSdp);
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        alice.ack(null);
        return pbx.b2bua().calls().get(0).id();
    }

    TransferVerdict transfer(String id, Side side, String target) throws Exception {
        return pbx.b2bua().transfer(id, side, target).toCompletableFuture().get();
    }

    @Test
    void theCallerIsTransferredToTheTargetAndTheCalleeLeavesWhenItAnswers() throws Exception {
        transfersBy(Outcome.proceed());
        String id = answeredCall();
        pbx.advance(Duration.ofSeconds(10));
        assertEquals(new TransferVerdict(202, ""), transfer(id, Side.CALLER, "1003"));
        assertEquals(List.of("TRANSFER", "1002", "1003"), List.of(asked.get(0).point().name(), asked.get(0).servedUser(),
                asked.get(0).transferTarget().orElse("")), "asked as if the callee had sent the REFER");
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertTrue(toCarol.header("From").contains("sip:1001@"), "the target sees the transferee: " + toCarol.header("From"));
        assertEquals(List.of(), wire.sent("BYE", bob), "the callee keeps the call while the target rings");
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(1, wire.sent("BYE", bob).size());
        assertEquals(List.of(), wire.sent("NOTIFY", bob), "no REFER was sent, so no NOTIFY");
        assertEquals(List.of(), wire.sent("BYE", alice));
        alice.send("BYE", null);
        assertEquals(1, wire.sent("BYE", carol).size());
        CallDetailRecord part = pbx.collected.nextWritten(Duration.ofSeconds(5));
        assertEquals(List.of("1001", "1002", CallTag.TRANSFERRED), List.of(part.caller(), part.callee(), part.tag()));
        CallDetailRecord rest = pbx.collected.cdr();
        assertEquals(List.of("1001", "1003"), List.of(rest.caller(), rest.callee()));
        assertEquals(aliceSdp, toCarol.body(), "the target gets the transferee's SDP (no relay here: unchanged)");
    }

    @Test
    void aTargetThatDoesNotAnswerLeavesTheCallAsItWas() throws Exception {
        transfersBy(Outcome.proceed());
        String id = answeredCall();
        assertEquals(202, transfer(id, Side.CALLEE, "1003").status());
        carol.reply(wire.one("INVITE", carol), 486);
        assertEquals(List.of(), wire.sent("BYE", alice));
        assertEquals(List.of(), wire.sent("BYE", bob));
        assertEquals(List.of(), wire.sent("NOTIFY", alice));
        assertEquals(202, transfer(id, Side.CALLEE, "1003").status(), "a new transfer may follow a failed one");
        pbx.b2bua().hangup(id, CallTag.ADMIN_HANGUP);
    }

    @Test
    void refusalsNameTheirCause() throws Exception {
        assertEquals(481, transfer("nope", Side.CALLER, "1003").status());
        String id = answeredCall();
        TransferVerdict off = transfer(id, Side.CALLER, "1003");
        assertEquals(403, off.status());
        assertTrue(off.reason().contains("pbx-transfer"), off.reason());
        transfersBy(Outcome.reject(403, "Forbidden", 21, "1002 may not transfer", CallTag.SCREENED));
        TransferVerdict refused = transfer(id, Side.CALLER, "1003");
        assertEquals(403, refused.status());
        assertTrue(refused.reason().contains("1002 may not transfer"), refused.reason());
        assertEquals(482, transfer(id, Side.CALLER, "1002").status(), "the other party itself");
        assertEquals(List.of(), wire.sent("INVITE", carol));
        pbx.b2bua().hangup(id, CallTag.ADMIN_HANGUP);
    }

    @Test
    void aSecondOrderWhileTheFirstRingsIsRefused() throws Exception {
        transfersBy(Outcome.proceed());
        String id = answeredCall();
        assertEquals(202, transfer(id, Side.CALLER, "1003").status());
        assertEquals(491, transfer(id, Side.CALLEE, "1003").status());
        pbx.b2bua().hangup(id, CallTag.ADMIN_HANGUP);
    }

    @Test
    void anUnansweredCallCannotBeTransferred() throws Exception {
        transfersBy(Outcome.proceed());
        alice.invite("1002", alice.sdp());
        String id = pbx.b2bua().calls().get(0).id();
        assertEquals(403, transfer(id, Side.CALLER, "1003").status());
        pbx.b2bua().hangup(id, CallTag.ADMIN_HANGUP);
    }
}
