package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sip.header.ViaHeader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.routing.Route;
import org.plugboard.api.security.DigestClient;
import org.plugboard.api.security.SipCredentials;
import org.plugboard.api.sip.NextHop;

/** Calls out over a line (a {@code Route.ToSip}), including a provider that challenges our INVITE. */
class LineScenariosTest extends ScenarioTest {
    private static final String PROFILE = "line:carrier";
    private final Phone carrier = new Phone("5550001", "127.0.2.5", 5060, wire, pbx);

    @BeforeEach
    void lineRoutesNumbersStartingWith9() {
        pbx.b2bua().addRouter(r -> r.dialled().startsWith("9") ? new Route.ToSip("sip:" + r.dialled().substring(1) + "@sip.carrier.example",
                new NextHop(carrier.host, carrier.port, "UDP"), PROFILE, "+15550100") : null, Map.of("service.ranking", 10));
    }

    /** A digest client that marks the repeat instead of computing a digest (the registrar's is tested there). */
    private void credentials() {
        pbx.b2bua().addCredentials(profile -> PROFILE.equals(profile)
                ? Optional.of(new SipCredentials.Credentials("acct", "secret")) : Optional.empty(), Map.of());
        pbx.b2bua().setDigest(new DigestClient() {
            @Override
            public boolean authorize(javax.sip.message.Request request, javax.sip.message.Response challenge, String user, String password) {
                try {
                    request.setHeader(wire.headerFactory().createHeader("Proxy-Authorization", "Digest username=\"" + user + "\",response=\"x\""));
                    return true;
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** The sip bundle's local 503 for a TLS peer whose certificate is refused (no To tag: nobody answered). */
    @Test
    void aTransportFailureOfTheLineEndsTheCallAtOnceWithItsReasonForTheCallerAndTheCdr() throws Exception {
        TestServerRequest invite = alice.invite("95550001", alice.sdp());
        RecordingSip.Sent out = wire.one("INVITE", carrier);
        javax.sip.message.Response local = wire.messageFactory().createResponse(503, out.request());
        local.setReasonPhrase("TLS peer certificate not trusted: CN=carrier.example");
        pbx.handleResponse(local, out.tx());
        assertEquals(503, invite.finalStatus());
        assertEquals("TLS peer certificate not trusted: CN=carrier.example", invite.response(503).getReasonPhrase());
        org.plugboard.api.cdr.CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(503, cdr.sipStatus());
        assertEquals("503 TLS peer certificate not trusted: CN=carrier.example", cdr.reason());
    }

    @Test
    void aLineThatCannotBeConnectedFailsTheCallAtOnceNamingTheFault() {
        wire.failSendsTo(hop -> hop.host().equals(carrier.host) ? new javax.sip.SipException(
                "Cannot connect to 127.0.2.5:5060 over TLS: connection refused (nothing listens there)") : null);
        TestServerRequest invite = alice.invite("95550001", alice.sdp());
        assertEquals(503, invite.finalStatus());
        assertEquals("Cannot reach 95550001: Cannot connect to 127.0.2.5:5060 over TLS: connection refused (nothing listens there)",
                invite.response(503).getReasonPhrase());
        assertEquals("503 " + invite.response(503).getReasonPhrase(), pbx.collected.cdr().reason());
    }

    @Test
    void servicesAtAnsweredAndReleasedSeeTheLineTheCallWentOutOn() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        pbx.b2bua().addService(r -> {
            seen.add(r.point() + ":" + r.targetProfile().orElse("none"));
            return null;
        }, Map.of(org.plugboard.api.service.CallService.NAME, "rec", org.plugboard.api.service.CallService.POINTS,
                new String[] {"ANSWERED", "RELEASED"}));
        alice.invite("95550001", alice.sdp());
        carrier.reply(wire.one("INVITE", carrier), 200, carrier.sdp());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals(java.util.List.of("ANSWERED:" + PROFILE, "RELEASED:" + PROFILE), seen);
    }

    @Test
    void callGoesToTheLinesHopWithItsProfileAndFromInItsDomain() {
        TestServerRequest invite = alice.invite("95550001", alice.sdp());
        RecordingSip.Sent out = wire.one("INVITE", carrier);
        assertEquals(PROFILE, out.profile(), "the line's outbound rewriters run");
        assertEquals("sip:5550001@sip.carrier.example", out.request().getRequestURI().toString());
        assertEquals("\"Phone 1001\" <sip:+15550100@sip.carrier.example>", Phone.value(out.request(), "From").replaceAll(";tag=.*", ""));
        assertEquals("<sip:5550001@sip.carrier.example>", Phone.value(out.request(), "To"));
        carrier.reply(out, 200, carrier.sdp());
        assertEquals(PROFILE, wire.one("ACK", carrier).profile());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals(PROFILE, wire.one("BYE", carrier).profile());
        assertEquals("95550001", pbx.collected.cdr().callee(), "the CDR has the number as dialled");
        assertEquals(200, invite.finalStatus());
    }

    @Test
    void challengedInviteIsRepeatedOnceWithCredentialsAndCancelTargetsTheRepeat() {
        credentials();
        TestServerRequest invite = alice.invite("95550001", alice.sdp());
        RecordingSip.Sent first = wire.one("INVITE", carrier);
        carrier.reply(first, 407, null, "Proxy-Authenticate: Digest realm=\"carrier\",nonce=\"abc\"");
        List<RecordingSip.Sent> invites = wire.sent("INVITE", carrier);
        assertEquals(2, invites.size());
        RecordingSip.Sent again = invites.get(1);
        assertEquals(first.callId(), again.callId());
        assertEquals(2, Phone.cseq(again.request()));
        assertNotEquals(first.tx().getBranchId(), again.tx().getBranchId(), "a new transaction");
        assertEquals("Digest username=\"acct\",response=\"x\"", again.header("Proxy-Authorization"));
        assertEquals(first.body(), again.body());
        carrier.reply(again, 180);
        assertEquals(List.of(100, 180), invite.statuses(), "the caller never sees the challenge");
        alice.cancel();
        RecordingSip.Sent cancel = wire.one("CANCEL", carrier);
        assertEquals(again.tx().getBranchId(), ((ViaHeader) cancel.request().getHeader(ViaHeader.NAME)).getBranch());
        carrier.reply(again, 487);
    }

    @Test
    void challengeWithoutCredentialsGivesTheCaller403() {
        TestServerRequest invite = alice.invite("95550001", alice.sdp());
        carrier.reply(wire.one("INVITE", carrier), 401, null, "WWW-Authenticate: Digest realm=\"carrier\",nonce=\"abc\"");
        assertEquals(403, invite.finalStatus());
        assertEquals(1, wire.sent("INVITE").size());
        assertEquals(21, pbx.collected.cdr().q850Cause());
    }

    @Test
    void secondChallengeGivesTheCaller403() {
        credentials();
        TestServerRequest invite = alice.invite("95550001", alice.sdp());
        carrier.reply(wire.one("INVITE", carrier), 407, null, "Proxy-Authenticate: Digest realm=\"carrier\",nonce=\"abc\"");
        carrier.reply(wire.sent("INVITE", carrier).get(1), 407, null, "Proxy-Authenticate: Digest realm=\"carrier\",nonce=\"def\"");
        assertEquals(2, wire.sent("INVITE").size(), "repeated once only");
        assertEquals(403, invite.finalStatus());
    }
}
