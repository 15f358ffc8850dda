package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.routing.Route;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.sip.NextHop;

/**
 * Who is anonymous (issue 13: From anonymous, {@code Privacy: id}, or no usable caller number), as the services and
 * the callee see it. An extension that hides its number is still authenticated as itself (the CDR's caller), but
 * its callee gets {@code "Anonymous" <sip:anonymous@anonymous.invalid>} and the services {@code callerAnonymous}.
 */
class AnonymousCallerScenariosTest extends ScenarioTest {
    private static final String ANONYMOUS_FROM = "\"Anonymous\" <sip:anonymous@anonymous.invalid>";
    private final List<String> seen = new ArrayList<>();

    /** A ROUTED service that notes what it is told about the caller and lets the call go on. */
    private void watchCaller() {
        pbx.b2bua().addService((CallService) r -> {
            seen.add(r.caller() + (r.callerAnonymous() ? " anonymous" : " known"));
            return Outcome.proceed();
        }, Map.of(CallService.NAME, "watch", CallService.POINTS, new String[] {"ROUTED"}));
    }

    /** 1001 authenticates, sending this From and these headers; bob gets the INVITE, which is returned. */
    private RecordingSip.Sent authenticatedCall(String from, String... headers) {
        pbx.config.authenticate = true;
        alice.from(from);
        alice.invite("1002", alice.sdp(), headers);
        List<String> all = new ArrayList<>(List.of(headers));
        all.add(TestAuthenticator.credentials("1001", true));
        alice.inviteAgain(all.toArray(String[]::new));
        return wire.one("INVITE", bob);
    }

    private void answerAndHangUp(RecordingSip.Sent toBob) {
        bob.reply(toBob, 200, bob.sdp());
        alice.ack(null);
        alice.send("BYE", null);
    }

    @Test
    void anExtensionWithAnAnonymousFromAndNoPrivacyIsAnonymousToServicesAndTheCallee() {
        watchCaller();
        RecordingSip.Sent toBob = authenticatedCall(ANONYMOUS_FROM);
        assertEquals(List.of("1001 anonymous"), seen, "still 1001 for permissions, anonymous for the callee's services");
        assertEquals(ANONYMOUS_FROM, Phone.value(toBob.request(), "From").replaceAll(";tag=.*", ""));
        assertFalse(Phone.value(toBob.request(), "Contact").contains("1001"), Phone.value(toBob.request(), "Contact"));
        assertNull(Phone.value(toBob.request(), "Privacy"), "our own phone gets the anonymous From itself");
        answerAndHangUp(toBob);
        assertEquals("1001", pbx.collected.cdr().caller(), "the CDR names who really called");
    }

    @Test
    void privacyIdHidesTheNumberOfAnExtensionFromItsCallee() {
        watchCaller();
        RecordingSip.Sent toBob = authenticatedCall("\"Alice\" <sip:1001@" + RecordingSip.PBX_HOST + ">", "Privacy: id");
        assertEquals(List.of("1001 anonymous"), seen);
        assertEquals(ANONYMOUS_FROM, Phone.value(toBob.request(), "From").replaceAll(";tag=.*", ""));
        answerAndHangUp(toBob);
    }

    @Test
    void aCallerThatHidesNothingIsKnown() {
        watchCaller();
        RecordingSip.Sent toBob = authenticatedCall("\"Alice\" <sip:1001@" + RecordingSip.PBX_HOST + ">", "Privacy: none");
        assertEquals(List.of("1001 known"), seen);
        assertTrue(Phone.value(toBob.request(), "From").startsWith("\"Alice\" <sip:1001@"), Phone.value(toBob.request(), "From"));
        answerAndHangUp(toBob);
    }

    @Test
    void aTrunkCallerWithoutAUsableNumberIsAnonymous() {
        watchCaller();
        Phone carrier = pbx.phone("restricted", 50).profile("trunk:carrier");
        carrier.invite("1002", carrier.sdp());
        assertEquals(List.of("restricted anonymous"), seen);
        bob.reply(wire.one("INVITE", bob), 486);
    }

    @Test
    void anAnonymousCallOutOverALineKeepsTheLinesFromAndAsksTheProviderToWithholdIt() {
        Phone provider = new Phone("5550001", "127.0.2.5", 5060, wire, pbx);
        pbx.b2bua().addRouter(r -> r.dialled().startsWith("9") ? new Route.ToSip("sip:" + r.dialled().substring(1) + "@sip.carrier.example",
                new NextHop(provider.host, provider.port, "UDP"), "line:carrier", "+15550100") : null, Map.of("service.ranking", 10));
        alice.from(ANONYMOUS_FROM);
        alice.invite("95550001", alice.sdp());
        RecordingSip.Sent out = wire.one("INVITE", provider);
        assertTrue(Phone.value(out.request(), "From").contains("<sip:+15550100@sip.carrier.example>"), "the provider checks its From");
        assertEquals("id", Phone.value(out.request(), "Privacy"));
        provider.reply(out, 486);
    }

    @Test
    void whatCountsAsAnonymous() {
        assertFalse(Anonymity.usableNumber(null));
        assertFalse(Anonymity.usableNumber("anonymous"));
        assertFalse(Anonymity.usableNumber("Unavailable"));
        assertTrue(Anonymity.usableNumber("+4930123"));
        assertTrue(Anonymity.usableNumber("1001"));
    }
}
