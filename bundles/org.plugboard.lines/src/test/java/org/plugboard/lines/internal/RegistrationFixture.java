package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.DigestClient;
import org.plugboard.api.sip.NextHop;

/**
 * What every registration test needs: real JAIN-SIP factories, a recording wire, a manual clock and timers, and a
 * LineConfig as ConfigAdmin would give it.
 */
abstract class RegistrationFixture {
    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final AtomicLong now = new AtomicLong(1_000_000);
    final List<Request> sent = new ArrayList<>();
    final List<NextHop> hops = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    boolean digestUsable = true;

    record Timer(Runnable task, long due, boolean[] cancelled) {
    }

    RegistrationFixture() {
        SipFactory sip = SipFactory.getInstance();
        sip.setPathName("gov.nist");
        try {
            addresses = sip.createAddressFactory();
            headers = sip.createHeaderFactory();
            messages = sip.createMessageFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }

    LineRegistration line(TestConfig c) {
        return line(c, Sequence.fresh());
    }

    LineRegistration line(TestConfig c, Sequence sequence) {
        return new LineRegistration(LineSettings.from(c), sequence, this::requests, digest(), wire(),
                this::schedule, InetAddress::getAllByName, now::get);
    }

    RegisterRequests requests() {
        return new RegisterRequests(addresses, headers, messages);
    }

    DigestClient digest() {
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

    LineRegistration.Wire wire() {
        return new LineRegistration.Wire() {
            int branches;

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

    Runnable schedule(Runnable task, long delay) {
        boolean[] cancelled = {false};
        timers.add(new Timer(task, now.get() + delay, cancelled));
        return () -> cancelled[0] = true;
    }

    int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.cancelled()[0]).count();
    }

    void fireTimers(long advanceMillis) {
        now.addAndGet(advanceMillis);
        for (Timer t : List.copyOf(timers)) {
            if (!t.cancelled()[0] && t.due() <= now.get()) {
                t.cancelled()[0] = true;
                t.task().run();
            }
        }
    }

    Request last() {
        return sent.get(sent.size() - 1);
    }

    void answer(LineRegistration line, int status) throws Exception {
        Response r = response(last(), status);
        if (status == 401) {
            r.addHeader(headers.createHeader("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\""));
        }
        assertTrue(line.onResponse(r, branchOf(last())));
    }

    void answerOk(LineRegistration line, int granted) throws Exception {
        Response r = response(last(), 200);
        ContactHeader c = (ContactHeader) last().getHeader(ContactHeader.NAME).clone();
        c.setExpires(granted);
        r.addHeader(c);
        assertTrue(line.onResponse(r, branchOf(last())));
    }

    Response response(Request r, int status) throws Exception {
        return messages.createResponse(status, r);
    }

    static String branchOf(Request r) {
        return ((ViaHeader) r.getHeader(ViaHeader.NAME)).getBranch();
    }

    static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static long cseq(Request r) {
        return ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    Request registerFixture() throws Exception {
        return messages.createRequest("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:15060;branch=z9hG4bK-f\r\n"
                + "From: <sip:acct@127.0.0.1>;tag=1\r\nTo: <sip:acct@127.0.0.1>\r\nCall-ID: f\r\nCSeq: 1 REGISTER\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    static TestConfig config() {
        return new TestConfig();
    }

    /** A LineConfig as ConfigAdmin would give it, with the metatype defaults. */
    static final class TestConfig implements LineConfig {
        String domain = "127.0.0.1:16080";
        String proxy = "";
        int expires = 3600;
        String authId = "";
        boolean withDomain;
        String[] did = {};

        private String transport = "UDP";

        TestConfig transport(String t) {
            transport = t;
            return this;
        }

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
        @Override public String transport() { return transport; }
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
