package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * Call recording against the real distribution (pbx-recording installed live, the in-process relay recording). 1001
 * calls 1002; both parties' audio is the test's {@link RtpPhone}s (SIPp does the signalling), each talking to its
 * relay port. In order:
 * <ol>
 * <li>1001's policy always: the call is recorded while 1001 sends 440 Hz at ptime 20 and 1002 sends 1000 Hz at ptime
 * 30, pauses a second, then ptime 40 with one packet in ten lost. The WAV decoded per 100 ms (Goertzel) holds both
 * tones at their levels, each stretch as long as it was sent (none missing or repeated), and is as long as the call
 * (CDR answer to end) within 1 %; the CDR notes the file; pbx:rec-list and pbx:rec-show tie it to the CDR id.</li>
 * <li>1001's policy never: nothing is recorded.</li>
 * <li>On demand (the site default) with 1002's policy never: 1001 starts with *1 (RFC 4733), 1002's *1 is refused
 * (CDR note), 1001's second *1 stops it: the row ends STOPPED.</li>
 * <li>A directory the PBX cannot create: the call goes on, its CDR says why it was not recorded.</li>
 * <li>bundle:update of org.plugboard.recording, then of org.plugboard.media, during a recorded call: the call is not
 * dropped, the recording goes on and is about as long as the call.</li>
 * </ol>
 * SIP client ports 17700-17719, RTP 17720-17759.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class RecordingIT extends PbxTestSupport {
    private static final String PID = "org.plugboard.recording";
    private static final double CALLER_HZ = 440;
    private static final double CALLEE_HZ = 1000;
    private static final int CALLER_LEVEL = 8000;
    private static final int CALLEE_LEVEL = 6000;
    private static final Pattern FILE = Pattern.compile("(?m)^  file: +(\\S+)");
    private static int nextPort = 17700;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1")};
    }

    @Before
    public void installRecording() throws Exception {
        ensureFeature(features, "pbx-recording", "pbx:rec-policy-list", "(configuration)");
        sink = collectCdrs(cdrs);
    }

    @After
    public void removeSink() throws Exception {
        if (sink != null) {
            sink.unregister();
        }
        waitFor("no live call left", 10_000, () -> calls.calls().isEmpty());
    }

    private static synchronized int port() {
        return nextPort++;
    }

    /** What the test does while the call is up, with both phones talking to the relay. */
    @FunctionalInterface
    interface Talk {
        void during(String callId, RtpPhone caller, RtpPhone callee) throws Exception;
    }

    /** 1001 calls 1002 and hangs up {@code holdMillis} after the answer; returns the call's CDR. */
    private CallDetailRecord call(long holdMillis, Talk talk) throws Exception {
        int callerSip = port();
        int calleeSip = port();
        register("1002", calleeSip);
        Sipp.Result caller;
        Sipp.Result callee;
        try (RtpPhone a = new RtpPhone(port() + 20); RtpPhone b = new RtpPhone(port() + 20)) {
            Sipp.Running uas = sipp("recording/uas-answer-phone.xml").server().user("1002", password("1002"))
                    .from("127.0.0.1", calleeSip).key("aport", Integer.toString(b.port())).timeout(60).start();
            Sipp.Running uac = sipp("voicemail/uac-leave-message.xml").user("1001", password("1001")).service("1002")
                    .key("caller", "1001").key("aport", Integer.toString(a.port())).key("hold_ms", Long.toString(holdMillis))
                    .from("127.0.0.1", callerSip).timeout(60).start();
            waitFor("the call connected", 10_000, () -> calls.calls().stream().anyMatch(c -> c.state() == CallState.CONNECTED));
            CallInfo info = calls.calls().stream().filter(c -> c.state() == CallState.CONNECTED).findFirst().orElseThrow();
            MediaSession media = calls.media(info.id()).orElseThrow(() -> new AssertionError("no media session for " + info.id()));
            a.peer(relayPort(media, Side.CALLER));
            b.peer(relayPort(media, Side.CALLEE));
            talk.during(info.id(), a, b);
            caller = uac.await();
            callee = uas.await();
        } finally {
            unregister("1002", calleeSip);
        }
        passed("1001 calling 1002, hanging up itself (the call was never dropped)", caller);
        passed("1002 answering", callee);
        return cdrOf(cdrs, caller);
    }

    private static int relayPort(MediaSession media, Side side) throws Exception {
        for (StreamStats s : media.stats()) {
            if (s.side() == side && s.index() == 0) {
                return s.localPort();
            }
        }
        throw new AssertionError("no audio stream on the " + side + " side");
    }

    /** Waits until pbx:rec-show of the call shows {@code marker}; returns what it showed. */
    private String awaitShown(String callId, String marker) throws InterruptedException {
        waitFor("pbx:rec-show " + callId + " showing '" + marker + "'", 15_000,
                () -> command("pbx:rec-show " + callId).contains(marker));
        return command("pbx:rec-show " + callId);
    }

    private static Path file(String shown) {
        Matcher m = FILE.matcher(shown);
        assertTrue(shown, m.find());
        return Path.of(m.group(1));
    }

    private void policy(String args) {
        String out = command("pbx:rec-policy-set " + args);
        assertTrue(out, out.startsWith("Recording policy of") && !out.contains("Error"));
    }

    private void noPolicy(String scope, String name) {
        command("pbx:rec-policy-remove " + scope + " " + name); // "no recording policy" when there was none
    }

    @Test
    public void a_alwaysRecordsBothPartiesWhateverTheirPacketTimes() throws Exception {
        policy("extension 1001 always");
        String[] id = new String[1];
        CallDetailRecord cdr = call(8000, (callId, a, b) -> {
            id[0] = callId;
            awaitShown(callId, "of call " + callId); // the row is written once the file is open
            Thread calleeTalks = new Thread(() -> {
                try {
                    b.sendTone(CALLEE_HZ, CALLEE_LEVEL, 2000, 30, i -> false);
                    b.pause(1000);
                    b.sendTone(CALLEE_HZ, CALLEE_LEVEL, 2400, 40, i -> i % 10 == 5);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "itest-callee-talks");
            calleeTalks.start();
            a.sendTone(CALLER_HZ, CALLER_LEVEL, 5400, 20, i -> false);
            calleeTalks.join(10_000);
        });
        assertEquals(id[0], cdr.id());
        String shown = awaitShown(cdr.id(), "ending:  CALL_ENDED");
        Path wav = file(shown);
        assertTrue(cdr.notes().toString(), cdr.notes().contains("recorded: " + wav));

        short[] pcm = RtpPhone.wavSamples(wav);
        double seconds = pcm.length / 8000.0;
        double call = Duration.between(cdr.answer(), cdr.end()).toMillis() / 1000.0;
        assertTrue("recorded " + seconds + " s of a call of " + call + " s", Math.abs(seconds - call) <= call * 0.01);

        Levels caller = Levels.of(pcm, CALLER_HZ);
        Levels callee = Levels.of(pcm, CALLEE_HZ);
        // 440 Hz: one stretch of 5.4 s; 1000 Hz: 2.0 s, a second of silence, 2.4 s (ptime 40, 10 % lost)
        assertEquals("caller stretches " + caller, 1, caller.runs(CALLER_LEVEL * 0.4).size());
        assertNear("caller's stretch (100 ms frames) " + caller, 54, caller.runs(CALLER_LEVEL * 0.4).get(0)[1], 1);
        List<int[]> runs = callee.runs(CALLEE_LEVEL * 0.35);
        assertEquals("callee stretches " + callee, 2, runs.size());
        assertNear("callee's first stretch " + callee, 20, runs.get(0)[1], 1);
        assertNear("callee's pause " + callee, 10, runs.get(1)[0] - runs.get(0)[0] - runs.get(0)[1], 1);
        assertNear("callee's second stretch " + callee, 24, runs.get(1)[1], 1);
        assertNear("both started together " + caller + " / " + callee, caller.runs(CALLER_LEVEL * 0.4).get(0)[0], runs.get(0)[0], 1);
        assertNear("the caller's level", CALLER_LEVEL, caller.median(CALLER_LEVEL * 0.4), CALLER_LEVEL * 0.1);
        assertNear("the callee's level (ptime 30)", CALLEE_LEVEL, callee.medianOf(runs.get(0)), CALLEE_LEVEL * 0.1);

        String list = command("pbx:rec-list --caller 1001");
        assertTrue(list, list.contains(cdr.id()) && list.contains("CALL_ENDED") && list.contains(wav.toString()));
        assertTrue(shown, shown.contains("of call " + cdr.id() + " (pbx:cdr-show " + cdr.id() + ")"));
    }

    @Test
    public void b_neverRecordsNothing() throws Exception {
        policy("extension 1001 never");
        CallDetailRecord cdr = call(2000, (callId, a, b) -> a.sendTone(CALLER_HZ, CALLER_LEVEL, 1000, 20, i -> false));
        String shown = command("pbx:rec-show " + cdr.id());
        assertTrue(shown, shown.contains("no recording with id or call id '" + cdr.id() + "'"));
        assertFalse(cdr.notes().toString(), cdr.notes().stream().anyMatch(n -> n.startsWith("recorded")));
    }

    @Test
    public void c_onDemandTheCodeStartsAndStopsAndANeverPartyIsRefused() throws Exception {
        noPolicy("extension", "1001");
        policy("extension 1002 never");
        CallDetailRecord cdr = call(9000, (callId, a, b) -> {
            a.sendTone(CALLER_HZ, CALLER_LEVEL, 600, 20, i -> false);
            assertTrue(command("pbx:rec-show " + callId).contains("no recording"));
            a.sendDigits("*1");
            awaitShown(callId, "(running");
            a.sendTone(CALLER_HZ, CALLER_LEVEL, 1000, 20, i -> false);
            b.sendDigits("*1"); // refused: 1002 is never recorded
            a.sendTone(CALLER_HZ, CALLER_LEVEL, 1000, 20, i -> false);
            assertTrue("still running after 1002's code", command("pbx:rec-show " + callId).contains("(running"));
            a.sendDigits("*1");
            awaitShown(callId, "ending:  STOPPED");
        });
        noPolicy("extension", "1002");
        assertTrue(cdr.notes().toString(), cdr.notes().stream().anyMatch(n -> n.startsWith("recorded: ")));
        assertTrue(cdr.notes().toString(), cdr.notes().stream().anyMatch(n -> n.startsWith("recording request refused: ")
                && n.contains("never") && n.contains("1002")));
        assertTrue(cdr.notes().toString(), cdr.notes().contains("recording stopped on demand by 1001"));
        Path wav = file(command("pbx:rec-show " + cdr.id()));
        double seconds = RtpPhone.wavSamples(wav).length / 8000.0;
        assertTrue("recorded " + seconds + " s between the codes", seconds > 1.5 && seconds < 5);
    }

    @Test
    public void d_aDirectoryThatCannotBeCreatedLeavesTheCallUnrecordedAndSaysWhy() throws Exception {
        policy("extension 1001 always");
        String bad = "/proc/plugboard-recordings";
        String good = Path.of(System.getProperty("karaf.data"), "recordings").toString();
        configure(configAdmin, PID, "directory", bad);
        CallDetailRecord cdr;
        try {
            cdr = call(2500, (callId, a, b) -> a.sendTone(CALLER_HZ, CALLER_LEVEL, 1000, 20, i -> false));
        } finally {
            configure(configAdmin, PID, "directory", good);
        }
        assertTrue(cdr.notes().toString(), cdr.notes().stream()
                .anyMatch(n -> n.startsWith("recording failed: cannot create the recordings directory " + bad)));
        assertTrue(command("pbx:rec-show " + cdr.id()).contains("no recording"));
    }

    @Test
    public void e_updatesOfRecordingAndMediaDuringACallNeitherDropItNorStopTheRecording() throws Exception {
        policy("extension 1001 always");
        CallDetailRecord cdr = call(12_000, (callId, a, b) -> {
            awaitShown(callId, "of call " + callId);
            a.sendTone(CALLER_HZ, CALLER_LEVEL, 1500, 20, i -> false);
            update("org.plugboard.recording");
            waitFor("the recording commands back", 30_000, () -> command("pbx:rec-show " + callId).contains("(running"));
            a.sendTone(CALLER_HZ, CALLER_LEVEL, 1500, 20, i -> false);
            update("org.plugboard.media");
            a.sendTone(CALLER_HZ, CALLER_LEVEL, 2000, 20, i -> false);
        });
        String shown = awaitShown(cdr.id(), "ending:  CALL_ENDED");
        short[] pcm = RtpPhone.wavSamples(file(shown));
        double seconds = pcm.length / 8000.0;
        double call = Duration.between(cdr.answer(), cdr.end()).toMillis() / 1000.0;
        assertTrue("recorded " + seconds + " s of a call of " + call + " s", Math.abs(seconds - call) <= call * 0.03);
        assertTrue(cdr.notes().toString(), cdr.notes().stream().filter(n -> n.startsWith("recorded: ")).count() == 1);
    }

    private void update(String symbolicName) throws Exception {
        Bundle b = bundleOf(symbolicName);
        b.update();
        waitFor(symbolicName + " active again", 30_000, () -> bundleOf(symbolicName).getState() == Bundle.ACTIVE);
    }

    private static void assertNear(String what, double expected, double actual, double tolerance) {
        assertTrue(what + ": expected " + expected + " +- " + tolerance + ", was " + actual, Math.abs(expected - actual) <= tolerance);
    }

    /** The level of one frequency in every 100 ms of a recording (Goertzel: the amplitude of a sine at that bin). */
    record Levels(double hz, double[] perFrame) {
        static final int FRAME = 800;

        static Levels of(short[] pcm, double hz) {
            double[] out = new double[pcm.length / FRAME];
            double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
            for (int f = 0; f < out.length; f++) {
                double s1 = 0;
                double s2 = 0;
                for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                    double s = pcm[i] + coeff * s1 - s2;
                    s2 = s1;
                    s1 = s;
                }
                out[f] = 2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2)) / FRAME;
            }
            return new Levels(hz, out);
        }

        /** Stretches of frames at or above {@code threshold}: {first frame, frames}. */
        List<int[]> runs(double threshold) {
            List<int[]> runs = new ArrayList<>();
            int start = -1;
            for (int f = 0; f <= perFrame.length; f++) {
                boolean on = f < perFrame.length && perFrame[f] >= threshold;
                if (on && start < 0) {
                    start = f;
                } else if (!on && start >= 0) {
                    runs.add(new int[] {start, f - start});
                    start = -1;
                }
            }
            return runs;
        }

        double median(double threshold) {
            return median(java.util.Arrays.stream(perFrame).filter(v -> v >= threshold).sorted().toArray());
        }

        double medianOf(int[] run) {
            return median(java.util.Arrays.stream(perFrame, run[0], run[0] + run[1]).sorted().toArray());
        }

        private static double median(double[] sorted) {
            return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(hz + " Hz per 100 ms:");
            for (double v : perFrame) {
                s.append(' ').append(Math.round(v));
            }
            return s.toString();
        }
    }
}
