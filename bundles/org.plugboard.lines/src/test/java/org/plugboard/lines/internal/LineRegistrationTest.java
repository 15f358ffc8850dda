package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.security.DigestClient;
import org.plugboard.api.sip.NextHop;

/**
 * The registration state machine with real JAIN-SIP messages, a recording wire, a manual clock and timers: what is
 * sent, when, and what the line shows after each answer.
 */
class LineRegistrationTest {
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Request> sent = new ArrayList<>();
    private final List<NextHop> hops = new ArrayList<>();
    private final List<Timer> timers = new ArrayList<>();
    private boolean digestUsable = true;

    private record Timer(Runnable task, long due, boolean[] cancelled) {
    }

    LineRegistrationTest() throws Exception {
        SipFactory sip = SipFactory.getInstance();
        sip.setPathName("gov.nist");
        addresses = sip.createAddressFactory();
        headers = sip.createHeaderFactory();
        messages = sip.createMessageFactory();
    }

    @Test
    void registersThroughTheProxyWithTheDomainInRequestUriAndTo() throws Exception {
        LineRegistration line = line(config().proxy("127.0.0.1:16081").domain("gd.ctcims.cn"));
        line.start();
        Request r = last();
        assertEquals("sip:gd.ctcims.cn", r.getRequestURI().toString());
        assertTrue(r.getHeader(ToHeader.NAME).toString().contains("sip:+8612345678@gd.ctcims.cn"));
        assertEquals(new NextHop("127.0.0.1", 16081, "UDP"), hops.get(0));
        assertEquals(3600, ((ExpiresHeader) r.getHeader(ExpiresHeader.NAME)).getExpires());
    }

    @Test
    void challengeIsAnsweredOnceWithTheSameCallIdAndNextCseq() throws Exception {
        LineRegistration line = line(config());
        line.start();
        answer(line, 401);
        assertEquals(2, sent.size());
        assertEquals(callId(sent.get(0)), callId(sent.get(1)));
        assertEquals(cseq(sent.get(0)) + 1, cseq(sent.get(1)));
        assertTrue(sent.get(1).getHeader("Authorization") != null);
        answer(line, 401); // the credentials were refused
        assertEquals(LineState.FAILING, line.status().state());
        assertEquals("401 Unauthorized", line.status().lastResponse());
        assertEquals(2, sent.size());
    }

    @Test
    void theAuthorizedRepeatKeepsTheRequestUriTheRewritersGaveTheFirst() throws Exception {
        LineRegistration line = line(config());
        line.start();
        ((SipURI) last().getRequestURI()).setParameter("user", "phone"); // as an outbound rewriter would
        answer(line, 401);
        assertEquals("sip:127.0.0.1:16080;user=phone", last().getRequestURI().toString());
    }

    @Test
    void registeredRefreshesAt85PercentOfTheGrantedExpiry() throws Exception {
        LineRegistration line = line(config());
        line.start();
        answer(line, 401);
        answerOk(line, 120);
        assertEquals(LineState.REGISTERED, line.status().state());
        assertEquals(120, line.status().expiresInSeconds());
        assertEquals(1, pendingTimers());
        fireTimers(101_000); // 85% of 120 s is 102 s
        assertEquals(2, sent.size());
        fireTimers(2_000);
        assertEquals(3, sent.size());
        assertEquals(callId(sent.get(0)), callId(last()));
        assertEquals(3, cseq(last()));
        assertEquals("sip:127.0.0.1:16080", last().getRequestURI().toString()); // a refresh is built afresh
    }

    @Test
    void failuresAreRetriedWithADoublingDelayUpToTheMaximum() throws Exception {
        LineRegistration line = line(config());
        long[] expected = {30, 60, 120, 240, 480, 600, 600};
        line.start();
        for (long delay : expected) {
            answer(line, 503);
            assertEquals(LineState.FAILING, line.status().state());
            assertEquals("503 Service unavailable", line.status().lastResponse());
            assertEquals(delay, line.status().nextAttemptSeconds());
            int before = sent.size();
            fireTimers(delay * 1000);
            assertEquals(before + 1, sent.size());
        }
        answer(line, 401);
        answerOk(line, 3600);
        assertEquals(0, line.status().failures());
    }

    @Test
    void aTimeoutIsAFailureWithItsOwnText() throws Exception {
        LineRegistration line = line(config());
        line.start();
        assertTrue(line.onTimeout(branchOf(last())));
        assertEquals(LineState.FAILING, line.status().state());
        assertTrue(line.status().lastResponse().startsWith("timeout"), line.status().lastResponse());
    }

