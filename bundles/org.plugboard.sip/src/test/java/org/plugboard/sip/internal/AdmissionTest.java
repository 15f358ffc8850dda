package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.sip.internal.tls.SipTls;

/**
 * The admission on a real RI stack on loopback, with a raw UDP phone. The stack has no handlers, so an admitted
 * INVITE gets 405 from the dispatcher and a refused one the valve's stateless 503: the status tells which way it went.
 * The token bucket runs on a manual clock, so the limit is exact.
 */
class AdmissionTest {
    private static final int PORT = 15093;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Admission admission = new Admission(nanos::get);
    private final SipStats stats = new SipStats();
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Dispatcher dispatcher = new Dispatcher(new Whiteboards(parking), parking, stats, new SipTrace(),
            Messages.HEADERS, Messages.MESSAGES, Messages::server, () -> null);
    private final SipTls tls = new SipTls();
    private final StackLifecycle lifecycle = new StackLifecycle(dispatcher, stats, () -> { }, tls, admission);

    @AfterEach
    void stop() {
        lifecycle.stop();
        tls.close();
        parking.shutdown();
    }

    @Test
    void aQueueAgeLimitNotAboveARegistersLagLimitIsNamedWithItsFix() {
        Admission.Limits lag = new Admission.Limits(0, 1000, 5);
        assertNull(AdmissionStatus.orderProblem(lag, 2500), "the defaults are in order");
        assertNull(AdmissionStatus.orderProblem(lag, 0), "no age limit");
        assertNull(AdmissionStatus.orderProblem(Admission.Limits.OFF, 100), "no lag limit");
        assertEquals("org.plugboard.sip overload.drop.after.ms = 2000 is not above the receive lag limit (1000 ms, 2000 ms "
                + "for a REGISTER): requests will be dropped unanswered before the 503 refuses them. Set "
                + "overload.drop.after.ms above 2000 or lower overload.max.lag.ms in etc/org.plugboard.sip.cfg",
                AdmissionStatus.orderProblem(lag, 2000));
        assertTrue(SipConfig.DEFAULT_DROP_AFTER_MS > SipConfig.DEFAULT_MAX_LAG_MS * Admission.REGISTER_LAG_FACTOR,
                "the shipped defaults must be in order");
    }

