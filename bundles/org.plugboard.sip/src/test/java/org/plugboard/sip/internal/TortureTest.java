package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The project's torture messages (RFC 4475's kinds, our own text, {@code src/test/resources/torture}) sent over
 * UDP to this bundle's real stack on loopback, with no handler bound: each gets the answer its file names for the
 * bare SIP layer ({@code # stack:}), and a dropped one is counted. {@code itests/.../TortureIT} sends the same
 * files to the distribution.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TortureTest {
    private static final int PORT = 15094;
    private LoopbackStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = new LoopbackStack();
        stack.lifecycle.start(LoopbackStack.udpConfig(PORT));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @TestFactory
    Stream<DynamicTest> eachCaseGetsItsAnswer() throws Exception {
        Path dir = Path.of(TortureTest.class.getResource("/torture").toURI());
        return TortureCase.all(dir).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private void run(TortureCase c) throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(3_000);
            String id = Long.toHexString(System.nanoTime());
            for (int i = 0; i < c.messages().size(); i++) {
                byte[] out = c.render(i, "127.0.0.1:" + peer.getLocalPort(), "127.0.0.1:" + PORT, id + i);
                long countedBefore = stack.seen();
                peer.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), PORT));
                String sent = new String(out, StandardCharsets.UTF_8);
                String expected = c.stack().get(i);
                if (TortureCase.DROP.equals(expected)) {
                    assertSilentThenCounted(c.name(), peer, countedBefore);
                } else {
                    check(c, expected, sent, finalAnswer(c.name(), peer));
                }
            }
        }
    }

    /** The first final answer (100 Trying skipped). */
    private static String finalAnswer(String name, DatagramSocket peer) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65_535], 65_535);
        while (true) {
            try {
                peer.receive(p);
            } catch (SocketTimeoutException e) {
                fail(name + ": no answer within 3 s");
            }
            String answer = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (!answer.startsWith("SIP/2.0 100 ")) {
                return answer;
            }
        }
    }

    static void check(TortureCase c, String expected, String sent, String answer) {
        String statusLine = answer.substring(0, Math.max(0, answer.indexOf("\r\n")));
        assertTrue(statusLine.startsWith("SIP/2.0 " + expected + " "), c.name() + ": expected " + expected + ", got " + statusLine);
        if (c.reason() != null) {
            assertTrue(loose(statusLine).contains(loose(c.reason())), c.name() + ": the reason phrase must name " + c.reason() + ": " + statusLine);
        }
        String callId = TortureCase.callId(sent);
        if (callId != null) {
            assertEquals(callId, TortureCase.callId(answer), c.name() + ": the answer is to another request");
        }
        if (expected.equals("405")) {
            assertTrue(answer.contains("\r\nAllow: "), c.name() + ": 405 without Allow");
        }
        if (expected.equals("420")) {
            assertTrue(answer.contains("\r\nUnsupported: "), c.name() + ": 420 without Unsupported");
        }
    }

    /** Case and hyphens aside: "Content-Length" is named by "content length" too. */
    private static String loose(String s) {
        return s.toLowerCase().replace('-', ' ');
    }

    /**
     * Nothing comes back for a message that cannot be answered: a well-formed OPTIONS sent after it is the first
     * thing answered, and the message was counted (unparseable or dropped) by then.
     */
    private void assertSilentThenCounted(String name, DatagramSocket peer, long countedBefore) throws Exception {
        String probeId = "probe-" + System.nanoTime();
        byte[] probe = ("OPTIONS sip:ping@127.0.0.1:" + PORT + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort()
                + ";branch=z9hG4bK-" + probeId + "\r\nMax-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\n"
                + "To: <sip:ping@127.0.0.1>\r\nCall-ID: " + probeId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(probe, probe.length, InetAddress.getLoopbackAddress(), PORT));
        String answer = finalAnswer(name, peer);
        assertEquals(probeId, TortureCase.callId(answer), name + ": expected no answer, got " + answer.lines().findFirst().orElse(""));
        // the message and the probe may be parsed on two stack threads: wait for the count, not for a time
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (stack.seen() < countedBefore + 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(stack.seen() >= countedBefore + 2, name + ": neither counted as unparseable nor as received");
    }
}
