package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * Media through the relay, end to end: SIPp caller and callee play RTP from pcap files (the G.711 recording shipped
 * with sip-tester, RFC 4733 DTMF) and tshark on the loopback interface counts what really reached each side's
 * ports; the video m-line of the same call is carried by two sockets of the test, which send and count RTP
 * (SIPp 3.6.1 plays one pcap at a time per call and sends pcap video from source port 0). The same call runs through the in-process relay, through rtpengine (started by the
 * test) and through a separate Plugboard media node (its distribution, started by the test), all driven the same
 * way. After every test the relay's port pool is whole again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MediaIT extends PbxTestSupport {
    private static final String AUDIO_PCAP = "/usr/share/sip-tester/g711a.pcap";
    private static final String DTMF_PCAP = "/usr/share/sip-tester/dtmf_2833_5.pcap";
    private static final int AUDIO_PACKETS = 236; // in g711a.pcap
    private static final int DTMF_PACKETS = 10; // in dtmf_2833_5.pcap: one event '5', end packet sent three times
    private static final int VIDEO_PACKETS = 90; // sent by each video socket of the test
    private static final Pattern CALL_ID = Pattern.compile("(?m)^Call-ID: *(\\S+)");
    private static final int RTPENGINE_NG = 22220;
    private static final int NODE_NG = 22221;

    @Inject
    @Filter(value = "(plugboard.media.engine=local)", timeout = 60_000)
    MediaGateway local;

    @Inject
    @Filter(timeout = 60_000)
    CallControl calls;

    @Inject
    ConfigurationAdmin configAdmin;


    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private final List<String> digits = new CopyOnWriteArrayList<>();
    private ServiceRegistration<?> sink;
    private ServiceRegistration<?> events;
    private static int nextPort = 17200;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.plugboard.calls.cfg", "ring.timeout", "10"),
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.min", "31000"),
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.max", "31999"),
        };
    }

    @Before
    public void listen() {
        sink = collectCdrs(cdrs);
        events = collectDigits(digits);
    }

    @After
    public void nothingLeftBehind() throws Exception {
        sink.unregister();
        events.unregister();
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls.calls().isEmpty());
        } finally {
            calls.calls().forEach(c -> calls.hangup(c.id(), CallTag.ADMIN_HANGUP));
        }
        waitFor("the local relay's sessions to be released", 5000, () -> local.sessions().isEmpty());
        PortUsage ports = local.ports();
        assertEquals("the port pool is whole again: " + ports, ports.total(), ports.free());
    }

    private static synchronized int ports(int count) {
        int first = nextPort;
        nextPort += count;
        return first;
    }

    // ---- the call ---------------------------------------------------------------------------------------

    /** What tshark saw of one media call, and what the video sockets received. */
    private record MediaCall(Sipp.Result caller, Sipp.Result callee, Map<String, Integer> seen, int callerRtp, int callerSdp,
            int calleeRtp, int videoToCaller, int videoToCallee) {
        int to(int port) {
            return Capture.to(seen, port);
        }
    }

    /**
     * 1001 calls 1002 with audio and video; both play audio RTP, the test's sockets exchange video. The caller's SDP
     * names an audio port (callerSdp) other than the one it sends from (callerRtp): the relay must latch to the real
     * source.
     */
    private MediaCall mediaCall(String engine, boolean strangerTest) throws Exception {
        int callerSip = ports(1);
        int calleeSip = ports(1);
        int callerRtp = ports(4);
        int callerSdp = ports(4);
        int calleeRtp = ports(4);
        register("1002", calleeSip);
        try (Capture capture = Capture.udpTo(List.of(callerRtp, callerSdp, calleeRtp));
                VideoPeers video = new VideoPeers(VIDEO_PACKETS)) {
            Sipp.Running uas = sipp("media/uas-media.xml").server().user("1002", password("1002")).from("127.0.0.1", calleeSip)
                    .mediaPort(calleeRtp).key("vport", Integer.toString(video.calleePort())).define("AUDIO_PCAP", AUDIO_PCAP)
                    .timeout(40).start();
            Sipp.Running uac = sipp("media/uac-media.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                    .from("127.0.0.1", callerSip).mediaPort(callerRtp).key("aport", Integer.toString(callerSdp))
                    .key("vport", Integer.toString(video.callerPort())).define("AUDIO_PCAP", AUDIO_PCAP)
                    .define("DTMF_PCAP", DTMF_PCAP).define("PLAY_MS", "8500").timeout(40).start();
            MediaGateway gateway = gateway(engine);
            waitFor("a media session on engine " + engine, 10_000, () -> !gateway.sessions().isEmpty());
            MediaSession session = gateway.sessions().get(0);
            waitFor("relay ports on both sides of the video stream", 10_000, () -> stats(session).stream()
                    .filter(st -> st.index() == 1 && st.localPort() > 0).count() == 2);
            // the ports exist from the offer on, but a relay drops what comes before the answer's SDP: the caller's
            // ACK (CONNECTED) comes after the 200 that carried the answer through the media session
            waitFor("the call connected", 10_000, () -> calls.calls().stream()
                    .anyMatch(call -> call.state() == org.plugboard.api.calls.CallState.CONNECTED));
            List<StreamStats> st = session.stats();
            video.exchange(stream(st, Side.CALLER, 1).localPort(), stream(st, Side.CALLEE, 1).localPort());
            if (strangerTest) {
                stranger(session);
            }
            Sipp.Result caller = uac.await();
            Sipp.Result callee = uas.await();
            unregister("1002", calleeSip);
            passed("caller", caller);
            passed("callee", callee);
            return new MediaCall(caller, callee, Capture.counts(capture.stop()), callerRtp, callerSdp, calleeRtp, video.toCaller.get(),
                    video.toCallee.get());
        }
    }

    private MediaGateway gateway(String engine) throws Exception {
        var refs = bundleContext.getServiceReferences(MediaGateway.class, "(plugboard.media.engine=" + engine + ")");
        assertEquals("one media engine named " + engine, 1, refs.size());
        return bundleContext.getService(refs.iterator().next());
    }

    /** RTP and garbage from 127.0.0.2 to the caller side's relay port: dropped and counted, never relayed. */
    private void stranger(MediaSession session) throws Exception {
        StreamStats callerAudio = stream(session.stats(), Side.CALLER, 0);
        long droppedBefore = callerAudio.dropped();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            InetSocketAddress relay = new InetSocketAddress("127.0.0.1", callerAudio.localPort());
            byte[] rtp = new byte[172];
            rtp[0] = (byte) 0x80;
            rtp[1] = 8;
            for (int i = 0; i < 20; i++) {
                rtp[3] = (byte) i;
                s.send(new DatagramPacket(rtp, rtp.length, relay));
            }
            s.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, relay)); // truncated, not RTP
        }
        waitFor("the stranger's 21 packets to be counted as dropped", 3000,
                () -> stream(stats(session), Side.CALLER, 0).dropped() >= droppedBefore + 21);
    }

    private static List<StreamStats> stats(MediaSession s) {
        try {
            return s.stats();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static StreamStats stream(List<StreamStats> stats, Side side, int index) {
        return stats.stream().filter(s -> s.side() == side && s.index() == index).findFirst()
                .orElseThrow(() -> new AssertionError("no stream " + side + "/" + index + " in " + stats));
    }

    /** Everything each side played reached the other side's real RTP ports, and nothing went to the SDP ports. */
    private static void assertRelayed(MediaCall c, boolean dtmfAfterResume) {
        String seen = "tshark saw " + c.seen();
        assertEquals("caller's audio (+DTMF) at the callee. " + seen, AUDIO_PACKETS + (dtmfAfterResume ? DTMF_PACKETS : 0), c.to(c.calleeRtp()));
        assertEquals("callee's audio at the caller's latched source port. " + seen, AUDIO_PACKETS, c.to(c.callerRtp()));
        assertEquals("nothing to the caller's SDP audio port once latched. " + seen, 0, c.to(c.callerSdp()));
        for (String key : c.seen().keySet()) {
            int src = Integer.parseInt(key.split(">")[0]);
            assertFalse("a packet bypassed the relay: " + key, src == c.callerRtp() || src == c.calleeRtp());
        }
        assertEquals("caller's video at the callee's video socket", VIDEO_PACKETS, c.videoToCallee());
        assertEquals("callee's video at the caller's video socket", VIDEO_PACKETS, c.videoToCaller());
    }

    private CallDetailRecord cdrOf(Sipp.Result caller) throws Exception {
        Matcher m = CALL_ID.matcher(caller.messages());
        assertTrue("no Call-ID in the caller's messages", m.find());
        String callId = m.group(1);
        waitFor("the CDR of " + callId, 5000, () -> cdrs.stream().anyMatch(r -> r.callId().equals(callId)));
        return cdrs.stream().filter(r -> r.callId().equals(callId)).findFirst().orElseThrow();
    }

    // ---- configuration ------------------------------------------------------------------------------------

    private void setConfig(String pid, String key, String value) throws Exception {
        configure(configAdmin, pid, key, value);
    }

    /** A remote engine as an admin adds one: etc/org.plugboard.media.ng-<name>.cfg. */
    private Configuration remoteEngine(String name, int ngPort) throws Exception {
        return MediaNode.remoteEngine(features, configAdmin, bundleContext, name, ngPort);
    }

    // ---- tests --------------------------------------------------------------------------------------------

    @Test
    public void audioVideoHoldAndDtmfThroughTheLocalRelay() throws Exception {
        MediaCall c = mediaCall("local", true);
        assertRelayed(c, true);
        assertTrue("the relay reported the DTMF digit: " + digits, digits.contains("caller:5"));
        assertEquals("one report per event, not per packet: " + digits, 1, digits.stream().filter("caller:5"::equals).count());
        CallDetailRecord cdr = cdrOf(c.caller());
        assertEquals(CallTag.CALLER_BYE, cdr.tag());
        // the relay answered with its own ports, the same ones through hold and resume
        Matcher m = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(c.caller().messages());
        java.util.Set<String> ports = new java.util.HashSet<>();
        while (m.find()) {
            ports.add(m.group(1));
        }
        ports.remove(Integer.toString(c.callerSdp()));
        assertEquals("the caller saw one relay audio port through hold and resume: " + ports, 1, ports.size());
        int port = Integer.parseInt(ports.iterator().next());
        assertTrue("relay port " + port + " in the configured range", port >= 31000 && port <= 31999);
    }

    @Test
    public void mediaListShowsLatchedCounters() throws Exception {
        int callerSip = ports(1);
        int calleeSip = ports(1);
        register("1002", calleeSip);
        Sipp.Running uas = sipp("calls/uas-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", calleeSip)
                .timeout(20).start();
        Sipp.Running uac = sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                .key("hold_ms", "4000").from("127.0.0.1", callerSip).timeout(20).start();
        waitFor("a media session", 10_000, () -> !local.sessions().isEmpty());
        MediaSession session = local.sessions().get(0);
        waitFor("the relayed offer", 10_000, () -> !stats(session).isEmpty());
        StreamStats callerAudio = stream(session.stats(), Side.CALLER, 0);
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            byte[] rtp = new byte[172];
            rtp[0] = (byte) 0x80;
            for (int i = 0; i < 50; i++) {
                rtp[3] = (byte) i;
                phone.send(new DatagramPacket(rtp, rtp.length, new InetSocketAddress("127.0.0.1", callerAudio.localPort())));
            }
            waitFor("50 packets counted in", 3000, () -> stream(stats(session), Side.CALLER, 0).packetsIn() >= 50);
            StreamStats after = stream(session.stats(), Side.CALLER, 0);
            assertTrue("latched: " + after, after.latched());
            assertEquals("latched to the real source port", "127.0.0.1:" + phone.getLocalPort(), after.remote());
            String list = command("pbx:media-list");
            assertTrue(list, list.contains(session.id()) || list.contains(session.callId()));
            assertTrue(list, list.contains(Integer.toString(callerAudio.localPort())));
        }
        passed("caller", uac.await());
        passed("callee", uas.await());
        unregister("1002", calleeSip);
    }

    @Test
    public void noRtpReleasesTheCallWithMediaTimeout() throws Exception {
        setConfig("org.plugboard.media", "inactivity.timeout", "2");
        try {
            int calleeSip = ports(1);
            register("1002", calleeSip);
            Sipp.Running uas = sipp("calls/uas-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", calleeSip)
                    .timeout(20).start();
            Sipp.Result uac = sipp("calls/uac-call-callee-hangs-up.xml").user("1001", password("1001")).service("1002")
                    .key("caller", "1001").from("127.0.0.1", ports(1)).timeout(20).run();
            Sipp.Result callee = uas.await();
            unregister("1002", calleeSip);
            passed("caller (gets the PBX's BYE)", uac);
            passed("callee (gets the PBX's BYE)", callee);
            CallDetailRecord cdr = cdrOf(uac);
            assertEquals(CallTag.MEDIA_TIMEOUT, cdr.tag());
            assertEquals(102, cdr.q850Cause());
            assertTrue(uac.messages(), uac.messages().contains("Reason: Q.850;cause=102"));
        } finally {
            setConfig("org.plugboard.media", "inactivity.timeout", "60");
        }
    }

    @Test
    public void offerWithoutUsableMediaIs488() throws Exception {
        int calleeSip = ports(1);
        register("1002", calleeSip);
        try {
            Sipp.Result uac = sipp("media/uac-no-usable-media.xml").user("1001", password("1001")).service("1002")
                    .key("caller", "1001").from("127.0.0.1", ports(1)).expect(488).timeout(15).run();
            passed("caller", uac);
            assertEquals(CallTag.BAD_REQUEST, cdrOf(uac).tag());
        } finally {
            unregister("1002", calleeSip);
        }
    }

    @Test
    public void engineThatDoesNotAnswerGives503() throws Exception {
        Configuration dead = remoteEngine("silent", 22229); // nothing listens there
        setConfig("org.plugboard.calls", "media.engine", "silent");
        int calleeSip = ports(1);
        register("1002", calleeSip);
        try {
            long start = System.currentTimeMillis();
            Sipp.Result uac = sipp("calls/uac-expect-final.xml").user("1001", password("1001")).service("1002")
                    .key("caller", "1001").from("127.0.0.1", ports(1)).expect(503).timeout(15).run();
            passed("caller", uac);
            CallDetailRecord cdr = cdrOf(uac);
            assertEquals(CallTag.MEDIA_FAILURE, cdr.tag());
            assertEquals(47, cdr.q850Cause());
            assertTrue("the engine's timeout bounds the wait", System.currentTimeMillis() - start < 10_000);
        } finally {
            unregister("1002", calleeSip);
            setConfig("org.plugboard.calls", "media.engine", "local");
            dead.delete();
        }
    }

    @Test
    public void sameCallThroughRtpengine() throws Exception {
        Process rtpengine = new ProcessBuilder("rtpengine", "--foreground", "--table=-1", "--interface=127.0.0.1",
                "--listen-ng=127.0.0.1:" + RTPENGINE_NG, "--port-min=32000", "--port-max=32999", "--log-stderr", "--log-level=5",
                "--pidfile=/tmp/plugboard-itest-rtpengine.pid")
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("rtpengine", ".log").toFile()).start();
        Configuration engine = null;
        try {
            engine = remoteEngine("rtpengine", RTPENGINE_NG);
            setConfig("org.plugboard.calls", "media.engine", "rtpengine");
            MediaCall c = mediaCall("rtpengine", false);
            assertRelayed(c, true);
            assertTrue("no session on the local relay", local.sessions().isEmpty());
            assertEquals(CallTag.CALLER_BYE, cdrOf(c.caller()).tag());
            Matcher m = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(c.callee().messages());
            assertTrue(c.callee().messages(), m.find());
            int port = Integer.parseInt(m.group(1));
            assertTrue("rtpengine's port " + port + " in its range", port >= 32000 && port <= 32999);
        } finally {
            setConfig("org.plugboard.calls", "media.engine", "local");
            if (engine != null) {
                engine.delete();
            }
            rtpengine.destroy();
            rtpengine.waitFor();
        }
    }

    @Test
    public void sameCallThroughASeparateMediaNode() throws Exception {
        Configuration engine = null;
        try (MediaNode node = MediaNode.start(NODE_NG, 33000, 33999)) {
            engine = remoteEngine("node1", NODE_NG);
            setConfig("org.plugboard.calls", "media.engine", "node1");
            node.awaitReady();
            MediaCall c = mediaCall("node1", false);
            assertRelayed(c, true);
            assertTrue("no session on the PBX's own relay", local.sessions().isEmpty());
            Matcher m = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(c.callee().messages());
            assertTrue(c.callee().messages(), m.find());
            int port = Integer.parseInt(m.group(1));
            assertTrue("the node's port " + port + " in its range", port >= 33000 && port <= 33999);
        } finally {
            setConfig("org.plugboard.calls", "media.engine", "local");
            if (engine != null) {
                engine.delete();
            }
        }
    }
}
