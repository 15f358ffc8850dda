package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * Calls API 1.5 and service API 1.2 through the B2BUA: an operator's override rings an extension whatever its own
 * services say, a service's notes reach the call's record, and an answered call's media session is published for
 * recording and barge-in.
 */
class OperatorOutcomesScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    private final List<String> asked = new ArrayList<>();

    private void install(String name, CallService service, DetectionPoint... points) {
        pbx.b2bua().addService(service, Map.of(CallService.NAME, name, CallService.POINTS,
                java.util.Arrays.stream(points).map(Enum::name).toArray(String[]::new)));
    }

    private void installOperatorAndDnd() {
        install("operator", r -> r.dialled().startsWith("*87") ? new Outcome.Override(r.dialled().substring(3),
                "operator override by " + r.caller()) : null, DetectionPoint.ORIGINATING);
        install("dnd", r -> {
            asked.add(r.point() + ":" + r.servedUser());
            return r.servedUser().equals("1002") ? Outcome.busy(CallTag.DO_NOT_DISTURB, "DND on for 1002") : null;
        }, DetectionPoint.ROUTED, DetectionPoint.BUSY, DetectionPoint.NO_ANSWER);
    }

    @Test
    void anOverrideRingsAnExtensionInDndWithoutAskingItsServicesAndNotesIt() {
        installOperatorAndDnd();
        alice.invite("*871002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertEquals(List.of(), asked, "no terminating service of 1002 is asked");
        bob.reply(toBob, 200, bob.sdp());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals("1002", pbx.collected.cdr().finalCallee());
        assertEquals(List.of("operator override by 1001"), pbx.collected.cdr().notes());
    }

    @Test
    void anOverriddenCallThatIsBusyEndsBusyWithoutForwarding() {
        installOperatorAndDnd();
        TestServerRequest invite = alice.invite("*871002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals(486, invite.finalStatus());
        assertEquals(List.of(), asked, "busy services of 1002 are not asked either");
        assertEquals(List.of(), wire.sent("INVITE", carol));
    }

    @Test
    void anOverrideToSomethingButAnExtensionIsRefusedWithAReason() {
        install("operator", r -> r.dialled().startsWith("*87") ? new Outcome.Override("0049301234", "override") : null,
                DetectionPoint.ORIGINATING);
        TestServerRequest invite = alice.invite("*870049301234", alice.sdp());
        assertEquals(404, invite.finalStatus());
        assertTrue(pbx.collected.cdr().reason().contains("is not an extension"), pbx.collected.cdr().reason());
    }

    @Test
    void notesFromOutsideReachTheRecordAndTheMediaIsPublishedOnlyWhileAnswered() {
        pbx.config.mediaEngine = "mem";
        pbx.b2bua().addMediaGateway(new MemoryMediaGateway("mem"), Map.of(org.plugboard.api.media.MediaGateway.ENGINE, "mem"));
        alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        String id = pbx.b2bua().calls().get(0).id();
        assertEquals(Optional.empty(), pbx.b2bua().media(id), "not answered yet");
        bob.reply(toBob, 200, bob.sdp());
        alice.ack(null);
        assertTrue(pbx.b2bua().media(id).isPresent(), "an answered relayed call has its session published");
        assertTrue(pbx.b2bua().note(id, "recorded: /var/rec/a.wav"));
        assertTrue(pbx.b2bua().note(id, "x".repeat(600)));
        assertFalse(pbx.b2bua().note("nosuchcall", "lost"));
        alice.send("BYE", null);
        assertEquals(Optional.empty(), pbx.b2bua().media(id), "released");
        List<String> notes = pbx.collected.cdr().notes();
        assertEquals("recorded: /var/rec/a.wav", notes.get(0));
        assertEquals(500, notes.get(1).length(), "a note is cut to 500 characters");
    }

    @Test
    void servicesAskedAtAnsweredAlreadyFindTheCallsMedia() {
        pbx.config.mediaEngine = "mem";
        pbx.b2bua().addMediaGateway(new MemoryMediaGateway("mem"), Map.of(org.plugboard.api.media.MediaGateway.ENGINE, "mem"));
        List<Boolean> found = new ArrayList<>();
        install("recorder", r -> {
            found.add(pbx.b2bua().media(r.callId()).isPresent());
            return null;
        }, DetectionPoint.ANSWERED);
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals(List.of(true), found, "published before the ANSWERED services are asked, not after");
    }

    @Test
    void aCallWhoseMediaDoesNotGoThroughAnEngineHasNoSessionToRecord() {
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        alice.ack(null);
        assertEquals(Optional.empty(), pbx.b2bua().media(pbx.b2bua().calls().get(0).id()));
        alice.send("BYE", null);
    }

    @Test
    void answeredAndReleasedServicesSeeNoTargetProfileForAnExtensionsCall() {
        List<Optional<String>> seen = new ArrayList<>();
        install("rec", r -> {
            seen.add(((ServiceRequest) r).targetProfile());
            return null;
        }, DetectionPoint.ANSWERED, DetectionPoint.RELEASED);
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(1));
        alice.send("BYE", null);
        assertEquals(List.of(Optional.empty(), Optional.empty()), seen);
    }
}
