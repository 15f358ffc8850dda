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
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.routing.Route;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * The outcomes of service API 1.1 through the B2BUA: busy treatment (then forwarding on busy), a per-extension
 * ring time before no answer, a confirmed feature code (200 without media, BYE after the ACK), and a phone's 3xx
 * followed as a forwarding hop.
 */
class ServiceOutcomesScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    private final List<String> asked = new ArrayList<>();

    private void install(String name, CallService service, DetectionPoint... points) {
        pbx.b2bua().addService(service, Map.of(CallService.NAME, name, CallService.POINTS,
                java.util.Arrays.stream(points).map(Enum::name).toArray(String[]::new)));
    }

    private CallService dnd(String extension) {
        return r -> {
            asked.add(r.point() + ":" + r.servedUser());
            return r.servedUser().equals(extension) ? Outcome.busy(CallTag.DO_NOT_DISTURB, "DND on for " + extension) : null;
        };
    }

    @Test
    void busyTreatmentRefuses486WithTheServicesTagWhenNothingForwards() {
        install("dnd", dnd("1002"), DetectionPoint.ROUTED);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(486, invite.finalStatus());
        assertEquals("Q.850;cause=17;text=\"DND on for 1002\"", Phone.value(invite.last(), "Reason"));
        assertEquals(List.of(), wire.sent("INVITE", bob), "the DND phone never rings");
        assertEquals(CallTag.DO_NOT_DISTURB, pbx.collected.cdr().tag());
        assertEquals(Disposition.BUSY, pbx.collected.cdr().disposition());
    }

    @Test
    void aCallFromALineByDidRunsTheServicesOfTheExtensionTheDidReaches() {
        pbx.b2bua().addRouter(r -> r.dialled().equals("0305678") ? new Route.ToExtension("1002") : null,
                Map.of("service.ranking", 10));
        install("dnd", dnd("1002"), DetectionPoint.ROUTED);
        Phone carrier = new Phone("0612345678", "127.0.2.5", 5060, wire, pbx).profile("line:carrier");
        TestServerRequest invite = carrier.invite("0305678", carrier.sdp());
        assertEquals(486, invite.finalStatus());
        assertTrue(asked.contains("ROUTED:1002"), asked.toString());
        assertEquals(List.of(), wire.sent("INVITE", bob), "the DND phone never rings for its DID either");
        assertEquals(CallTag.DO_NOT_DISTURB, pbx.collected.cdr().tag());
    }

    @Test
    void aCallFromALineByDidIsForwardedToAnInternalNumberRoutedAsThePbxDialsIt() {
        pbx.b2bua().addRouter(r -> r.sourceProfile().startsWith("line:") // what the dial plan does for a line's calls
                ? (r.dialled().equals("0305678") ? new Route.ToExtension("1002") : new Route.Reject(404, "No DID " + r.dialled(),
                        CallTag.ROUTING_FAILURE))
                : null, Map.of("service.ranking", 10));
        install("forwarding", r -> r.servedUser().equals("1002") ? Outcome.redirect("1003", "unconditional") : null,
                DetectionPoint.ROUTED);
        Phone carrier = new Phone("0612345678", "127.0.2.5", 5060, wire, pbx).profile("line:carrier");
        carrier.invite("0305678", carrier.sdp());
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertEquals(List.of(), wire.sent("INVITE", bob));
        carol.reply(toCarol, 486);
        assertEquals("1003", pbx.collected.cdr().finalCallee(), "not 'No DID 1003 on line:carrier'");
    }

    @Test
    void busyTreatmentFollowsForwardingOnBusy() {
        install("dnd", dnd("1002"), DetectionPoint.ROUTED);
        install("forwarding", r -> {
            asked.add(r.point() + ":" + r.servedUser() + ":" + r.failureStatus());
            return r.servedUser().equals("1002") ? Outcome.redirect("1003", "user-busy") : null;
        }, DetectionPoint.BUSY);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertTrue(asked.contains("BUSY:1002:486"), asked.toString());
        assertEquals(List.of(), wire.sent("INVITE", bob));
        carol.reply(toCarol, 200, carol.sdp());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals("1002", pbx.collected.cdr().callee());
        assertEquals("1003", pbx.collected.cdr().finalCallee());
        assertTrue(invite.statuses().contains(181), invite.statuses().toString());
    }

    @Test
    void aServiceRingTimeShortensTheRingBeforeNoAnswer() {
        install("cfnr-time", r -> r.servedUser().equals("1002") ? Outcome.ringTimeout(5) : null, DetectionPoint.ROUTED);
        install("cfnr", r -> Outcome.redirect("1003", "no-answer"), DetectionPoint.NO_ANSWER);
        alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofSeconds(4));
        assertEquals(List.of(), wire.sent("CANCEL", bob), "still ringing at 4 s");
        pbx.advance(Duration.ofSeconds(1));
        assertEquals(1, wire.sent("CANCEL", bob).size(), "no answer at 5 s, not at the configured " + pbx.config.ringTimeout + " s");
        bob.reply(toBob, 487);
        carol.reply(wire.one("INVITE", carol), 486);
    }

    @Test
    void theRingTimeIsDecidedAgainForEachForwardingTarget() {
        install("cfnr-time", r -> r.servedUser().equals("1002") ? Outcome.ringTimeout(5) : null, DetectionPoint.ROUTED);
        install("cfu", r -> r.servedUser().equals("1002") ? null : Outcome.proceed(), DetectionPoint.ROUTED);
        install("cfb", r -> r.servedUser().equals("1002") ? Outcome.redirect("1003", "user-busy") : null, DetectionPoint.BUSY);
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 486);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        pbx.advance(Duration.ofSeconds(6));
        assertEquals(List.of(), wire.sent("CANCEL", carol), "1003 rings for the configured time, not 1002's 5 s");
        pbx.advance(Duration.ofSeconds(pbx.config.ringTimeout));
        assertEquals(1, wire.sent("CANCEL", carol).size());
        carol.reply(toCarol, 487);
        assertEquals(480, invite.finalStatus());
    }

    @Test
    void aConfirmedFeatureCodeAnswersWithoutMediaThenHangsUp() {
        install("codes", r -> r.dialled().equals("*78") ? Outcome.confirm("DND on for " + r.caller()) : null, DetectionPoint.ORIGINATING);
        TestServerRequest invite = alice.invite("*78", alice.sdp());
        Response ok = invite.last();
        assertEquals(200, ok.getStatusCode());
        String sdp = new String(ok.getRawContent(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(sdp.contains("m=audio 0 RTP/AVP"), "every offered stream refused: " + sdp);
        assertTrue(!sdp.matches("(?s).*m=\\S+ [1-9].*"), "no stream with a port: " + sdp);
        assertEquals(List.of(), wire.sent("BYE"), "no BYE before the ACK");
        alice.ack(null);
        wire.one("BYE", alice);
        assertEquals(CallTag.FEATURE_CODE, pbx.collected.cdr().tag());
        assertEquals("DND on for 1001", pbx.collected.cdr().reason());
        assertEquals(List.of(), wire.sent("INVITE", bob));
    }

    @Test
    void aPhonesRedirectIsFollowedAsAForwardingHop() {
        alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 302, null, "Contact: <sip:1003@127.0.0.1>");
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        String diversion = Phone.values(toCarol.request(), "Diversion");
        assertTrue(diversion.contains("sip:1002@") && diversion.contains("reason=deflection"), diversion);
        carol.reply(toCarol, 200, carol.sdp());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals("1003", pbx.collected.cdr().finalCallee());
    }

    @Test
    void aRedirectWithoutContactEndsTheCallWithItsStatus() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 302);
        assertEquals(302, invite.finalStatus());
    }
}
