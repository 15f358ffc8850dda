package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.routing.Route;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * Outcome.Connect through the B2BUA: the engine answers the caller, the application found by its name runs at the
 * ACK with the service's parameters, drives the leg, and its outcome ends the call; the caller hanging up, a
 * re-offer, SIP INFO digits, a late offer, and the refusals when the application or the engine is missing.
 */
class ApplicationScenariosTest extends ScenarioTest {
    private final TerminatingGateway engine = new TerminatingGateway("mem");
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();

    /** Welcome, four digits (or #), then the outcome for what was typed. */
    private final MediaApplication ivr = leg -> {
        seen.add("run " + leg.caller() + " for " + leg.servedUser() + " " + new java.util.TreeMap<>(leg.parameters()));
        return leg.play("welcome", true)
                .thenCompose(v -> leg.collect(4, "#", Duration.ofSeconds(5)))
                .handle((digits, error) -> {
                    if (error != null) {
                        failure.complete(error);
                        return Outcome.proceed();
                    }
                    seen.add("digits " + digits);
                    return digits.equals("0000") ? Outcome.reject(403, "Forbidden", 21, "Wrong PIN", CallTag.CALLEE_REJECTED)
                            : Outcome.proceed();
                });
    };

    @BeforeEach
    void engineAndService() {
        pbx.config.mediaEngine = "mem";
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
        pbx.b2bua().addService(r -> r.dialled().equals("1002") ? Outcome.connect("ivr", Map.of("box", "1002")) : null,
                Map.of(CallService.NAME, "vm", CallService.POINTS, new String[] {DetectionPoint.ROUTED.name()}));
        pbx.b2bua().addApplication(ivr, Map.of(MediaApplication.NAME, "ivr"));
    }

    @Test
    void aNumberRoutedToAnApplicationIsAnsweredByItForThatNumber() throws Exception {
        pbx.b2bua().addRouter(r -> r.dialled().equals("500") ? new Route.ToApplication("ivr", Map.of("menu", "main")) : null,
                Map.of("service.ranking", 10));
        TestServerRequest invite = alice.invite("500", alice.sdp());
        assertEquals(200, invite.finalStatus());
        assertEquals(List.of("created", "answered"), pbx.collected.events, "listeners hear the application's answer");
        assertEquals(List.of(), wire.sent("INVITE", bob), "nobody rings");
        alice.ack(null);
        assertEquals(List.of("run 1001 for 500 {caller.address=127.0.1.11, menu=main}"), seen);
        engine.leg().digits("#");
        wire.one("BYE", alice);
        assertEquals("500", pbx.collected.cdr().callee());
        assertEquals(List.of("created", "answered", "released"), pbx.collected.events);
    }

    @Test
    void aDidTranslatedToAnApplicationsNumberIsAnsweredByIt() throws Exception {
        pbx.b2bua().addRouter(r -> switch (r.dialled()) {
            case "0301234" -> new Route.ToExtension("500"); // a line's or trunk's DID entry
            case "500" -> new Route.ToApplication("ivr", Map.of("menu", "main"));
            default -> null;
        }, Map.of("service.ranking", 10));
        TestServerRequest invite = alice.invite("0301234", alice.sdp());
        assertEquals(200, invite.finalStatus());
        alice.ack(null);
        assertEquals(List.of("run 1001 for 500 {caller.address=127.0.1.11, menu=main}"), seen, "served for the IVR's number, not the DID");
        engine.leg().digits("#");
        wire.one("BYE", alice);
        assertEquals("0301234", pbx.collected.cdr().callee());
    }

