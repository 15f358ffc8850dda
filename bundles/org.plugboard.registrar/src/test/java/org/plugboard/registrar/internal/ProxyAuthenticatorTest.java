package org.plugboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.SipFactory;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.security.RequestAuthenticator.Status;
import org.plugboard.api.security.RequestAuthenticator.Verdict;

/** The 407 path for the B2BUA, and that it and the REGISTER path each read only their own header pair. */
class ProxyAuthenticatorTest {
    private static final String REALM = "plugboard";
    private static final String INVITE_URI = "sip:1002@127.0.0.1:5060";
    private static final String REGISTER_URI = "sip:127.0.0.1";
    private static final String CNONCE = "0a4f113b";

    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Nonces nonces = new Nonces(300, now::get);
    private final FakeDirectory directory = new FakeDirectory(Map.of("1001", "right-pass"));
    private final RecordingGuard guard = new RecordingGuard();
    private final InetAddress source = InetAddress.getLoopbackAddress();
    private final ProxyAuthenticator proxy;
    private final DigestAuthenticator register;

    ProxyAuthenticatorTest() throws Exception {
        SipFactory sip = SipFactory.getInstance();
        sip.setPathName("gov.nist");
        headers = sip.createHeaderFactory();
        messages = sip.createMessageFactory();
        List<DigestAlgorithm> algorithms = List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
        proxy = new ProxyAuthenticator(directory, guard, nonces, algorithms, true, () -> headers);
        register = new DigestAuthenticator(DigestAuthenticator.Headers.WWW, directory, nonces, algorithms, true);
    }

    // ---- challenge ----------------------------------------------------------------------------------------

