package org.plugboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipService;

/**
 * Regression test of "a registration answered 200 is lost on kill -9": the REGISTER handler over a location store
 * whose commits the test releases. The 200 (and the 200 to an unregistration) leaves only after the commit; a write
 * that fails gets 500 with Retry-After, and the binding is written again by itself.
 */
class RegisterStoredTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String REALM = "plugboard";
    private static final String CONTACT = "sip:1001@127.0.0.1:5070";

    private final SipFactory factory = SipFactory.getInstance();
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final AddressFactory addresses;
    private final GatedTable table = new GatedTable();
    private final LocationStore location = new LocationStore(table, List.of(), Clock.systemUTC(), WAIT);
    private final NonceService nonces = new NonceService(config());
    private final RegisterHandler handler;
    private final AtomicInteger cseq = new AtomicInteger();

    RegisterStoredTest() throws Exception {
        factory.setPathName("gov.nist");
        headers = factory.createHeaderFactory();
        messages = factory.createMessageFactory();
        addresses = factory.createAddressFactory();
        handler = new RegisterHandler(new OneExtension(), location, new RecordingGuard(), nonces, config());
    }

    @AfterEach
    void stop() {
        table.open();
        location.deactivate();
        nonces.deactivate();
    }

    @Test
    void the200LeavesOnlyAfterTheCommit() throws Exception {
        Exchange register = register(3600);
        handler.handle(register);
        assertEquals(1, location.lookup("1001").size(), "in memory at once: calls reach the phone meanwhile");
        assertEquals(CONTACT, table.awaitWrite(WAIT).get("1001").get(0).contact());
        assertNull(register.poll(Duration.ofMillis(200)), "answered before the commit");
        table.commit();
        Response ok = register.await();
        assertEquals(200, ok.getStatusCode());
        assertEquals(CONTACT, ((ContactHeader) ok.getHeader(ContactHeader.NAME)).getAddress().getURI().toString());
        assertEquals(1, table.committed().size());
    }

    @Test
    void anUnregistrationIsAnsweredOnlyAfterItsCommitToo() throws Exception {
        Exchange register = register(3600);
        handler.handle(register);
        table.awaitWrite(WAIT);
        table.commit();
        assertEquals(200, register.await().getStatusCode());

        Exchange unregister = register(0);
        handler.handle(unregister);
        assertTrue(location.lookup("1001").isEmpty(), "gone from memory at once");
        assertEquals(List.of(), table.awaitWrite(WAIT).get("1001"), "the write deletes the binding");
        assertNull(unregister.poll(Duration.ofMillis(200)), "answered before the commit");
        table.commit();
        Response ok = unregister.await();
        assertEquals(200, ok.getStatusCode());
        assertNull(ok.getHeader(ContactHeader.NAME));
    }

    @Test
    void aFailedWriteGets500WithRetryAfterAndTheBindingIsWrittenLater() throws Exception {
        Exchange register = register(3600);
        handler.handle(register);
        table.awaitWrite(WAIT);
        table.fail();
        Response r = register.await();
        assertEquals(500, r.getStatusCode());
        assertEquals("Registration Not Stored", r.getReasonPhrase());
        int retryAfter = ((RetryAfterHeader) r.getHeader(RetryAfterHeader.NAME)).getRetryAfter();
        assertTrue(retryAfter >= 20 && retryAfter <= 30, "Retry-After " + retryAfter + " outside 20..30");
        assertEquals(1, location.lookup("1001").size(), "kept in memory: calls still reach the phone");
        assertEquals(CONTACT, table.awaitWrite(WAIT).get("1001").get(0).contact(), "written again by itself");
        table.commit();
    }

    @Test
    void aQueryWithoutContactIsAnsweredAtOnceFromMemory() throws Exception {
        Exchange query = request(null, -1);
        handler.handle(query);
        assertEquals(200, query.await().getStatusCode());
    }

    /**
     * Issue 18: what the SIP bundle may send statelessly for the handler is exactly what the handler sends, and a nonce
     * of such a challenge authenticates the next REGISTER; a REGISTER with credentials or Require is left to the handler.
     */
    @Test
    void theStatelessChallengeIsTheHandlersAnswerAndItsNonceIsAccepted() throws Exception {
        Request bare = build(CONTACT, 3600, null);
        assertEquals(401, handler.challengeStatus(bare, "default"));
        Exchange handled = new Exchange(bare);
        handler.handle(handled);
        assertEquals(401, handled.await().getStatusCode(), "the handler answers the same request 401 too");

        Response stateless = messages.createResponse(401, bare);
        handler.addChallenge(stateless, headers);
        WWWAuthenticateHeader challenge = (WWWAuthenticateHeader) stateless.getHeader(WWWAuthenticateHeader.NAME);
        assertEquals(REALM, challenge.getRealm());
        assertEquals("auth", challenge.getQop());
        Exchange answered = new Exchange(build(CONTACT, 3600, credentials(challenge.getNonce())));
        assertEquals(0, handler.challengeStatus(answered.request(), "default"), "credentials: the handler's to judge");
        handler.handle(answered);
        table.awaitWrite(WAIT);
        table.commit();
        assertEquals(200, answered.await().getStatusCode(), "the stateless challenge's nonce is the registrar's");

        Request require = build(CONTACT, 3600, null);
        require.addHeader(headers.createRequireHeader("foo"));
        assertEquals(0, handler.challengeStatus(require, "default"), "Require gets 420 from the handler, not 401");
        Exchange refused = new Exchange(require);
        handler.handle(refused);
        assertEquals(420, refused.await().getStatusCode());
    }

    // ---- requests ------------------------------------------------------------------------------------------

    /** A REGISTER with digest credentials for a fresh nonce (the 401 round trip done here). */
    private Exchange register(int expires) throws Exception {
        return request(CONTACT, expires);
    }

    private Exchange request(String contact, int expires) throws Exception {
        Exchange challenge = new Exchange(build(contact, expires, null));
        handler.handle(challenge);
        Response unauthorized = challenge.await();
        assertEquals(401, unauthorized.getStatusCode());
        String nonce = ((WWWAuthenticateHeader) unauthorized.getHeader(WWWAuthenticateHeader.NAME)).getNonce();
        return new Exchange(build(contact, expires, credentials(nonce)));
    }

    /** Digest credentials of 1001 for {@code nonce}. */
    private AuthorizationHeader credentials(String nonce) throws Exception {
        String uri = "sip:127.0.0.1";
        String ha1 = Digest.ha1(DigestAlgorithm.MD5, "1001", REALM, "secret1001");
        String response = Digest.response(DigestAlgorithm.MD5, ha1, nonce, "00000001", "0a4f113b", "auth", "REGISTER", uri);
        AuthorizationHeader auth = (AuthorizationHeader) headers.createHeader(AuthorizationHeader.NAME,
                "Digest username=\"1001\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                        + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"");
        return auth;
    }

    private Request build(String contact, int expires, AuthorizationHeader auth) throws Exception {
        Request r = messages.createRequest("REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-stored-" + cseq.incrementAndGet() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@127.0.0.1>;tag=reg\r\n"
                + "To: <sip:1001@127.0.0.1>\r\n"
                + "Call-ID: register-stored-test\r\n"
                + "CSeq: " + cseq.get() + " REGISTER\r\n"
                + (contact == null ? "" : "Contact: <" + contact + ">\r\n")
                + (expires < 0 ? "" : "Expires: " + expires + "\r\n")
                + "Content-Length: 0\r\n\r\n");
        if (auth != null) {
            r.addHeader(auth);
        }
        return r;
    }

    static RegistrarConfig config() {
        return (RegistrarConfig) Proxy.newProxyInstance(RegistrarConfig.class.getClassLoader(),
                new Class<?>[] {RegistrarConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> RegistrarConfig.class;
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RegistrarConfig(defaults)";
                    default -> method.getDefaultValue();
                });
    }

    /** A REGISTER as the SIP bundle hands it over; responses may come from any thread. */
    private final class Exchange implements ServerRequest {
        private final Request request;
        private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();

        Exchange(Request request) {
            this.request = request;
        }

        Response poll(Duration timeout) throws InterruptedException {
            return responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        Response await() throws InterruptedException {
            Response r = poll(WAIT);
            if (r == null) {
                throw new AssertionError("no response within " + WAIT);
            }
            return r;
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public InetSocketAddress source() {
            return new InetSocketAddress("127.0.0.1", 5070);
        }

        @Override
        public String transport() {
            return "UDP";
        }

        @Override
        public String profile() {
            return "default";
        }

        @Override
        public SipService sip() {
            return sipService;
        }

        @Override
        public Response createResponse(int statusCode) {
            return createResponse(statusCode, null);
        }

        @Override
        public Response createResponse(int statusCode, String reasonPhrase) {
            try {
                Response r = messages.createResponse(statusCode, request);
                if (reasonPhrase != null) {
                    r.setReasonPhrase(reasonPhrase);
                }
                ((ToHeader) r.getHeader(ToHeader.NAME)).setTag("t" + statusCode);
                return r;
            } catch (java.text.ParseException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public void respond(Response response) {
            responses.add(response);
        }
    }

    private final SipService sipService = new SipService() {
        @Override
        public AddressFactory addressFactory() {
            return addresses;
        }

        @Override
        public HeaderFactory headerFactory() {
            return headers;
        }

        @Override
        public MessageFactory messageFactory() {
            return messages;
        }

        @Override
        public java.util.Set<String> allowedMethods() {
            return java.util.Set.of("REGISTER");
        }

        @Override
        public SipURI localUri(NextHop toward) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ViaHeader createVia(NextHop toward) {
            throw new UnsupportedOperationException();
        }

        @Override
        public javax.sip.ClientTransaction send(Request request, NextHop hop, String owner, String profile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public javax.sip.ClientTransaction cancel(javax.sip.ClientTransaction invite, String reason, String profile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendAck(Request ack, NextHop hop, String profile) {
            throw new UnsupportedOperationException();
        }
    };

    /** Extension 1001, password secret1001, one device. */
    private static final class OneExtension extends ReadOnlyDirectory {
        @Override
        public String realm() {
            return REALM;
        }

        @Override
        public Optional<Extension> find(String number) {
            return "1001".equals(number) ? Optional.of(new Extension("1001", "Alice", 1)) : Optional.empty();
        }

        @Override
        public Optional<String> ha1(String number, DigestAlgorithm algorithm) {
            return find(number).map(e -> Digest.ha1(algorithm, number, REALM, "secret1001"));
        }

        @Override
        public List<Extension> list() {
            return List.of(new Extension("1001", "Alice", 1));
        }

        @Override
        public int count() {
            return 1;
        }
    }
}
