package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * IVR-XML (feature pbx-ivr, installed into the running distribution): a SIPp caller dials an IVR's number, the local
 * media engine answers, the prompt (a 1 kHz test tone) reaches a socket of the test, which finds the tone in the
 * decoded u-law; a digit sent as RFC 4733 from a pcap chooses the branch, and the call ends with the transfer the
 * branch names (the calls bundle does not move an answered caller yet: it ends the call, naming the target in the
 * CDR's reason). An IVR file edited under a live call: new calls follow the new version, the live one finishes on its
 * own; an invalid edit is refused with its line and changes nothing; answering reads no file ({@code files-read}).
 * Then {@code bundle:update} of the IVR bundle under a live IVR call, and a trunk's DID whose target is the IVR's number.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IvrIT extends PbxTestSupport {
    // The brief's range for this class: 17500-17549.
    private static final int SIP_A = 17500;
    private static final int SIP_B = 17501;
    private static final int RTP_A = 17530; // SIPp's pcap source port (and +1..+3: RTCP, video)
    private static final int RTP_B = 17540;
    private static final int SDP_A = 17520; // where the prompt goes: a socket of the test
    private static final int SDP_B = 17522;
    private static final String DTMF_5 = "/usr/share/sip-tester/dtmf_2833_5.pcap";
    private static final double TONE_HZ = 1000;
    private static final String PEER = "127.0.0.6"; // a trunk's peer, known by its address

    @Inject
    protected ConfigurationAdmin configAdmin;


    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Before
    public void installTheFeature() throws Exception {
        Path prompts = karafEtc().resolve("prompts").resolve("en");
        Files.createDirectories(prompts);
        Files.write(prompts.resolve("ivr-it-tone.wav"), toneWav(TONE_HZ, 1500));
        ensureFeature(features, "pbx-ivr", "pbx:ivr-list", "files-read");
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        if (sink != null) {
            sink.unregister();
        }
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls.calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls.calls().toString();
            calls.calls().forEach(c -> calls.hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    @Test
    public void theCallerHearsThePromptAndADigitChoosesTheBranch() throws Exception {
        installIvr("tone", ivr("531", "1001"), "version 1");
        long filesRead = ivrCounter("files-read");
        long answered = ivrCounter("calls-answered");
        Sipp.Result caller;
        List<byte[]> heard;
        try (Listener prompt = new Listener(SDP_A)) {
            caller = caller("531", SIP_A, RTP_A, SDP_A, 2500).run();
            heard = prompt.packets();
        }
        passed("caller", caller);
        assertTransferredTo(caller, "1001");
        assertTrue("the prompt's RTP reached the caller: " + heard.size() + " packets", heard.size() >= 50);
        double share = toneShare(heard, TONE_HZ);
        assertTrue("the prompt is the 1 kHz tone: its share of the energy is " + share, share > 0.8);
        assertEquals("answering reads no file", filesRead, ivrCounter("files-read"));
        assertEquals(answered + 1, ivrCounter("calls-answered"));
    }

    @Test
    public void anEditUnderALiveCallServesNewCallsAndAnInvalidEditChangesNothing() throws Exception {
        Path file = installIvr("edit", ivr("532", "1001"), "version 1");
        Sipp.Result liveResult;
        try (Listener a = new Listener(SDP_A); Listener b = new Listener(SDP_B)) {
            Sipp.Running live = caller("532", SIP_A, RTP_A, SDP_A, 7000).start();
            try {
                waitFor("the live call in the IVR", 10_000, () -> calls.calls().size() == 1);
                writeIvr(file, ivr("532", "1003"));
                waitFor("version 2", 10_000, () -> command("pbx:ivr-show edit").contains("version 2"));

                Sipp.Result next = caller("532", SIP_B, RTP_B, SDP_B, 1000).run();
                passed("the call after the edit", next);
                assertTransferredTo(next, "1003");

                // line 5 gets an attribute the schema does not know
                writeIvr(file, ivr("532", "1001").replace("<on digits=\"5\">", "<on digits=\"5\" colour=\"red\">"));
                waitFor("the refusal", 10_000, () -> command("pbx:ivr-list").contains("line 5"));
                String show = command("pbx:ivr-show edit");
                assertTrue(show, show.contains("version 2") && show.contains("transfer to extension 1003") && show.contains("edit.xml:5:"));
                String validate = command("pbx:ivr-validate edit");
                assertTrue(validate, validate.contains("Error: ") && validate.contains("edit.xml:5:") && validate.contains("colour"));
            } finally {
                liveResult = live.await();
            }
        }
        passed("the call that was in the IVR during the edits", liveResult);
        assertTransferredTo(liveResult, "1001");
    }

    @Test
    public void aLiveIvrCallOutlivesAnUpdateOfTheBundle() throws Exception {
        installIvr("update", ivr("533", "1001"), "version 1");
        Bundle ivr = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.plugboard.ivr".equals(b.getSymbolicName())).findFirst().orElseThrow();
        Sipp.Result result;
        Sipp.Result after;
        try (Listener a = new Listener(SDP_A); Listener b = new Listener(SDP_B)) {
            Sipp.Running live = caller("533", SIP_A, RTP_A, SDP_A, 5000).start();
            try {
                waitFor("the live call in the IVR", 10_000, () -> calls.calls().size() == 1);
                ivr.update();
                waitFor("the IVRs after the update", 20_000, () -> command("pbx:ivr-list").contains("533"));
            } finally {
                result = live.await();
            }
            after = caller("533", SIP_B, RTP_B, SDP_B, 1000).run();
        }
        passed("the call in the IVR during the update", result);
        assertTransferredTo(result, "1001");
        passed("a call after the update", after);
        assertTransferredTo(after, "1001");
    }

    @Test
    public void aTrunksDidNamingTheIvrNumberReachesTheIvr() throws Exception {
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
        installIvr("did", ivr("534", "1001"), "version 1");
        Configuration trunk = configAdmin.getFactoryConfiguration("org.plugboard.trunks", "ivrpeer", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("name", "ivrpeer");
        p.put("peers", PEER);
        p.put("did", "+4930555=534");
        trunk.update(p);
        Sipp.Result peer;
        try {
            waitFor("trunk ivrpeer", 15_000, () -> command("pbx:trunk-list").contains("ivrpeer"));
            try (Listener prompt = new Listener(PEER, SDP_A)) {
                peer = sipp("ivr/uac-ivr-peer.xml").from(PEER, SIP_A).service("+4930555").key("caller", "+4930999").mediaPort(RTP_A)
                        .key("aport", Integer.toString(SDP_A)).define("DTMF_PCAP", DTMF_5).define("WAIT_MS", "1500").timeout(30).run();
            }
        } finally {
            trunk.delete();
            waitFor("trunk ivrpeer removed", 15_000, () -> !command("pbx:trunk-list").contains("ivrpeer"));
        }
        passed("the trunk's peer calling the DID", peer);
        assertTransferredTo(peer, "1001");
        assertEquals("+4930555", cdrOf(cdrs, peer).callee());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** An IVR: the tone as the prompt, then one digit; 5 goes to {@code target}, anything else to 1004. */
    private static String ivr(String number, String target) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ivr number="%s">
                  <menu name="main">
                    <collect var="choice" prompt="ivr-it-tone" max="1" first-timeout="10" retries="0">
                      <on digits="5"><transfer to="%s"/></on>
                      <otherwise><transfer to="1004"/></otherwise>
                    </collect>
                  </menu>
                </ivr>
                """.formatted(number, target);
    }

    private static Sipp caller(String number, int sip, int rtp, int sdp, int waitMillis) {
        return sipp("ivr/uac-ivr.xml").user("1002", password("1002")).service(number).key("caller", "1002").from("127.0.0.1", sip)
                .mediaPort(rtp).key("aport", Integer.toString(sdp)).define("DTMF_PCAP", DTMF_5)
                .define("WAIT_MS", Integer.toString(waitMillis)).timeout(30);
    }

    /**
     * The IVR ended with a transfer to {@code target}: the record's reason names it. Without a device of the target
     * the calls bundle ends the call either way: "asked to transfer to N: not supported yet" today, "Transfer from
     * media application 'ivr' to N failed: 480 ..." once it moves answered callers (h/appxfer).
     */
    private void assertTransferredTo(Sipp.Result caller, String target) throws InterruptedException {
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertTrue(cdr.reason(), cdr.reason() != null
                && Pattern.compile("(?i)\\btransfer.*\\bto " + Pattern.quote(target) + "\\b").matcher(cdr.reason()).find());
    }

    /** 8 kHz mono 16-bit PCM. */
    private static byte[] toneWav(double hz, int millis) {
        int samples = 8 * millis;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        return b.array();
    }

    /** The share of the u-law payloads' energy at {@code hz} (Goertzel), 0..1. */
    private static double toneShare(List<byte[]> packets, double hz) {
        List<Double> samples = new ArrayList<>();
        for (byte[] p : packets) {
            int payloadType = p[1] & 0x7f;
            if (payloadType != 0) {
                continue;
            }
            int offset = 12 + 4 * (p[0] & 0x0f);
            for (int i = offset; i < p.length; i++) {
                samples.add((double) ulaw(p[i]));
            }
        }
        if (samples.isEmpty()) {
            return 0;
        }
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (double x : samples) {
            double s = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += x * x;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2; // |X(k)|^2 = (N/2)^2 A^2 for a pure tone of amplitude A
        return energy == 0 ? 0 : 2 * power / (samples.size() * energy);
    }

    private static int ulaw(byte code) {
        int u = ~code & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    /** Receives what is sent to a port of the test, on a thread of its own. */
    private static final class Listener implements AutoCloseable {
        private final DatagramSocket socket;
        private final List<byte[]> packets = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Listener(int port) throws IOException {
            this("127.0.0.1", port);
        }

        Listener(String address, int port) throws IOException {
            socket = new DatagramSocket(port, InetAddress.getByName(address));
            thread = new Thread(() -> {
                byte[] buffer = new byte[2048];
                while (!socket.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(p);
                        packets.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "ivr-it-listener-" + port);
            thread.setDaemon(true);
            thread.start();
        }

        List<byte[]> packets() {
            return List.copyOf(packets);
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(2000);
        }
    }
}
