package org.plugboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.SipFactory;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Directory;

/**
 * The client side of digest: the RFC examples' request-digests, then whole round trips against the registrar's own
 * server side (which the RFC examples already pin), and the challenges it must refuse.
 */
class ClientDigestTest {
    private static final String REALM = "plugboard";
    private static final String REGISTER_URI = "sip:ims.example.net;user=phone";

    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final ClientDigest client;
    private final Nonces nonces = new Nonces(300, new AtomicLong(1_000_000)::get);

    ClientDigestTest() throws Exception {
        SipFactory sip = SipFactory.getInstance();
        sip.setPathName("gov.nist");
        headers = sip.createHeaderFactory();
        messages = sip.createMessageFactory();
        client = new ClientDigest(() -> headers, () -> "0a4f113b");
    }

    // ---- the RFC examples ----------------------------------------------------------------------------------

    @Test
    void rfc2617Section35Example() {
        var c = new ClientDigest.Challenge("testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, null,
                DigestAlgorithm.MD5, true);
        var a = ClientDigest.answer(c, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b");
        assertEquals("6629fae49393a05397450978507c4ef1", a.response());
        assertEquals("00000001", a.nc());
    }

    @Test
    void rfc7616Section31ExamplesMd5AndSha256() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        var md5 = new ClientDigest.Challenge("http-auth@example.org", nonce, null, "MD5", DigestAlgorithm.MD5, true);
        var sha = new ClientDigest.Challenge("http-auth@example.org", nonce, null, "SHA-256", DigestAlgorithm.SHA_256, true);
        assertEquals("8ca523f5e9506fed4657c9700eebdbec",
                ClientDigest.answer(md5, "GET", "/dir/index.html", "Mufasa", "Circle of Life", cnonce).response());
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                ClientDigest.answer(sha, "GET", "/dir/index.html", "Mufasa", "Circle of Life", cnonce).response());
    }

    @Test
    void withoutQopTheRfc2069FormHasNoCnonce() {
        var c = new ClientDigest.Challenge("testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, null,
                DigestAlgorithm.MD5, false);
        var a = ClientDigest.answer(c, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "ignored");
        String ha1 = Digest.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        String ha2 = Digest.h(DigestAlgorithm.MD5, "GET:/dir/index.html");
        assertEquals(Digest.h(DigestAlgorithm.MD5, ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + ha2), a.response());
        assertNull(a.cnonce());
    }

    // ---- round trips with our own server side ---------------------------------------------------------------

    @Test
    void answersOurRegistrarsMd5Challenge() throws Exception {
        assertRoundTrip(List.of(DigestAlgorithm.MD5), true, DigestAuthenticator.Headers.WWW);
    }

    @Test
    void takesTheFirstListedAlgorithmSha256() throws Exception {
        Request r = assertRoundTrip(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), true, DigestAuthenticator.Headers.WWW);
        assertEquals("SHA-256", ((AuthorizationHeader) r.getHeader(AuthorizationHeader.NAME)).getAlgorithm());
    }

    @Test
    void answersAChallengeWithoutQop() throws Exception {
        Request r = assertRoundTrip(List.of(DigestAlgorithm.MD5), false, DigestAuthenticator.Headers.WWW);
        AuthorizationHeader h = (AuthorizationHeader) r.getHeader(AuthorizationHeader.NAME);
        assertNull(h.getQop());
        assertNull(h.getCNonce());
    }

    @Test
    void answersA407WithProxyAuthorization() throws Exception {
        Request r = assertRoundTrip(List.of(DigestAlgorithm.MD5), true, DigestAuthenticator.Headers.PROXY);
        assertNull(r.getHeader(AuthorizationHeader.NAME));
        assertTrue(r.getHeader(ProxyAuthorizationHeader.NAME) instanceof ProxyAuthorizationHeader);
    }

    @Test
    void theWireFormHasTheDigestUriQopAndNonceCount() throws Exception {
        Request r = assertRoundTrip(List.of(DigestAlgorithm.MD5), true, DigestAuthenticator.Headers.WWW);
        String wire = r.getHeader(AuthorizationHeader.NAME).toString();
        assertTrue(wire.contains("uri=\"" + REGISTER_URI + "\""), wire);
        assertTrue(wire.matches("(?s).*qop=\"?auth\"?.*"), wire);
        assertTrue(wire.contains("nc=00000001"), wire);
        assertTrue(wire.contains("cnonce=\"0a4f113b\""), wire);
        assertTrue(wire.contains("username=\"+8612345678@ims.example.net\""), wire);
    }

    @Test
    void aWrongPasswordIsRefusedByTheServer() throws Exception {
        DigestAuthenticator server = server(List.of(DigestAlgorithm.MD5), true, DigestAuthenticator.Headers.WWW);
        Request r = register();
        assertTrue(client.authorize(r, challenge(server, DigestAuthenticator.Headers.WWW), USER, "wrong"));
        assertTrue(server.authenticate(r) instanceof DigestAuthenticator.Forbidden);
    }

    @Test
    void aSecondChallengeReplacesTheOldCredentialsOfItsRealm() throws Exception {
        DigestAuthenticator server = server(List.of(DigestAlgorithm.MD5), true, DigestAuthenticator.Headers.WWW);
        Request r = register();
        assertTrue(client.authorize(r, challenge(server, DigestAuthenticator.Headers.WWW), USER, PASSWORD));
        assertTrue(client.authorize(r, challenge(server, DigestAuthenticator.Headers.WWW), USER, PASSWORD));
        assertEquals(1, credentials(r, AuthorizationHeader.NAME).size());
        assertEquals(new DigestAuthenticator.Ok(USER), server.authenticate(r));
    }

    @Test
    void oneAnswerPerRealm() throws Exception {
        Response challenge = messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, register());
        challenge.addHeader(headers.createHeader("Proxy-Authenticate", "Digest realm=\"a\", nonce=\"n1\", qop=\"auth\""));
        challenge.addHeader(headers.createHeader("Proxy-Authenticate", "Digest realm=\"a\", nonce=\"n2\""));
        challenge.addHeader(headers.createHeader("Proxy-Authenticate", "Digest realm=\"b\", nonce=\"n3\", opaque=\"op\""));
        Request r = register();
        assertTrue(client.authorize(r, challenge, USER, PASSWORD));
        List<AuthorizationHeader> sent = credentials(r, ProxyAuthorizationHeader.NAME);
        assertEquals(List.of("a", "b"), sent.stream().map(AuthorizationHeader::getRealm).toList());
        assertEquals("n1", sent.get(0).getNonce());
        assertEquals("op", sent.get(1).getOpaque());
    }

    // ---- challenges it cannot answer ------------------------------------------------------------------------

    @Test
    void unusableChallengesLeaveTheRequestAlone() throws Exception {
        assertUnusable(Response.UNAUTHORIZED, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256");
        assertUnusable(Response.UNAUTHORIZED, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess");
        assertUnusable(Response.UNAUTHORIZED, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"");
        assertUnusable(Response.UNAUTHORIZED, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", userhash=true");
        assertUnusable(Response.UNAUTHORIZED, "WWW-Authenticate", "Basic realm=\"r\"");
        assertUnusable(Response.UNAUTHORIZED, "WWW-Authenticate", "Digest realm=\"r\"");
        // a 407 is answered from Proxy-Authenticate only, a 401 from WWW-Authenticate only
        assertUnusable(Response.PROXY_AUTHENTICATION_REQUIRED, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\"");
        assertUnusable(Response.UNAUTHORIZED, "Proxy-Authenticate", "Digest realm=\"r\", nonce=\"n\"");
        Response ok = messages.createResponse(Response.OK, register());
        assertFalse(client.authorize(register(), ok, USER, PASSWORD));
    }

    @Test
    void anUnusableChallengeBesideAUsableOneIsSkipped() throws Exception {
        Response challenge = messages.createResponse(Response.UNAUTHORIZED, register());
        challenge.addHeader(headers.createHeader("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n1\", algorithm=SHA-512-256"));
        challenge.addHeader(headers.createHeader("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n2\", algorithm=MD5, qop=\"auth,auth-int\""));
        Request r = register();
        assertTrue(client.authorize(r, challenge, USER, PASSWORD));
        assertEquals("n2", ((AuthorizationHeader) r.getHeader(AuthorizationHeader.NAME)).getNonce());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static final String USER = "+8612345678@ims.example.net";
    private static final String PASSWORD = "s3cret";

    private Request assertRoundTrip(List<DigestAlgorithm> offered, boolean qop, DigestAuthenticator.Headers pair)
            throws Exception {
        DigestAuthenticator server = server(offered, qop, pair);
        Request r = register();
        assertTrue(client.authorize(r, challenge(server, pair, qop), USER, PASSWORD));
        assertEquals(new DigestAuthenticator.Ok(USER), server.authenticate(r));
        return r;
    }

    private DigestAuthenticator server(List<DigestAlgorithm> offered, boolean qop, DigestAuthenticator.Headers pair) {
        return new DigestAuthenticator(pair, directory(), nonces, offered, qop);
    }

    private Response challenge(DigestAuthenticator server, DigestAuthenticator.Headers pair) throws Exception {
        return challenge(server, pair, true);
    }

    /** Our server's challenge; without qop it becomes an RFC 2069 challenge. */
    private Response challenge(DigestAuthenticator server, DigestAuthenticator.Headers pair, boolean qop) throws Exception {
        boolean www = pair == DigestAuthenticator.Headers.WWW;
        Response r = messages.createResponse(www ? Response.UNAUTHORIZED : Response.PROXY_AUTHENTICATION_REQUIRED, register());
        server.addChallenges(r, headers, false);
        ListIterator<?> it = r.getHeaders(www ? "WWW-Authenticate" : "Proxy-Authenticate");
        while (!qop && it.hasNext()) {
            ((javax.sip.header.WWWAuthenticateHeader) it.next()).removeParameter("qop");
        }
        return r;
    }

    private void assertUnusable(int status, String header, String value) throws Exception {
        Response challenge = messages.createResponse(status, register());
        challenge.addHeader(headers.createHeader(header, value));
        Request r = register();
        String before = r.toString();
        assertFalse(client.authorize(r, challenge, USER, PASSWORD), value);
        assertEquals(before, r.toString());
    }

    private static List<AuthorizationHeader> credentials(Request r, String name) {
        List<AuthorizationHeader> out = new ArrayList<>();
        ListIterator<?> it = r.getHeaders(name);
        while (it.hasNext()) {
            out.add((AuthorizationHeader) it.next());
        }
        return out;
    }

    /** The server side needs only the realm and the HA1 of the one account. */
    private static Directory directory() {
        return (Directory) Proxy.newProxyInstance(Directory.class.getClassLoader(), new Class<?>[] {Directory.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "realm" -> REALM;
                    case "ha1" -> USER.equals(args[0])
                            ? Optional.of(Digest.ha1((DigestAlgorithm) args[1], USER, REALM, PASSWORD))
                            : Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Request register() throws Exception {
        return messages.createRequest("REGISTER " + REGISTER_URI + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-client-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:+8612345678@ims.example.net>;tag=line\r\n"
                + "To: <sip:+8612345678@ims.example.net>\r\n"
                + "Call-ID: client-digest-test\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "Contact: <sip:+8612345678@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n");
    }
}
