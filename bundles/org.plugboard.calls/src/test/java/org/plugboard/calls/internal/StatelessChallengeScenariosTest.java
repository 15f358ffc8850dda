package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.ServerRequest;

/**
 * Issue 18: the SIP bundle sends the B2BUA's 407 itself, before a transaction exists, for the INVITEs the B2BUA's
 * {@code StatelessChallenger} says it would only challenge. Each INVITE here is first judged by the challenger and
 * then handled by the B2BUA as before: whenever the challenger says 407, the handler answers 407 and leaves no call;
 * whenever the handler would answer anything else, the challenger said 0 (unsure).
 */
class StatelessChallengeScenariosTest extends ScenarioTest {
    /** What the challenger said about each INVITE before the B2BUA handled it. */
    private final List<Integer> said = new ArrayList<>();
    private final Phone carol = new Phone("1003", "127.0.1.13", 5060, pbx.sip, new Phone.Pbx() {
        @Override
        public void handle(ServerRequest request) {
            if (Request.INVITE.equals(request.request().getMethod())) {
                said.add(pbx.b2bua().challengeStatus(request.request(), request.profile()));
            }
            pbx.handle(request);
        }

        @Override
        public void handleResponse(Response response, ClientTransaction tx) {
            pbx.handleResponse(response, tx);
        }
    });

    @Test
    void aPhonesInviteWithoutCredentialsIsCertainlyChallengedAndTheChallengeIsTheAuthenticators() {
        pbx.config.authenticate = true;
        TestServerRequest first = carol.invite("1002", carol.sdp());
        assertEquals(List.of(407), said);
        assertEquals(407, first.finalStatus(), "the handler's answer to the same INVITE");
        assertEquals(List.of(), pbx.b2bua().calls(), "a challenged INVITE leaves no call");

        Response stateless = first.createResponse(407);
        pbx.b2bua().addChallenge(stateless, null);
        assertTrue(Phone.value(stateless, "Proxy-Authenticate").startsWith("Digest "), "a proxy challenge");

        carol.inviteAgain(TestAuthenticator.credentials("1003", true));
        assertEquals(List.of(407, 0), said, "with credentials the B2BUA judges");
        bob.reply(wire.one("INVITE", bob), 486);
    }

    @Test
    void anInviteTheHandlerWouldAnswerOtherwiseIsLeftToIt() {
        pbx.config.authenticate = true;
        assertEquals(List.of(420), carol.invite("1002", carol.sdp(), "Require: foo").statuses());
        assertEquals(List.of(483), carol.invite("1002", carol.sdp(), "Max-Forwards: 0").statuses());
        assertEquals(List.of(0, 0), said);

        TestServerRequest call = carol.invite("1002", carol.sdp(), TestAuthenticator.credentials("1003", true));
        TestServerRequest loop = carol.inviteAgain();
        assertEquals(List.of(482), loop.statuses(), "its Call-ID is a live call's");
        assertEquals(List.of(0, 0, 0, 0), said);
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals(486, call.finalStatus());
    }

    @Test
    void linesTrunksAndAPbxThatDoesNotAuthenticateAreNeverChallenged() {
        pbx.config.authenticate = false;
        carol.invite("1002", carol.sdp());
        bob.reply(wire.one("INVITE", bob), 486);
        pbx.config.authenticate = true;
        carol.profile("trunk-carrier").invite("1002", carol.sdp());
        bob.reply(wire.sent("INVITE", bob).get(1), 486);
        assertEquals(List.of(0, 0), said);
    }
}