    @Test
    void intervalTooBriefIsRetriedAtOnceWithMinExpires() throws Exception {
        LineRegistration line = line(config().expires(30));
        line.start();
        Response r = response(last(), 423);
        r.addHeader(headers.createMinExpiresHeader(300));
        line.onResponse(r, branchOf(last()));
        assertEquals(2, sent.size());
        assertEquals(300, ((ExpiresHeader) last().getHeader(ExpiresHeader.NAME)).getExpires());
    }

    @Test
    void answersToOtherTransactionsAreNotOurs() throws Exception {
        LineRegistration line = line(config());
        line.start();
        Response r = response(last(), 200);
        assertFalse(line.onResponse(r, "z9hG4bK-someone-else"));
        assertEquals(LineState.UNREGISTERED, line.status().state());
    }

    @Test
    void aNewCallIdFromARewriterDoesNotDisturbMatching() throws Exception {
        LineRegistration line = line(config());
        line.start();
        ((CallIdHeader) last().getHeader(CallIdHeader.NAME)).setCallId("rewritten-1"); // the newcallid workaround
        answer(line, 401);
        assertEquals(2, sent.size());
        answerOk(line, 600);
        assertEquals(LineState.REGISTERED, line.status().state());
    }

    @Test
    void noUsableChallengeFailsWithAClearText() throws Exception {
        digestUsable = false;
        LineRegistration line = line(config());
        line.start();
        answer(line, 407);
        assertEquals("407 Proxy Authentication required (no usable challenge)", line.status().lastResponse());
    }

    @Test
    void stopUnregistersWithExpiresZeroAndAnswersTheChallenge() throws Exception {
        LineRegistration line = line(config());
        line.start();
        answer(line, 401);
        answerOk(line, 3600);
        CompletableFuture<Void> done = line.stop();
        assertFalse(done.isDone());
        assertEquals(0, ((ExpiresHeader) last().getHeader(ExpiresHeader.NAME)).getExpires());
        assertEquals(callId(sent.get(0)), callId(last()));
        answer(line, 401);
        assertEquals(0, ((ExpiresHeader) last().getHeader(ExpiresHeader.NAME)).getExpires());
        answerOk(line, 0);
        assertTrue(done.isDone());
        assertEquals(LineState.UNREGISTERED, line.status().state());
        assertEquals(0, pendingTimers());
    }

    @Test
    void stopBeforeAnyAcceptanceSendsNothing() throws Exception {
        LineRegistration line = line(config());
        line.start();
        answer(line, 403);
        CompletableFuture<Void> done = line.stop();
        assertTrue(done.isDone());
        assertEquals(1, sent.size());
        fireTimers(3_600_000);
        assertEquals(1, sent.size());
    }

    @Test
    void anUnresolvableHostFailsAndRetries() throws Exception {
        LineRegistration line = new LineRegistration(LineSettings.from(config().domain("no.such.host.invalid")),
                Sequence.fresh(), this::requests, digest(), wire(), this::schedule,
                host -> { throw new java.net.UnknownHostException(host); }, now::get);
        line.start();
        assertEquals(LineState.FAILING, line.status().state());
        assertEquals("cannot resolve no.such.host.invalid", line.status().lastResponse());
        assertEquals(0, sent.size());
    }

    @Test
    void grantedExpiryComesFromOurContactThenExpires() throws Exception {
        Request r = registerFixture();
        Response ok = response(r, 200);
        ContactHeader other = headers.createContactHeader(addresses.createAddress("<sip:9999@10.0.0.1:5060>"));
        other.setExpires(50);
        ContactHeader ours = headers.createContactHeader(addresses.createAddress("<sip:acct@127.0.0.1:15060>"));
        ours.setExpires(77);
        ok.addHeader(other);
        ok.addHeader(ours);
        SipURI contact = (SipURI) addresses.createURI("sip:acct@127.0.0.1:15060");
        assertEquals(77, RegisterRequests.grantedExpiry(ok, contact, 3600));
        Response plain = response(r, 200);
        plain.addHeader(headers.createExpiresHeader(90));
        assertEquals(90, RegisterRequests.grantedExpiry(plain, contact, 3600));
        assertEquals(3600, RegisterRequests.grantedExpiry(response(r, 200), contact, 3600));
    }

