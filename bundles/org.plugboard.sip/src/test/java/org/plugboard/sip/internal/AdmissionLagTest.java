package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sip.message.Message;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;
import org.plugboard.sip.internal.tls.SipTls;

/**
 * The receive-lag limit on a real RI stack with one worker thread: while the worker is held (a rewriter blocks on an
 * in-dialog INFO), two INVITEs wait in the RI's UDP queue. When the worker comes back, the first INVITE is judged
 * while the second has waited longer than the limit: refused with 503; the second, judged with the queue empty, is
 * admitted (405: the stack has no handlers).
 */
class AdmissionLagTest {
    private static final int PORT = 15094;
    private static final long LIMIT_MS = 50;
    private final Admission admission = new Admission(System::nanoTime);
    private final SipStats stats = new SipStats();
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final Dispatcher dispatcher = new Dispatcher(whiteboards, parking, stats, new SipTrace(), Messages.HEADERS,
            Messages.MESSAGES, Messages::server, () -> null);
    private final SipTls tls = new SipTls();
    private final StackLifecycle lifecycle = new StackLifecycle(dispatcher, stats, () -> { }, tls, admission);
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        lifecycle.stop();
        tls.close();
        parking.shutdown();
    }

    @Test
    void aRequestJudgedWhileTheQueueIsOlderThanTheLimitIsRefused() throws Exception {
        admission.configure(new Admission.Limits(0, LIMIT_MS, 5));
        holdTheWorkerOnInfo();
        lifecycle.start(oneWorker());
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(5_000);
            send(phone, request("INFO", phone, "info", ";tag=dialog"));
            assertTrue(held.await(5, TimeUnit.SECONDS), "the worker took the INFO");
            send(phone, request("INVITE", phone, "first", ""));
            send(phone, request("INVITE", phone, "second", ""));
            // the queue's age is what is measured: let it grow past the limit while the worker is held
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * LIMIT_MS);
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            release.countDown();

            Map<String, String> answers = new HashMap<>();
            while (answers.size() < 3) {
                String r = receive(phone);
                if (!r.startsWith("SIP/2.0 1")) {
                    answers.put(callIdOf(r), r.substring(0, r.indexOf("\r\n")));
                }
            }
            assertEquals("SIP/2.0 503 Server Overloaded", answers.get("first@127.0.0.1"));
            assertEquals("SIP/2.0 405 Method not allowed", answers.get("second@127.0.0.1"), "judged with the queue empty");
            assertEquals("SIP/2.0 405 Method not allowed", answers.get("info@127.0.0.1"), "in-dialog: never judged");
            assertEquals(1, admission.rejectedLag.sum());
        }
    }

    /**
     * The receive queue's age limit on the same stack: a request that waited past it while the worker was held is
     * dropped unanswered and counted; one sent after the worker is back is answered.
     */
    @Test
    void aRequestThatWaitedPastTheQueueAgeLimitIsDroppedUnansweredAndCounted() throws Exception {
        holdTheWorkerOnInfo();
        lifecycle.start(oneWorker(100));
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(5_000);
            send(phone, request("INFO", phone, "info", ";tag=dialog"));
            assertTrue(held.await(5, TimeUnit.SECONDS), "the worker took the INFO");
            send(phone, request("INVITE", phone, "stale", ""));
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300); // the INVITE's wait, past 100 ms
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            release.countDown();
            send(phone, request("INVITE", phone, "fresh", ""));

            List<String> finals = new ArrayList<>(); // one worker: a stale INVITE's answer would come before the fresh one's
            while (!finals.contains("fresh@127.0.0.1")) {
                String r = receive(phone);
                if (!r.startsWith("SIP/2.0 1")) {
                    finals.add(callIdOf(r));
                }
            }
            assertEquals(List.of("info@127.0.0.1", "fresh@127.0.0.1"), finals);
            assertEquals(1, lifecycle.droppedStale());
        }
    }

    private void holdTheWorkerOnInfo() {
        whiteboards.addRewriter(new SipMessageRewriter() {
            @Override
            public void rewriteInbound(Message message, RewriteContext context) {
                held.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, Messages.props(1, 0, SipMessageRewriter.PROFILES, "*", SipMessageRewriter.METHODS, "INFO"));
    }

    /** UDP on 127.0.0.1 with one RI worker thread, so the queue's order is the order of judgement. */
    private static SipConfig oneWorker() {
        return oneWorker(SipConfig.DEFAULT_DROP_AFTER_MS);
    }

    /** The same, with requests dropped after waiting {@code dropAfterMs} in the receive queue. */
    private static SipConfig oneWorker(int dropAfterMs) {
        Map<String, Object> set = Map.of("listen_addresses", new String[] {"127.0.0.1"}, "port", PORT, "transports",
                new String[] {"UDP"}, "threads", 1, "overload_drop_after_ms", dropAfterMs);
        return (SipConfig) Proxy.newProxyInstance(SipConfig.class.getClassLoader(), new Class<?>[] {SipConfig.class},
                (proxy, method, args) -> set.containsKey(method.getName()) ? set.get(method.getName()) : method.getDefaultValue());
    }

    private static String request(String method, DatagramSocket phone, String callId, String toParams) {
        int p = phone.getLocalPort();
        return method + " sip:200@127.0.0.1:" + PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + p + ";branch=z9hG4bK-lag-" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100@127.0.0.1>;tag=phone\r\n"
                + "To: <sip:200@127.0.0.1>" + toParams + "\r\n"
                + "Call-ID: " + callId + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:100@127.0.0.1:" + p + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, String message) throws Exception {
        RawUdp.send(socket, PORT, message);
    }

    private static String receive(DatagramSocket socket) throws Exception {
        return RawUdp.receive(socket);
    }

    private static String callIdOf(String message) {
        for (String line : message.split("\r\n")) {
            if (line.startsWith("Call-ID:")) {
                return line.substring(8).trim();
            }
        }
        throw new AssertionError("no Call-ID in\n" + message);
    }
}