    @Test
    void challengeIsOneProxyAuthenticatePerAlgorithmWithOneNonce() throws Exception {
        Response r = messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, invite());
        proxy.challenge(r, false);
        List<ProxyAuthenticateHeader> challenges = proxyChallenges(r);
        assertEquals(2, challenges.size());
        assertEquals("MD5", challenges.get(0).getAlgorithm());
        assertEquals("SHA-256", challenges.get(1).getAlgorithm());
        for (ProxyAuthenticateHeader h : challenges) {
            assertEquals("Digest", h.getScheme());
            assertEquals(REALM, h.getRealm());
            assertEquals("auth", h.getQop());
            assertEquals(challenges.get(0).getNonce(), h.getNonce());
            assertFalse(h.isStale());
            assertNull(h.getParameter("stale"));
        }
        assertEquals(Nonces.Check.VALID, nonces.check(challenges.get(0).getNonce()));
        assertFalse(r.getHeaders(WWWAuthenticateHeader.NAME).hasNext(), "no WWW-Authenticate in a 407");
    }

    @Test
    void staleChallengeSaysSo() throws Exception {
        Response r = messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, invite());
        proxy.challenge(r, true);
        for (ProxyAuthenticateHeader h : proxyChallenges(r)) {
            assertTrue(h.isStale());
        }
    }

    @Test
    void algorithmOrderFollowsConfiguration() throws Exception {
        ProxyAuthenticator shaFirst = new ProxyAuthenticator(directory, guard, nonces,
                List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), true, () -> headers);
        Response r = messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, invite());
        shaFirst.challenge(r, false);
        assertEquals(List.of("SHA-256", "MD5"), proxyChallenges(r).stream().map(ProxyAuthenticateHeader::getAlgorithm).toList());
    }

    @Test
    void registerChallengeIsStillWwwAuthenticate() throws Exception {
        Response r = messages.createResponse(Response.UNAUTHORIZED, invite());
        register.addChallenges(r, headers, false);
        assertFalse(r.getHeaders(ProxyAuthenticateHeader.NAME).hasNext());
        ListIterator<?> it = r.getHeaders(WWWAuthenticateHeader.NAME);
        assertEquals("MD5", ((WWWAuthenticateHeader) it.next()).getAlgorithm());
        assertEquals("SHA-256", ((WWWAuthenticateHeader) it.next()).getAlgorithm());
        assertFalse(it.hasNext());
    }

    // ---- verify ---------------------------------------------------------------------------------------------

    @Test
    void noCredentialsIsChallenge() throws Exception {
        Verdict v = proxy.verify(invite(), source);
        assertEquals(Status.CHALLENGE, v.status());
        assertNull(v.user());
        assertEquals(0, guard.failures.size());
    }

    @Test
    void correctMd5IsOk() throws Exception {
        Verdict v = proxy.verify(withProxyAuth(invite(), DigestAlgorithm.MD5, "1001", "right-pass", challengeNonce(), "00000001"), source);
        assertEquals(Status.OK, v.status());
        assertEquals("1001", v.user());
        assertEquals(List.of(source), guard.successes);
        assertEquals(0, guard.failures.size());
    }

    @Test
    void correctSha256IsOk() throws Exception {
        Verdict v = proxy.verify(withProxyAuth(invite(), DigestAlgorithm.SHA_256, "1001", "right-pass", challengeNonce(), "00000001"), source);
        assertEquals(Status.OK, v.status());
        assertEquals("1001", v.user());
        assertEquals(List.of(source), guard.successes);
    }

    @Test
    void higherNonceCountOnTheSameNonceIsOk() throws Exception {
        String nonce = challengeNonce();
        assertEquals(Status.OK, proxy.verify(withProxyAuth(invite(), DigestAlgorithm.MD5, "1001", "right-pass", nonce, "00000001"), source).status());
        assertEquals(Status.OK, proxy.verify(withProxyAuth(invite(), DigestAlgorithm.MD5, "1001", "right-pass", nonce, "00000002"), source).status());
    }

    @Test
    void wrongPasswordIsForbiddenAndCountsAtTheGuard() throws Exception {
        Verdict v = proxy.verify(withProxyAuth(invite(), DigestAlgorithm.MD5, "1001", "wrong-pass", challengeNonce(), "00000001"), source);
        assertEquals(Status.FORBIDDEN, v.status());
        assertNull(v.user());
        assertEquals(List.of(source), guard.failures);
        assertEquals(0, guard.successes.size());
    }

    @Test
    void unknownUserIsForbiddenAndCountsAtTheGuard() throws Exception {
        Verdict v = proxy.verify(withProxyAuth(invite(), DigestAlgorithm.SHA_256, "1999", "whatever", challengeNonce(), "00000001"), source);
        assertEquals(Status.FORBIDDEN, v.status());
        assertEquals(List.of(source), guard.failures);
    }

    @Test
    void digestWithoutQopIsForbiddenButNotCountedWhenQopIsRequired() throws Exception {
        String nonce = challengeNonce();
        String ha1 = Digest.ha1(DigestAlgorithm.MD5, "1001", REALM, "right-pass");
        String response = Digest.response(DigestAlgorithm.MD5, ha1, nonce, null, null, null, "INVITE", INVITE_URI);
        Request r = invite();
        r.addHeader(headers.createHeader(ProxyAuthorizationHeader.NAME, "Digest username=\"1001\", realm=\"" + REALM
                + "\", nonce=\"" + nonce + "\", uri=\"" + INVITE_URI + "\", response=\"" + response + "\", algorithm=MD5"));
        assertEquals(Status.FORBIDDEN, proxy.verify(r, source).status());
        assertEquals(0, guard.failures.size());
    }

    @Test
    void expiredNonceWithTheRightPasswordIsStale() throws Exception {
        String nonce = challengeNonce();
        now.addAndGet(301);
        Verdict v = proxy.verify(withProxyAuth(invite(), DigestAlgorithm.MD5, "1001", "right-pass", nonce, "00000001"), source);
        assertEquals(Status.STALE, v.status());
        assertEquals(0, guard.failures.size());
    }

    @Test
    void nonceFromAnotherSecretWithTheRightPasswordIsStale() throws Exception {
        String foreign = new Nonces(300, now::get).issue(); // e.g. issued before a restart
        Verdict v = proxy.verify(withProxyAuth(invite(), DigestAlgorithm.SHA_256, "1001", "right-pass", foreign, "00000001"), source);
        assertEquals(Status.STALE, v.status());
    }

    @Test
    void replayedNonceCountIsStaleNeverOk() throws Exception {
        Request signed = withProxyAuth(invite(), DigestAlgorithm.MD5, "1001", "right-pass", challengeNonce(), "00000001");
        assertEquals(Status.OK, proxy.verify(signed, source).status());
        assertEquals(Status.STALE, proxy.verify(signed, source).status());
        assertEquals(0, guard.failures.size());
    }

    @Test
    void credentialsForAnotherRealmAreIgnored() throws Exception {
        String nonce = challengeNonce();
        String ha1 = Digest.ha1(DigestAlgorithm.MD5, "1001", "elsewhere", "right-pass");
        String response = Digest.response(DigestAlgorithm.MD5, ha1, nonce, "00000001", CNONCE, "auth", "INVITE", INVITE_URI);
        Request r = invite();
        r.addHeader(headers.createHeader(ProxyAuthorizationHeader.NAME, authValue(DigestAlgorithm.MD5, "1001", "elsewhere",
                nonce, INVITE_URI, response, "00000001")));
        assertEquals(Status.CHALLENGE, proxy.verify(r, source).status());
    }

    // ---- each path reads only its own header ----------------------------------------------------------------

    @Test
    void proxyVerifierIgnoresAuthorization() throws Exception {
        Request r = invite();
        r.addHeader(header(AuthorizationHeader.NAME, DigestAlgorithm.MD5, "1001", "right-pass", challengeNonce(),
                "00000001", "INVITE", INVITE_URI));
        assertEquals(Status.CHALLENGE, proxy.verify(r, source).status());
        assertEquals(0, guard.successes.size());
    }

    @Test
    void registerAuthenticatorIgnoresProxyAuthorization() throws Exception {
        Request r = register();
        r.addHeader(header(ProxyAuthorizationHeader.NAME, DigestAlgorithm.MD5, "1001", "right-pass", challengeNonce(),
                "00000001", "REGISTER", REGISTER_URI));
        DigestAuthenticator.Outcome outcome = register.authenticate(r);
        assertEquals(new DigestAuthenticator.Challenge(false), outcome);
    }

    @Test
    void registerAuthenticatorStillReadsAuthorization() throws Exception {
        Request r = register();
        r.addHeader(header(AuthorizationHeader.NAME, DigestAlgorithm.SHA_256, "1001", "right-pass", challengeNonce(),
                "00000001", "REGISTER", REGISTER_URI));
        assertEquals(new DigestAuthenticator.Ok("1001"), register.authenticate(r));
    }

    @Test
    void bothPathsShareNoncesAndTheirCounts() throws Exception {
        Response r = messages.createResponse(Response.UNAUTHORIZED, register());
        register.addChallenges(r, headers, false);
        String nonce = ((WWWAuthenticateHeader) r.getHeader(WWWAuthenticateHeader.NAME)).getNonce();
        Request reg = register();
        reg.addHeader(header(AuthorizationHeader.NAME, DigestAlgorithm.MD5, "1001", "right-pass", nonce, "00000001",
                "REGISTER", REGISTER_URI));
        assertInstanceOf(DigestAuthenticator.Ok.class, register.authenticate(reg));
        // the INVITE with the REGISTER's nonce: valid, but nc 1 has been used on it
        assertEquals(Status.STALE, proxy.verify(withProxyAuth(invite(), DigestAlgorithm.MD5, "1001", "right-pass", nonce, "00000001"), source).status());
        assertEquals(Status.OK, proxy.verify(withProxyAuth(invite(), DigestAlgorithm.MD5, "1001", "right-pass", nonce, "00000002"), source).status());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private String challengeNonce() throws Exception {
        Response r = messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, invite());
        proxy.challenge(r, false);
        return proxyChallenges(r).get(0).getNonce();
    }

    private static List<ProxyAuthenticateHeader> proxyChallenges(Response r) {
        List<ProxyAuthenticateHeader> out = new ArrayList<>();
        ListIterator<?> it = r.getHeaders(ProxyAuthenticateHeader.NAME);
        while (it.hasNext()) {
            out.add((ProxyAuthenticateHeader) it.next());
        }
        return out;
    }

    private Request invite() throws Exception {
        return messages.createRequest("INVITE " + INVITE_URI + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-test-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:1002@127.0.0.1>\r\n"
                + "Call-ID: proxy-auth-test\r\n"
                + "CSeq: 2 INVITE\r\n"
                + "Contact: <sip:1001@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    private Request register() throws Exception {
        return messages.createRequest("REGISTER " + REGISTER_URI + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-test-2\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@127.0.0.1>;tag=reg\r\n"
                + "To: <sip:1001@127.0.0.1>\r\n"
                + "Call-ID: register-auth-test\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "Contact: <sip:1001@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    private Request withProxyAuth(Request request, DigestAlgorithm a, String user, String password, String nonce, String nc)
            throws Exception {
        request.addHeader(header(ProxyAuthorizationHeader.NAME, a, user, password, nonce, nc, request.getMethod(),
                request.getRequestURI().toString()));
        return request;
    }

    /** A client's credentials by RFC 7616 3.4.1 with qop=auth: uri is the Request-URI. */
    private javax.sip.header.Header header(String name, DigestAlgorithm a, String user, String password, String nonce,
            String nc, String method, String uri) throws Exception {
        String ha1 = Digest.ha1(a, user, REALM, password);
        String response = Digest.response(a, ha1, nonce, nc, CNONCE, "auth", method, uri);
        return headers.createHeader(name, authValue(a, user, REALM, nonce, uri, response, nc));
    }

    private static String authValue(DigestAlgorithm a, String user, String realm, String nonce, String uri, String response,
            String nc) {
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + a.sipName() + ", qop=auth, nc=" + nc + ", cnonce=\""
                + CNONCE + "\"";
    }

    private static final class FakeDirectory extends ReadOnlyDirectory {
        private final Map<String, String> passwords;

        FakeDirectory(Map<String, String> passwords) {
            this.passwords = passwords;
        }

        @Override
        public String realm() {
            return REALM;
        }

        @Override
        public Optional<String> ha1(String number, DigestAlgorithm algorithm) {
            return Optional.ofNullable(passwords.get(number)).map(p -> Digest.ha1(algorithm, number, REALM, p));
        }

        @Override
        public Optional<Extension> find(String number) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Extension> list() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int count() {
            return passwords.size();
        }
    }
}
