package org.plugboard.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The project's torture messages ({@code bundles/org.plugboard.sip/src/test/resources/torture}, RFC 4475's kinds
 * in our own text) sent over UDP to the running PBX: each gets the answer its file names for the distribution
 * ({@code # pbx:}: the registrar's 401 and 420, the B2BUA's 407 and 481, the SIP layer's 200, 400, 405, 416,
 * 505), or none; and the PBX still answers OPTIONS afterwards. {@code TortureTest} sends the same files to the
 * bare SIP layer.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TortureIT extends PbxTestSupport {
    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            systemProperty("torture.dir").value(System.getProperty("torture.dir", "")),
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
        };
    }

    @Test
    public void everyTortureMessageGetsTheAnswerItsContentAsksFor() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<TortureCase> cases = TortureCase.all(Path.of(System.getProperty("torture.dir")));
        assertTrue("torture cases found: " + cases.size(), cases.size() >= 30);
        for (TortureCase c : cases) {
            try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                peer.setSoTimeout(3_000);
                String id = Long.toHexString(System.nanoTime());
                for (int i = 0; i < c.messages().size(); i++) {
                    byte[] out = c.render(i, "127.0.0.1:" + peer.getLocalPort(), "127.0.0.1:" + SIP_PORT, id + i);
                    peer.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), SIP_PORT));
                    String problem = judge(c, c.pbx().get(i), new String(out, StandardCharsets.UTF_8), peer);
                    if (problem != null) {
                        wrong.add(c.name() + " #" + (i + 1) + ": " + problem);
                    }
                }
            }
        }
        assertTrue(wrong.size() + " of " + cases.size() + " cases answered wrongly:\n" + String.join("\n", wrong), wrong.isEmpty());
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(3_000);
            String answer = probe(peer);
            assertTrue("the PBX still answers OPTIONS: " + answer, answer != null && answer.startsWith("SIP/2.0 200 "));
        }
    }

    /** What is wrong with the answer to {@code sent}, or null. */
    private static String judge(TortureCase c, String expected, String sent, DatagramSocket peer) throws Exception {
        if (TortureCase.DROP.equals(expected)) {
            String first = probe(peer); // the probe's answer must be the first thing to come back
            String probeId = TortureCase.callId(first == null ? "" : first);
            return first == null ? "the PBX stopped answering" : probeId != null && probeId.startsWith("probe-") ? null
                    : "expected no answer, got " + first.lines().findFirst().orElse("");
        }
        String answer = finalAnswer(peer);
        if (answer == null) {
            return "expected " + expected + ", got no answer within 3 s";
        }
        String statusLine = answer.lines().findFirst().orElse("");
        if (!statusLine.startsWith("SIP/2.0 " + expected + " ")) {
            return "expected " + expected + ", got " + statusLine;
        }
        if (c.reason() != null && !loose(statusLine).contains(loose(c.reason()))) {
            return "the reason phrase does not name " + c.reason() + ": " + statusLine;
        }
        String callId = TortureCase.callId(sent);
        if (callId != null && !callId.equals(TortureCase.callId(answer))) {
            return "the answer is to another request: " + TortureCase.callId(answer);
        }
        return null;
    }

    private static String loose(String s) {
        return s.toLowerCase().replace('-', ' ');
    }

    private static String finalAnswer(DatagramSocket peer) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65_535], 65_535);
        while (true) {
            try {
                peer.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            String answer = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (!answer.startsWith("SIP/2.0 100 ")) {
                return answer;
            }
        }
    }

    /** Sends a well-formed OPTIONS and returns the first final answer that comes back (any request's). */
    private static String probe(DatagramSocket peer) throws Exception {
        String id = "probe-" + System.nanoTime();
        byte[] probe = ("OPTIONS sip:ping@127.0.0.1:" + SIP_PORT + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort()
                + ";branch=z9hG4bK-" + id + "\r\nMax-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\n"
                + "To: <sip:ping@127.0.0.1>\r\nCall-ID: " + id + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(probe, probe.length, InetAddress.getLoopbackAddress(), SIP_PORT));
        return finalAnswer(peer);
    }
}
