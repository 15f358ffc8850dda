package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.routing.Route;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * A media application's Outcome.Redirect: the caller the engine answered hears ringback from the endpoint while the
 * target rings with the caller's SDP relayed; the target's 200 moves the caller by a re-INVITE (continuing the
 * engine's o= line) and the endpoint closes; busy, no answer, a DND member and the caller hanging up end it.
 */
class ApplicationRedirectScenariosTest extends ScenarioTest {
    private final TerminatingGateway engine = new TerminatingGateway("mem");
    private final Phone carol = pbx.registered("1003", 13);
    private final Phone dave = pbx.registered("1004", 14);
    /** Where the application sends its caller ("press 1 for sales"). */
    private volatile String target = "1003";

    private final MediaApplication desk = leg -> CompletableFuture.completedFuture(Outcome.redirect(target, "deflection"));

    @BeforeEach
    void engineAndApplication() {
        pbx.config.mediaEngine = "mem";
        pbx.config.ringTimeout = 20;
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
        pbx.b2bua().addApplication(desk, Map.of(MediaApplication.NAME, "desk"));
        pbx.b2bua().addRouter(r -> switch (r.dialled()) {
            case "500" -> new Route.ToApplication("desk", Map.of("country", "de"));
            case "2000" -> new Route.Hunt(List.of("1003", "1004"), 8);
            case "666" -> new Route.Reject(403, "Barred for this caller", CallTag.ROUTING_FAILURE);
            default -> null;
        }, Map.of("service.ranking", 10));
    }

    /** Alice calls the application, acks its 200: the application redirects at once. */
    private void callTheDesk(String sdp) {
        assertEquals(200, alice.invite("500", sdp).finalStatus());
        alice.ack(sdp == null ? alice.sdp() : null);
    }

    @Test
    void theTargetAnswersAndTheCallerIsMovedToItThroughTheRelay() throws Exception {
        String aliceSdp = alice.sdp();
        callTheDesk(aliceSdp);
        TerminatingGateway.Leg endpoint = engine.leg();
        assertTrue(endpoint.calls.contains("tone RINGBACK de"), "ringback with the application's country: " + endpoint.calls);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertEquals(aliceSdp.replace("c=IN IP4 127.0.1.11", "c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLEE), toCarol.body(),
                "the target gets the caller's SDP through the relay");
        assertEquals("offer CALLER 127.0.1.11->127.0.1.13", ((MemoryMediaGateway.Session) engine.sessions().get(0)).calls.get(0));
        carol.reply(toCarol, 180);
        assertEquals(List.of(), wire.sent("INVITE", alice), "the caller hears ringback from the endpoint, no re-INVITE yet");
        assertFalse(endpoint.closed());

        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(1, wire.sent("ACK", carol).size());
        RecordingSip.Sent reinvite = wire.one("INVITE", alice);
        String offer = reinvite.body();
        assertTrue(offer.contains("o=plugboard 1 2 IN IP4 " + TerminatingGateway.ADDRESS + "\r\n"),
                "the engine's o= line goes on, its version one up: " + offer);
        assertTrue(offer.contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLER), "the relay's address toward the caller: " + offer);
        assertFalse(endpoint.closed(), "the endpoint stays until the caller has moved");
        alice.reply(reinvite, 200, alice.sdp());
        assertEquals(1, wire.sent("ACK", alice).size(), "the caller's 200 is acknowledged");
        assertTrue(endpoint.closedLatch.await(5, TimeUnit.SECONDS), "the endpoint is closed");
        assertEquals(List.of(), wire.sent("BYE"));

        var call = pbx.b2bua().calls().get(0);
        assertEquals("1001", call.caller());
        assertEquals("1003", call.callee());

        assertEquals(200, carol.send("BYE", null).finalStatus());
        assertEquals(1, wire.sent("BYE", alice).size(), "the target's BYE ends the caller's side");
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals("500", cdr.callee(), "the number dialled");
        assertEquals("1003", cdr.finalCallee(), "the final callee is the target");
        assertTrue(cdr.reason().startsWith("Transferred by media application 'desk' to 1003"), cdr.reason());
        assertTrue(cdr.answeredBy().startsWith("1003@"), cdr.answeredBy());
    }

    @Test
    void theCallerHangsUpAfterTheMoveAndTheTargetGetsBye() {
        callTheDesk(alice.sdp());
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        RecordingSip.Sent reinvite = wire.one("INVITE", alice);
        assertEquals(491, alice.send("INVITE", alice.sdp("sendonly")).finalStatus(), "glare with our re-INVITE");
        alice.reply(reinvite, 200, alice.sdp());
        assertEquals(200, alice.send("BYE", null).finalStatus());
        assertEquals(1, wire.sent("BYE", carol).size());
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void theTargetHangingUpBeforeTheCallerMovedEndsTheCall() throws Exception {
        callTheDesk(alice.sdp());
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        RecordingSip.Sent reinvite = wire.one("INVITE", alice);
        assertEquals(200, carol.send("BYE", null).finalStatus());
        wire.one("BYE", alice);
        alice.reply(reinvite, 200, alice.sdp());
        assertEquals(1, wire.sent("ACK", alice).size(), "the caller's late 200 still gets its ACK");
        assertTrue(engine.leg().closedLatch.await(5, TimeUnit.SECONDS));
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void aCallerRefusingTheNewMediaEndsTheCall() {
        callTheDesk(alice.sdp());
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        alice.reply(wire.one("INVITE", alice), 488);
        assertEquals(1, wire.sent("BYE", carol).size());
        assertEquals(1, wire.sent("BYE", alice).size());
        assertTrue(pbx.collected.cdr().reason().contains("the caller refused the new media (488"), pbx.collected.cdr().reason());
    }

    @Test
    void anUpdateOfTheCallsBundleGivesUpTheRedirectAndCancelsTheTarget() throws Exception {
        callTheDesk(alice.sdp());
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        pbx.update();
        assertTrue(engine.leg().closedLatch.await(5, TimeUnit.SECONDS), "the endpoint is closed");
        carol.reply(toCarol, 180);
        carol.reply(wire.one("CANCEL", carol), 200);
        carol.reply(toCarol, 487);
        assertEquals(List.of(), wire.sent("INVITE", alice), "the caller is not moved");
        assertEquals(200, alice.send("BYE", null).finalStatus());
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void aLateOfferCallerOffersTheSdpOfItsAck() {
        callTheDesk(null);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertTrue(toCarol.body().contains("o=1001 1000"), "the caller's SDP from its ACK: " + toCarol.body());
        carol.reply(toCarol, 486);
        wire.one("BYE", alice);
    }

    @Test
    void aBusyTargetHangsUpOnTheCallerWithCause17() throws Exception {
        callTheDesk(alice.sdp());
        carol.reply(wire.one("INVITE", carol), 486);
        assertEquals("Q.850;cause=17;text=\"Transfer from media application 'desk' to 1003 failed: 486 Busy here\"",
                Phone.value(wire.one("BYE", alice).request(), "Reason"));
        assertTrue(engine.leg().closedLatch.await(5, TimeUnit.SECONDS));
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals("Transfer from media application 'desk' to 1003 failed: 486 Busy here", cdr.reason());
        assertEquals(CallTag.CALLEE_REJECTED, cdr.tag());
    }

    @Test
    void noAnswerWithinTheRingTimeoutCancelsTheTarget() {
        callTheDesk(alice.sdp());
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        pbx.advance(Duration.ofSeconds(19));
        assertEquals(List.of(), wire.sent("CANCEL"));
        pbx.advance(Duration.ofSeconds(1));
        carol.reply(wire.one("CANCEL", carol), 200);
        carol.reply(toCarol, 487);
        assertEquals("Q.850;cause=18;text=\"Transfer from media application 'desk' to 1003 failed: no answer within 20 s\"",
                Phone.value(wire.one("BYE", alice).request(), "Reason"));
        assertEquals(CallTag.RING_TIMEOUT, pbx.collected.cdr().tag());
    }

    @Test
    void theCallerHangingUpWhileTheTargetRingsCancelsIt() throws Exception {
        callTheDesk(alice.sdp());
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        assertEquals(200, alice.send("BYE", null).finalStatus());
        carol.reply(wire.one("CANCEL", carol), 200);
        carol.reply(toCarol, 487);
        assertTrue(engine.leg().closedLatch.await(5, TimeUnit.SECONDS));
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
        assertEquals(List.of(), wire.sent("BYE"));
    }

    @Test
    void aHuntGroupRingsItsMembersAtOnceAndTheFirstAnswerWins() {
        target = "2000";
        callTheDesk(alice.sdp());
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        RecordingSip.Sent toDave = wire.one("INVITE", dave);
        carol.reply(toCarol, 180);
        dave.reply(toDave, 200, dave.sdp());
        carol.reply(wire.one("CANCEL", carol), 200);
        carol.reply(toCarol, 487);
        alice.reply(wire.one("INVITE", alice), 200, alice.sdp());
        assertEquals("1004", wire.one("ACK", dave).request().getRequestURI().toString().replaceAll("sip:(\\d+)@.*", "$1"));
        assertEquals(200, dave.send("BYE", null).finalStatus());
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals("2000", cdr.finalCallee());
        assertTrue(cdr.answeredBy().startsWith("1004@"), cdr.answeredBy());
    }

    @Test
    void aTargetInDoNotDisturbIsNotRungAndTheCallerHearsBusy() {
        pbx.b2bua().addService(r -> r.servedUser().equals("1003") ? Outcome.busy(CallTag.DO_NOT_DISTURB, "1003 has do-not-disturb on")
                : null, Map.of(CallService.NAME, "dnd", CallService.POINTS, new String[] {DetectionPoint.ROUTED.name()}));
        callTheDesk(alice.sdp());
        assertEquals(List.of(), wire.sent("INVITE", carol));
        String reason = Phone.value(wire.one("BYE", alice).request(), "Reason");
        assertTrue(reason.startsWith("Q.850;cause=17;text=\"Transfer from media application 'desk' to 1003 failed: 486 Busy Here"), reason);
        assertEquals(CallTag.DO_NOT_DISTURB, pbx.collected.cdr().tag());
    }

    @Test
    void aRoutersRejectFailsTheRedirectWithItsStatus() {
        target = "666";
        callTheDesk(alice.sdp());
        assertEquals("Q.850;cause=21;text=\"Transfer from media application 'desk' to 666 failed: 403 Barred for this caller\"",
                Phone.value(wire.one("BYE", alice).request(), "Reason"));
        assertEquals(CallTag.ROUTING_FAILURE, pbx.collected.cdr().tag());
    }

    @Test
    void aNumberWithNowhereToRingFailsTheRedirect() {
        target = "1009"; // an extension without a registered device
        callTheDesk(alice.sdp());
        String reason = Phone.value(wire.one("BYE", alice).request(), "Reason");
        assertTrue(reason.startsWith("Q.850;cause="), reason);
        assertTrue(reason.contains("to 1009 failed"), reason);
        assertEquals(List.of(), wire.sent("INVITE", carol));
    }
}