    @Test
    void newRequestsPastTheRateGetAStateless503WithRetryAfterAndOptionsStillGet200() throws Exception {
        admission.configure(new Admission.Limits(3, 0, 7));
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = phone()) {
            for (int i = 0; i < 3; i++) {
                assertEquals("SIP/2.0 405 Method not allowed", statusLine(exchange(phone, invite(phone, "in-" + i, "b-in-" + i))));
            }
            for (int i = 0; i < 4; i++) {
                String refused = exchange(phone, invite(phone, "out-" + i, "b-out-" + i));
                assertEquals("SIP/2.0 503 Server Overloaded", statusLine(refused));
                assertTrue(refused.contains("Retry-After: 7"), refused);
                assertTrue(refused.contains(";tag=" + Admission.TAG_PREFIX), refused);
            }
            assertEquals("SIP/2.0 200 OK", statusLine(exchange(phone, options(phone))), "OPTIONS is never refused");
            assertEquals(4, admission.rejectedRate.sum());

            nanos.addAndGet(1_000_000_000L); // a second later the bucket holds 3 again
            assertEquals("SIP/2.0 405 Method not allowed", statusLine(exchange(phone, invite(phone, "later", "b-later"))));
        }
    }

    @Test
    void aRetransmissionOfAnAdmittedRequestIsNotRefusedAndTheRefusalIsTheSameForARetransmission() throws Exception {
        admission.configure(new Admission.Limits(1, 0, 5));
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = phone()) {
            String admitted = invite(phone, "first", "b-first");
            assertEquals("SIP/2.0 405 Method not allowed", statusLine(exchange(phone, admitted)));
            // the bucket is empty now: the same INVITE again is its transaction's retransmission, not a new request
            assertEquals("SIP/2.0 405 Method not allowed", statusLine(exchange(phone, admitted)));

            String other = invite(phone, "second", "b-second");
            String refused = exchange(phone, other);
            String again = exchange(phone, other);
            assertEquals("SIP/2.0 503 Server Overloaded", statusLine(again));
            assertEquals(toTag(refused), toTag(again), "a stateless UAS answers a retransmission with the same To-tag");
            assertEquals(2, admission.rejectedRate.sum());
        }
    }

    @Test
    void theAckOfARefusalIsDroppedAndCounted() throws Exception {
        admission.configure(new Admission.Limits(1, 0, 5));
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = phone()) {
            exchange(phone, invite(phone, "fill", "b-fill"));
            String refused = exchange(phone, invite(phone, "acked", "b-acked"));
            send(phone, ack(phone, "acked", "b-acked", toTag(refused)));
            exchange(phone, options(phone)); // the stack handles datagrams in order of arrival on one phone's queue...
            long deadline = System.nanoTime() + 5_000_000_000L; // ...but on several threads: wait for the count
            while (admission.acksDropped.sum() == 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
            assertEquals(1, admission.acksDropped.sum());
        }
    }

    @Test
    void aReceiveLagPastTheLimitRefusesAndALimitOfZeroNever() {
        admission.configure(new Admission.Limits(0, 100, 5));
        assertEquals(Admission.Verdict.ADMIT, admission.judge(100));
        assertEquals(Admission.Verdict.OVER_LAG, admission.judge(101));
        admission.configure(Admission.Limits.OFF);
        assertEquals(Admission.Verdict.ADMIT, admission.judge(1_000_000));
        assertEquals(1, admission.rejectedLag.sum());
    }

    /** Issue 18: under lag new calls are shed first; a REGISTER (a refresh keeps a phone reachable) waits twice as long. */
    @Test
    void underLagARegisterIsRefusedOnlyPastTwiceTheLimit() {
        admission.configure(new Admission.Limits(0, 100, 5));
        assertEquals(Admission.Verdict.OVER_LAG, admission.judge(150, "INVITE"));
        assertEquals(Admission.Verdict.OVER_LAG, admission.judge(150, "SUBSCRIBE"));
        assertEquals(Admission.Verdict.ADMIT, admission.judge(150, "REGISTER"));
        assertEquals(Admission.Verdict.ADMIT, admission.judge(200, "REGISTER"));
        assertEquals(Admission.Verdict.OVER_LAG, admission.judge(201, "REGISTER"));
        assertEquals(3, admission.rejectedLag.sum());
        assertTrue(AdmissionStatus.limits(admission.limits()).contains("receive lag <= 100 ms (REGISTER 200 ms)"));
    }

    private static DatagramSocket phone() throws Exception {
        DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phone.setSoTimeout(5_000);
        return phone;
    }

    private static String invite(DatagramSocket phone, String callId, String branch) {
        return request("INVITE", phone, callId, branch, "", 1);
    }

    private static String options(DatagramSocket phone) {
        return request("OPTIONS", phone, "opt-" + System.nanoTime(), "b-opt-" + System.nanoTime(), "", 1);
    }

    private static String ack(DatagramSocket phone, String callId, String branch, String toTag) {
        return request("ACK", phone, callId, branch, ";tag=" + toTag, 1);
    }

    private static String request(String method, DatagramSocket phone, String callId, String branch, String toParams, int cseq) {
        int p = phone.getLocalPort();
        return method + " sip:200@127.0.0.1:" + PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + p + ";branch=z9hG4bK-" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100@127.0.0.1>;tag=phone\r\n"
                + "To: <sip:200@127.0.0.1>" + toParams + "\r\n"
                + "Call-ID: " + callId + "@127.0.0.1\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:100@127.0.0.1:" + p + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, String message) throws Exception {
        RawUdp.send(socket, PORT, message);
    }

    /** Sends and returns the first final answer (a 100 Trying from the stack is skipped). */
    private static String exchange(DatagramSocket socket, String message) throws Exception {
        send(socket, message);
        while (true) {
            DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 5 s to\n" + message);
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            if (!text.startsWith("SIP/2.0 1")) {
                return text;
            }
        }
    }

    private static String statusLine(String message) {
        return message.substring(0, message.indexOf("\r\n"));
    }

    private static String toTag(String message) {
        for (String line : message.split("\r\n")) {
            if (line.startsWith("To:")) {
                return line.substring(line.indexOf(";tag=") + 5);
            }
        }
        throw new AssertionError("no To header in\n" + message);
    }
}
