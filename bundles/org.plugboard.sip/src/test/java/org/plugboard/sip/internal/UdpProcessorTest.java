package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sip.message.Request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.sip.internal.tls.SipTls;

/**
 * The stack's UDP processors ({@code RestartableProcessorFactory} in the RI bundle): requests leave from the
 * listening port (so answers come back to it), and a stop right after a start closes every worker.
 */
class UdpProcessorTest {
    private static final int UDP_PORT = 15097;
    private final LoopbackStack stack = new LoopbackStack();
    private final StackLifecycle lifecycle = stack.lifecycle;
    private final SipTls tls = stack.tls;

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aRequestLeavesFromTheListeningPort() throws Exception {
        lifecycle.start(config());
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(5_000);
            Request options = Messages.MESSAGES.createRequest("OPTIONS sip:phone@127.0.0.1:" + phone.getLocalPort() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + UDP_PORT + ";branch=z9hG4bK-udp-" + System.nanoTime() + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:pbx@127.0.0.1>;tag=pbx\r\nTo: <sip:phone@127.0.0.1>\r\n"
                    + "Call-ID: udp-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
            lifecycle.listening().providers().get(0).sendRequest(options);
            DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
            phone.receive(packet);
            assertTrue(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII).startsWith("OPTIONS "));
            assertEquals(UDP_PORT, packet.getPort(), "sent from an ephemeral port: the answer would never come back");
        }
    }

    @Test
    void aStopRightAfterAStartClosesEveryWorker() throws Exception {
        for (int i = 0; i < 10; i++) {
            lifecycle.start(config());
            lifecycle.stop();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!workers().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(), workers(), "UDP workers left running");
    }

    /**
     * The RI sleeps a fixed second after closing its sockets; ours does not wait it out (a sip bundle update has no
     * port open until the stop returns). With the pause a stop takes 1,000 ms or more, whatever the machine.
     */
    @Test
    void aStopReturnsWithoutTheRisOneSecondPauseAndFreesThePort() throws Exception {
        lifecycle.start(config());
        long start = System.nanoTime();
        lifecycle.stop();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1_000, "the stop took " + ms + " ms: the RI's one-second pause is back");
        try (DatagramSocket rebound = new DatagramSocket(UDP_PORT, InetAddress.getLoopbackAddress())) {
            assertEquals(UDP_PORT, rebound.getLocalPort());
        }
    }

    /** Ending that pause interrupts the stopping thread: the caller's own interrupt status is what it was. */
    @Test
    void aStopLeavesTheCallersInterruptStatusAsItWas() throws Exception {
        lifecycle.start(config());
        lifecycle.stop();
        assertFalse(Thread.currentThread().isInterrupted(), "the stop left its own interrupt set on the caller");
        lifecycle.start(config());
        Thread.currentThread().interrupt();
        try {
            lifecycle.stop();
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt was lost");
        } finally {
            Thread.interrupted();
        }
        try (DatagramSocket rebound = new DatagramSocket(UDP_PORT, InetAddress.getLoopbackAddress())) {
            assertEquals(UDP_PORT, rebound.getLocalPort(), "an interrupted caller's stop left the port bound");
        }
    }

    /**
     * The receive loop reads every datagram into one buffer and queues a copy: datagrams of very different sizes, sent
     * back to back so the next overwrites the buffer while workers still parse the last, each reach the stack whole
     * (every OPTIONS answered, its own Call-ID in its answer).
     */
    @Test
    void datagramsOfEverySizeSentBackToBackEachArriveWhole() throws Exception {
        lifecycle.start(config());
        int count = 40;
        java.util.Set<String> expected = new java.util.HashSet<>();
        try (DatagramSocket phone = RawUdp.phone()) {
            for (int i = 0; i < count; i++) {
                String callId = "size-" + i + "-" + System.nanoTime();
                expected.add(callId);
                RawUdp.send(phone, UDP_PORT, options(phone.getLocalPort(), callId, (i * 1_499) % 30_000));
            }
            java.util.Set<String> answered = new java.util.HashSet<>();
            for (int i = 0; i < count; i++) {
                String answer = RawUdp.receive(phone);
                assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?mi)^Call-ID: *(\\S+)").matcher(answer);
                assertTrue(m.find(), answer);
                answered.add(m.group(1));
            }
            assertEquals(expected, answered);
        }
    }

    /** An OPTIONS padded with an {@code X-Pad} header of {@code pad} bytes. */
    private static String options(int phonePort, String callId, int pad) {
        return "OPTIONS sip:127.0.0.1:" + UDP_PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phonePort + ";branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:phone@127.0.0.1>;tag=p\r\nTo: <sip:pbx@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nX-Pad: " + "p".repeat(pad) + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static List<String> workers() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains("UDPMessageChannelThread")).toList();
    }

    private static SipConfig config() {
        return LoopbackStack.udpConfig(UDP_PORT);
    }
}