    @Test
    void theEngineAnswersTheApplicationRunsAtTheAckAndItsEndHangsUp() throws Exception {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(200, invite.finalStatus());
        assertTrue(Phone.body(invite.last()).contains("c=IN IP4 " + TerminatingGateway.ADDRESS), "the engine's SDP");
        assertEquals(List.of(), wire.sent("INVITE", bob), "nobody rings");
        TerminatingGateway.Leg leg = engine.leg();
        assertEquals(List.of("answer 127.0.1.11"), leg.calls, "the caller's offer, from the caller's address");
        assertEquals(List.of(), seen, "nothing runs before the ACK");
        alice.ack(null);
        assertEquals(List.of("run 1001 for 1002 {box=1002, caller.address=127.0.1.11}"), seen);
        assertTrue(leg.calls.get(1).matches("play .*prompts/en/welcome\\.wav stop 0123456789\\*#ABCD"), leg.calls.get(1));
        assertEquals("collect 4 #", leg.calls.get(2));
        assertEquals(List.of(), wire.sent("BYE"));
        leg.digits("1234");
        assertEquals("digits 1234", seen.get(1));
        wire.one("BYE", alice);
        assertTrue(leg.closedLatch.await(5, TimeUnit.SECONDS), "the endpoint is closed");
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
        assertEquals(Disposition.ANSWERED, pbx.collected.cdr().disposition());
        assertEquals("Media application 'ivr' ended", pbx.collected.cdr().reason());
    }

    @Test
    void aRejectOutcomeHangsUpWithItsCause() {
        alice.invite("1002", alice.sdp());
        alice.ack(null);
        engine.leg().digits("0000");
        assertEquals("Q.850;cause=21;text=\"Wrong PIN\"", Phone.value(wire.one("BYE", alice).request(), "Reason"));
        assertEquals(CallTag.CALLEE_REJECTED, pbx.collected.cdr().tag());
    }

    @Test
    void theCallerHangingUpEndsTheApplicationsStagesAndClosesTheEndpoint() throws Exception {
        alice.invite("1002", alice.sdp());
        alice.ack(null);
        assertEquals(200, alice.send("BYE", null).finalStatus());
        assertTrue(engine.leg().closedLatch.await(5, TimeUnit.SECONDS));
        Throwable gone = failure.get(5, TimeUnit.SECONDS);
        assertInstanceOf(ApplicationLeg.LegGoneException.class, gone.getCause() != null ? gone.getCause() : gone,
                "the collection the application waits on fails: the leg is gone");
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
        assertEquals(List.of(), wire.sent("BYE"), "no BYE back to the caller");
    }

    @Test
    void aReOfferIsAnsweredByTheEngineAndSipInfoDigitsReachIt() {
        alice.invite("1002", alice.sdp());
        alice.ack(null);
        TestServerRequest hold = alice.send("INVITE", alice.sdp("sendonly"));
        assertEquals(200, hold.finalStatus());
        assertTrue(Phone.body(hold.last()).contains("a=recvonly"), Phone.body(hold.last()));
        assertEquals("answer 127.0.1.11 sendonly", engine.leg().calls.get(3));
        alice.ack(null);
        assertEquals(200, alice.send("INFO", "Signal=5\r\nDuration=160\r\n", "Content-Type: application/dtmf-relay").finalStatus());
        assertEquals(List.of('5'), engine.leg().signalled);
        engine.leg().digits("5");
        wire.one("BYE", alice);
    }

    @Test
    void aLateOfferGetsTheEnginesOfferAndTheAnswerInTheAck() {
        TestServerRequest invite = alice.invite("1002", null);
        assertTrue(Phone.body(invite.last()).contains("c=IN IP4 " + TerminatingGateway.ADDRESS));
        assertEquals(List.of("offer 127.0.1.11"), engine.leg().calls);
        alice.ack(alice.sdp());
        assertEquals("answered 127.0.1.11", engine.leg().calls.get(1));
        assertEquals(1, seen.size(), "the application runs");
        engine.leg().digits("1");
        wire.one("BYE", alice);
    }

