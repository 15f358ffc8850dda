package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.header.HeaderFactory;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.StatelessChallenger;
import org.plugboard.sip.internal.tls.SipTls;

/**
 * Issue 18, the receive path of a challenge: a request its handler's {@link StatelessChallenger} is sure of gets the
 * 401/407 from the valve, on a real RI stack on loopback, before the stack makes a transaction: the handler never
 * runs, nothing is in the transaction table, a retransmission gets the same To-tag, the ACK of a 407 is dropped, and
 * the counters say so. What the challenger is unsure of, or a challenger that does not speak for the method's
 * current handler, leaves the request to the handler.
 */
class StatelessChallengeTest {
    private static final int PORT = 15101;
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final SipStats stats = new SipStats();
    private final SipTrace trace = new SipTrace();
    private final Dispatcher dispatcher = new Dispatcher(whiteboards, parking, stats, trace,
            Messages.HEADERS, Messages.MESSAGES, Messages::server, () -> null);
    private final SipTls tls = new SipTls();
    private final StackLifecycle lifecycle = new StackLifecycle(dispatcher, stats, () -> { }, tls);
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger asked = new AtomicInteger();

    @AfterEach
    void stop() {
        lifecycle.stop();
        tls.close();
        parking.shutdown();
    }

    /** A challenger that is sure of requests without an X-Sure: no header, answering {@code status}. */
    private final class Challenger implements StatelessChallenger {
        private final int status;

        Challenger(int status) {
            this.status = status;
        }

        @Override
        public int challengeStatus(Request request, String profile) {
            asked.incrementAndGet();
            return request.getHeader("X-Sure") == null ? status : 0;
        }

        @Override
        public void addChallenge(Response response, HeaderFactory headers) {
            try {
                WWWAuthenticateHeader h = status == 401 ? headers.createWWWAuthenticateHeader("Digest")
                        : headers.createProxyAuthenticateHeader("Digest");
                h.setRealm("plugboard");
                h.setNonce("n-" + asked.get());
                response.addHeader(h);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Handler and challenger in one registration (service id 1), as the registrar and the B2BUA publish them. */
    private void serve(String method, int status) {
        whiteboards.addHandler(new Messages.Held<>(r -> {
            handled.incrementAndGet();
            if (!Request.ACK.equals(r.request().getMethod())) {
                r.respond(403); // any answer but a challenge (a 2xx to an INVITE would need a Contact)
            }
        }), Messages.props(1, 0, SipRequestHandler.METHODS, new String[] {method, "ACK"}));
        whiteboards.addChallenger(new Messages.Held<>(new Challenger(status)), Messages.props(1, 0, StatelessChallenger.METHODS, method));
    }

    @Test
    void aRegisterTheChallengerIsSureOfIsChallengedBeforeAnyTransactionAndItsRetransmissionAlike() throws Exception {
        serve("REGISTER", 401);
        trace.set(true);
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = RawUdp.phone()) {
            String register = RawUdp.register(PORT, phone.getLocalPort(), "z9hG4bK-sl-401-" + System.nanoTime());
            RawUdp.send(phone, PORT, register);
            String first = RawUdp.receive(phone);
            assertTrue(first.startsWith("SIP/2.0 401 "), first);
            assertTrue(first.contains("WWW-Authenticate: Digest realm=\"plugboard\""), first);
            RawUdp.send(phone, PORT, register); // a retransmission: a new challenge, the same To-tag
            String second = RawUdp.receive(phone);
            assertEquals(toTag(first), toTag(second));
            assertTrue(toTag(first).startsWith(StatelessChallenges.TAG_PREFIX), first);
            assertEquals(0, handled.get(), "the handler ran");
            assertEquals(0, lifecycle.stack().getServerTransactionTableSize());
            assertEquals(2L, stats.snapshot().get("challenged-stateless"));
            // traced once each, in wire order (regression: the valve traced a challenged request a second time)
            String callId = callId(first);
            assertEquals(List.of("in REGISTER", "out 401", "in REGISTER", "out 401"), awaitLadder(callId, 4));
        }
    }

    /** The ladder once it has {@code size} messages (the trace follows the send), or as it is after 5 s. */
    private List<String> awaitLadder(String callId, int size) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> ladder = ladder(callId);
        while (ladder.size() < size && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            ladder = ladder(callId);
        }
        return ladder;
    }

    private List<String> ladder(String callId) {
        return trace.capture().calls().of(List.of(callId)).stream()
                .map(c -> (c.outbound() ? "out " : "in ") + c.firstLine().split(" ")[0]).toList();
    }