    @Test
    void retryDelays() {
        assertEquals(30, LineRegistration.retryDelaySeconds(1, 30, 600));
        assertEquals(600, LineRegistration.retryDelaySeconds(100, 30, 600));
        assertNotEquals(0, LineRegistration.retryDelaySeconds(0, 2, 8));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private LineRegistration line(TestConfig c) {
        return new LineRegistration(LineSettings.from(c), Sequence.fresh(), this::requests, digest(), wire(),
                this::schedule, InetAddress::getAllByName, now::get);
    }

    private RegisterRequests requests() {
        return new RegisterRequests(addresses, headers, messages);
    }

    private DigestClient digest() {
        return (request, challenge, user, password) -> {
            if (!digestUsable) {
                return false;
            }
            try {
                request.setHeader(headers.createHeader("Authorization", "Digest username=\"" + user + "\", realm=\"r\", "
                        + "nonce=\"n\", uri=\"" + request.getRequestURI() + "\", response=\"0\""));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
            return true;
        };
    }

    private LineRegistration.Wire wire() {
        return new LineRegistration.Wire() {
            private int branches;

            @Override
            public SipURI localUri(NextHop toward) {
                try {
                    SipURI u = addresses.createSipURI(null, "127.0.0.1");
                    u.setPort(15060);
                    return u;
                } catch (java.text.ParseException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public ViaHeader createVia(NextHop toward) {
                try {
                    return headers.createViaHeader("127.0.0.1", 15060, "UDP", "z9hG4bK-test-" + (++branches));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String send(Request request, NextHop hop, String profile) {
                assertEquals("line:carrier1", profile);
                sent.add(request);
                hops.add(hop);
                return branchOf(request);
            }
        };
    }

    private Runnable schedule(Runnable task, long delay) {
        boolean[] cancelled = {false};
        timers.add(new Timer(task, now.get() + delay, cancelled));
        return () -> cancelled[0] = true;
    }

    private int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.cancelled()[0]).count();
    }

    private void fireTimers(long advanceMillis) {
        now.addAndGet(advanceMillis);
        for (Timer t : List.copyOf(timers)) {
            if (!t.cancelled()[0] && t.due() <= now.get()) {
                t.cancelled()[0] = true;
                t.task().run();
            }
        }
    }

    private Request last() {
        return sent.get(sent.size() - 1);
    }

    private void answer(LineRegistration line, int status) throws Exception {
        Response r = response(last(), status);
        if (status == 401) {
            r.addHeader(headers.createHeader("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\""));
        }
        assertTrue(line.onResponse(r, branchOf(last())));
    }

    private void answerOk(LineRegistration line, int granted) throws Exception {
        Response r = response(last(), 200);
        ContactHeader c = (ContactHeader) last().getHeader(ContactHeader.NAME).clone();
        c.setExpires(granted);
        r.addHeader(c);
        assertTrue(line.onResponse(r, branchOf(last())));
    }

    private Response response(Request r, int status) throws Exception {
        return messages.createResponse(status, r);
    }

    private static String branchOf(Request r) {
        return ((ViaHeader) r.getHeader(ViaHeader.NAME)).getBranch();
    }

    private static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static long cseq(Request r) {
        return ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    private Request registerFixture() throws Exception {
        return messages.createRequest("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:15060;branch=z9hG4bK-f\r\n"
                + "From: <sip:acct@127.0.0.1>;tag=1\r\nTo: <sip:acct@127.0.0.1>\r\nCall-ID: f\r\nCSeq: 1 REGISTER\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    static TestConfig config() {
        return new TestConfig();
    }

    /** A LineConfig as ConfigAdmin would give it, with the metatype defaults. */
    static final class TestConfig implements LineConfig {
        private String domain = "127.0.0.1:16080";
        private String proxy = "";
        private int expires = 3600;
        private String authId = "";
        private boolean withDomain;
        private String[] did = {};

        TestConfig domain(String d) {
            domain = d;
            return this;
        }

        TestConfig proxy(String p) {
            proxy = p;
            return this;
        }

        TestConfig expires(int e) {
            expires = e;
            return this;
        }

        TestConfig authId(String id, boolean withDomain) {
            authId = id;
            this.withDomain = withDomain;
            return this;
        }

        TestConfig did(String... d) {
            did = d;
            return this;
        }

        @Override public Class<? extends Annotation> annotationType() { return LineConfig.class; }
        @Override public String name() { return "carrier1"; }
        @Override public String domain() { return domain; }
        @Override public String proxy() { return proxy; }
        @Override public String transport() { return "UDP"; }
        @Override public String account() { return "+8612345678"; }
        @Override public String password() { return "pw"; }
        @Override public String auth_id() { return authId; }
        @Override public boolean auth_id_with_domain() { return withDomain; }
        @Override public int expires() { return expires; }
        @Override public boolean register() { return true; }
        @Override public int retry_interval() { return 30; }
        @Override public int retry_max_interval() { return 600; }
        @Override public String[] did() { return did; }
        @Override public String prefix() { return "9"; }
        @Override public String caller_id() { return ""; }
    }
}