    @Test
    void noSuchApplicationOrNoEngineThatTerminatesLegsIsRefusedWith503NamingTheFault() {
        pbx.b2bua().removeApplication(ivr);
        TestServerRequest first = alice.invite("1002", alice.sdp());
        pbx.advance(java.time.Duration.ofMillis(ServiceGaps.GRACE_MILLIS)); // it may have been a bundle update: waited for
        assertEquals(503, first.finalStatus());
        assertEquals("Q.850;cause=63;text=\"Media application 'ivr' is not available\"", Phone.value(first.last(), "Reason"));
        pbx.b2bua().addApplication(ivr, Map.of(MediaApplication.NAME, "ivr"));
        pbx.b2bua().removeMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
        pbx.b2bua().addMediaGateway(new MemoryMediaGateway("mem"), Map.of(MediaGateway.ENGINE, "mem"));
        TestServerRequest second = alice.invite("1002", alice.sdp());
        assertEquals(503, second.finalStatus());
        assertEquals("No Media Engine For Applications", second.last().getReasonPhrase());
        String fault = "Media application 'ivr': no media engine can play, record or collect digits: 'mem' relays only, "
                + "'local' is not available";
        assertTrue(Phone.value(second.last(), "Reason").startsWith("Q.850;cause=63;text=\"" + fault), Phone.value(second.last(), "Reason"));
        var cdr = pbx.collected.released.get(1);
        assertTrue(cdr.reason().startsWith(fault), cdr.reason());
        assertEquals(CallTag.MEDIA_FAILURE, cdr.tag());
        assertEquals(63, cdr.q850Cause());
        assertEquals(List.of(), engine.legs, "no endpoint was opened");
    }

    @Test
    void aRelayOnlyEngineLeavesApplicationsToTheApplicationEngineChosenPerCall() {
        pbx.b2bua().removeMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
        pbx.b2bua().addMediaGateway(new MemoryMediaGateway("mem"), Map.of(MediaGateway.ENGINE, "mem"));
        TerminatingGateway apps = new TerminatingGateway("apps");
        pbx.config.mediaApplicationEngine = "apps";
        pbx.b2bua().addMediaGateway(apps, Map.of(MediaGateway.ENGINE, "apps"));
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(200, invite.finalStatus());
        assertTrue(Phone.body(invite.last()).contains("c=IN IP4 " + TerminatingGateway.ADDRESS), "the application engine's SDP");
        alice.ack(null);
        assertEquals(1, seen.size(), "the application runs");
        apps.leg().digits("1");
        wire.one("BYE", alice);
        assertEquals(List.of(), engine.legs);
    }

    @Test
    void anEngineThatAnswersLaterDoesNotHoldTheStrandAndACancelMeanwhileClosesItsEndpoint() throws Exception {
        engine.gate = new CompletableFuture<>();
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(List.of(), engine.legs, "the engine has not answered yet");
        assertEquals(200, alice.cancel().finalStatus(), "the strand is free: the CANCEL is handled");
        assertEquals(487, invite.finalStatus());
        engine.gate.complete(null);
        assertTrue(engine.leg().closedLatch.await(5, TimeUnit.SECONDS), "the late endpoint is closed at once");
        assertEquals(List.of(), seen, "the application never runs");
    }

    @Test
    void anEngineThatAnswersLaterAnswersTheCallerThen() {
        engine.gate = new CompletableFuture<>();
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(List.of(), engine.legs);
        engine.gate.complete(null);
        assertEquals(200, invite.finalStatus());
        alice.ack(null);
        engine.leg().digits("1");
        wire.one("BYE", alice);
    }

    @Test
    void anEngineThatFailsToOpenRefusesWith503() {
        engine.gate = CompletableFuture.failedFuture(new org.plugboard.api.media.MediaException(
                org.plugboard.api.media.MediaException.Kind.NO_PORTS, "no free ports on the media node"));
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(503, invite.finalStatus());
        assertTrue(Phone.value(invite.last(), "Reason").contains("no free ports on the media node"), Phone.value(invite.last(), "Reason"));
    }

    @Test
    void anUpdateOfTheCallsBundleEndsTheApplicationAndTheCallerCanStillHangUp() throws Exception {
        alice.invite("1002", alice.sdp());
        alice.ack(null);
        pbx.update();
        assertTrue(engine.leg().closedLatch.await(5, TimeUnit.SECONDS), "the endpoint is closed, its ports given back");
        assertEquals(List.of(), wire.sent("BYE"), "the old version's application outcome is ignored");
        assertEquals(200, alice.send("BYE", null).finalStatus());
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }
}
