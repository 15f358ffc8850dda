package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * The call-service layer end to end through the B2BUA: services at each detection point redirect (181 with
 * Call-Info to the caller, Diversion to the new target), reject (status, Reason, CDR tag) or let the call go on;
 * loops and hop limits are refused; a service that throws never stops a call; a removed service is not asked.
 */
class ServiceScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    private final Phone dave = pbx.registered("1004", 14);
    private final List<String> asked = new ArrayList<>();

    /** A forwarding table: at {@code point}, calls for a key go to its value. */
    private CallService forwarding(Map<String, String> table, String reason) {
        return request -> {
            asked.add(request.point() + ":" + request.servedUser());
            String to = table.get(request.servedUser());
            return to == null ? Outcome.proceed() : Outcome.redirect(to, reason);
        };
    }

    private void install(String name, CallService service, DetectionPoint... points) {
        pbx.b2bua().addService(service, Map.of(CallService.NAME, name, CallService.POINTS,
                java.util.Arrays.stream(points).map(Enum::name).toArray(String[]::new)));
    }

    @Test
    void unconditionalForwardingChainTellsTheCallerOfEachHopAndTheTargetOfEveryDiversion() {
        install("forwarding", forwarding(Map.of("1002", "1003", "1003", "1004"), "unconditional"), DetectionPoint.ROUTED);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        List<Response> forwarded = invite.responses().stream().filter(r -> r.getStatusCode() == 181).toList();
        assertEquals(2, forwarded.size(), "one 181 per hop: " + invite.statuses());
        // byte-exact as miniSIPServer sends it
        assertEquals("Call-Info: purpose=forwarding, username=\"1002\", contact=\"1003\"",
                forwarded.get(0).getHeader("Call-Info").toString().trim());
        assertEquals("Call-Info: purpose=forwarding, username=\"1003\", contact=\"1004\"",
                forwarded.get(1).getHeader("Call-Info").toString().trim());
        assertEquals(List.of(), wire.sent("INVITE", bob), "1002 never rings");
        assertEquals(List.of(), wire.sent("INVITE", carol), "nor 1003");
        RecordingSip.Sent toDave = wire.one("INVITE", dave);
        String diversion = Phone.values(toDave.request(), "Diversion");
        assertTrue(diversion.contains("sip:1003@") && diversion.contains("counter=2") && diversion.contains("sip:1002@")
                && diversion.contains("reason=unconditional"), diversion);
        assertEquals(List.of("ROUTED:1002", "ROUTED:1003", "ROUTED:1004"), asked);
        dave.reply(toDave, 200, dave.sdp());
        alice.ack(null);
        alice.send("BYE", null);
        wire.last("BYE", dave);
        assertEquals("1001", pbx.collected.cdr().caller());
        assertEquals("1002", pbx.collected.cdr().callee(), "the CDR's callee is the number dialled (its API says so)");
        assertTrue(pbx.collected.cdr().answeredBy().startsWith("1004@"), "and who answered: " + pbx.collected.cdr().answeredBy());
        assertEquals("1004", pbx.collected.cdr().finalCallee(), "and the last forwarding target");
    }

    @Test
    void busyForwardingSendsTheCallOnWhenEveryDeviceIsBusy() {
        install("forwarding", forwarding(Map.of("1002", "1003"), "user-busy"), DetectionPoint.BUSY);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals(List.of("BUSY:1002"), asked);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertTrue(Phone.values(toCarol.request(), "Diversion").contains("reason=user-busy"));
        assertTrue(invite.statuses().contains(181));
        carol.reply(toCarol, 486);
        assertEquals(486, invite.finalStatus(), "1003 is busy too and has no forwarding");
    }

    @Test
    void noAnswerForwardingCancelsTheRingingDeviceAndCallsTheTarget() {
        install("forwarding", forwarding(Map.of("1002", "1003"), "no-answer"), DetectionPoint.NO_ANSWER);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofSeconds(pbx.config.ringTimeout));
        assertEquals(1, wire.sent("CANCEL", bob).size(), "the ringing device is cancelled");
        bob.reply(toBob, 487);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 486);
        assertEquals(486, invite.finalStatus());
    }

    @Test
    void unreachableForwardingTakesCallsForAnExtensionWithoutDevices() {
        install("forwarding", forwarding(Map.of("1005", "1003"), "unavailable"), DetectionPoint.UNREACHABLE);
        TestServerRequest invite = alice.invite("1005", alice.sdp());
        assertEquals(List.of("UNREACHABLE:1005"), asked);
        carol.reply(wire.one("INVITE", carol), 486);
        assertEquals(486, invite.finalStatus());
    }

    @Test
    void aForwardingLoopIsRefusedWith482() {
        install("forwarding", forwarding(Map.of("1002", "1003", "1003", "1002"), "unconditional"), DetectionPoint.ROUTED);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(482, invite.finalStatus());
        assertEquals(List.of(), wire.all().stream().filter(s -> s.request().getMethod().equals("INVITE")).toList());
        assertEquals(CallTag.ROUTING_FAILURE, pbx.collected.cdr().tag());
        assertEquals(25, pbx.collected.cdr().q850Cause());
    }

    @Test
    void moreHopsThanAllowedIsRefusedWith483() {
        pbx.config.maxForwardingHops = 1;
        install("forwarding", forwarding(Map.of("1002", "1003", "1003", "1004"), "unconditional"), DetectionPoint.ROUTED);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(483, invite.finalStatus());
    }

    @Test
    void aRejectingServiceEndsTheCallWithItsStatusCauseAndTag() {
        install("screening", request -> request.caller().equals("1001")
                ? Outcome.reject(603, "Decline", 21, "Caller on the black list", CallTag.CALLEE_REJECTED) : null, DetectionPoint.ORIGINATING);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(603, invite.finalStatus());
        assertEquals("Q.850;cause=21;text=\"Caller on the black list\"", Phone.value(invite.last(), "Reason"));
        assertEquals(List.of(), wire.sent("INVITE", bob));
        assertEquals(21, pbx.collected.cdr().q850Cause());
    }

    @Test
    void aServiceThatThrowsIsSkippedAndTheCallGoesOn() {
        install("broken", request -> {
            throw new IllegalStateException("plugin bug");
        }, DetectionPoint.ORIGINATING, DetectionPoint.ROUTED);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals(486, invite.finalStatus());
        assertEquals(2, pbx.b2bua().services().get(0).failed(), "counted once per point");
    }

    @Test
    void aRemovedServiceBundleLeavesLiveCallsRunningWithoutIt() {
        CallService forwarding = forwarding(Map.of("1002", "1003"), "user-busy");
        install("forwarding", forwarding, DetectionPoint.BUSY);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        pbx.b2bua().removeService(forwarding);
        bob.reply(toBob, 486);
        assertEquals(486, invite.finalStatus(), "nobody forwards any more: the busy answer stands");
        assertEquals(List.of(), asked);
    }

    @Test
    void aConnectOutcomeIsRefusedUntilMediaApplicationsExist() {
        install("voicemail", request -> Outcome.connect("voicemail", Map.of("box", "1002")), DetectionPoint.ROUTED);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(503, invite.finalStatus());
        assertTrue(invite.last().getReasonPhrase().contains("Media Application"), invite.last().getReasonPhrase());
    }
}