    private static String callId(String message) {
        for (String line : message.split("\r\n")) {
            if (line.startsWith("Call-ID:")) {
                return line.substring(8).trim();
            }
        }
        throw new AssertionError("no Call-ID in " + message);
    }

    @Test
    void anInvitesStatelessChallengeIsAckedIntoNothing() throws Exception {
        serve("INVITE", 407);
        trace.set(true);
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = RawUdp.phone()) {
            String branch = "z9hG4bK-sl-407-" + System.nanoTime();
            RawUdp.send(phone, PORT, invite(phone.getLocalPort(), branch, ""));
            String challenge = RawUdp.receive(phone);
            assertTrue(challenge.startsWith("SIP/2.0 407 "), challenge);
            assertTrue(challenge.contains("Proxy-Authenticate: Digest"), challenge);
            assertEquals(0, lifecycle.stack().getServerTransactionTableSize());
            RawUdp.send(phone, PORT, ack(phone.getLocalPort(), branch, toTag(challenge)));
            RawUdp.send(phone, PORT, RawUdp.register(PORT, phone.getLocalPort(), "z9hG4bK-sl-after-" + System.nanoTime()));
            assertTrue(RawUdp.receive(phone).startsWith("SIP/2.0 405 "), "the REGISTER sent after the ACK is answered");
            List<String> ladder = awaitLadder(branch + "@127.0.0.1", 3); // another worker may still be on the ACK
            assertEquals(1L, stats.snapshot().get("challenge-acks-dropped"));
            assertEquals(0, handled.get(), "neither the INVITE nor its ACK reached the handler");
            // the ACK crossed the wire: the ladder shows it (the web page's ladder test found it missing)
            assertEquals(List.of("in INVITE", "out 407", "in ACK"), ladder);
        }
    }

    /** Found by TortureIT (RFC 4475 style): the challenge goes to the datagram's source, not to the host a Via names. */
    @Test
    void aChallengeGoesToTheSourceWhateverHostTheViaNames() throws Exception {
        serve("INVITE", 407);
        trace.set(true);
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = RawUdp.phone()) {
            String branch = "z9hG4bK-sl-via-" + System.nanoTime();
            RawUdp.send(phone, PORT, invite(phone.getLocalPort(), branch, "")
                    .replace("Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort(), "Via: SIP/2.0/UDP host.example.org"));
            assertTrue(RawUdp.receive(phone).startsWith("SIP/2.0 407 "));
        }
    }

    @Test
    void whatTheChallengerIsUnsureOfGoesToTheHandler() throws Exception {
        serve("INVITE", 407);
        trace.set(true);
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = RawUdp.phone()) {
            RawUdp.send(phone, PORT, invite(phone.getLocalPort(), "z9hG4bK-sl-unsure-" + System.nanoTime(), "X-Sure: no\r\n"));
            assertEquals("SIP/2.0 403 Forbidden", RawUdp.receiveStatusLine(phone));
            assertEquals(1, handled.get());
            assertEquals(0L, stats.snapshot().get("challenged-stateless"));
        }
    }

    @Test
    void aChallengerOfAnotherRegistrationThanTheHandlersIsNeverAsked() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> {
            handled.incrementAndGet();
            r.respond(403);
        }), Messages.props(2, 10, SipRequestHandler.METHODS, "REGISTER"));
        whiteboards.addChallenger(new Messages.Held<>(new Challenger(401)), Messages.props(1, 0, StatelessChallenger.METHODS, "REGISTER"));
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = RawUdp.phone()) {
            RawUdp.send(phone, PORT, RawUdp.register(PORT, phone.getLocalPort(), "z9hG4bK-sl-other-" + System.nanoTime()));
            assertEquals("SIP/2.0 403 Forbidden", RawUdp.receiveStatusLine(phone));
            assertEquals(0, asked.get(), "a challenger that does not speak for the handler was asked");
            assertEquals(1, handled.get());
        }
    }

    private static String toTag(String response) {
        for (String line : response.split("\r\n")) {
            if (line.startsWith("To:")) {
                return line.substring(line.indexOf(";tag=") + 5).trim();
            }
        }
        throw new AssertionError("no To header in " + response);
    }

    private static String invite(int phonePort, String branch, String extra) {
        return "INVITE sip:1002@127.0.0.1:" + PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phonePort + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:1002@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:1001@127.0.0.1:" + phonePort + ">\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    private static String ack(int phonePort, String branch, String toTag) {
        return "ACK sip:1002@127.0.0.1:" + PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phonePort + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:1002@127.0.0.1>;tag=" + toTag + "\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
