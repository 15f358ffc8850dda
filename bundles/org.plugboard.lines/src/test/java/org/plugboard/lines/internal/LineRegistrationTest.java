package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.NextHop;

/**
 * The registration state machine with real JAIN-SIP messages, a recording wire, a manual clock and timers: what is
 * sent, when, and what the line shows after each answer.
 */
class LineRegistrationTest extends RegistrationFixture {
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

    /** The sip bundle's local 503 when the registrar's TLS certificate is refused: shown as it is, retried later. */
    @Test
    void aTlsRegistrarWhoseCertificateIsRefusedFailsWithThatReasonAndIsRetriedLater() throws Exception {
        LineRegistration line = line(config());
        line.start();
        Response refused = response(last(), 503);
        refused.setReasonPhrase("TLS peer certificate not trusted: CN=registrar.test");
        assertTrue(line.onResponse(refused, branchOf(last())));
        assertEquals(LineState.FAILING, line.status().state());
        assertEquals("503 TLS peer certificate not trusted: CN=registrar.test", line.status().lastResponse());
        assertEquals(30, line.status().nextAttemptSeconds());
        int before = sent.size();
        fireTimers(30_000);
        assertEquals(before + 1, sent.size(), "one new REGISTER, not a flood");
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
}
