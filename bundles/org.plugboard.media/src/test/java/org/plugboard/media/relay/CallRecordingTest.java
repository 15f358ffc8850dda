package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording.Ending;
import org.plugboard.api.media.CallRecording.Layout;
import org.plugboard.api.media.CallRecording.Options;
import org.plugboard.api.media.CallRecording.Result;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.G711;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.recording.FillingDisk;
import org.plugboard.media.recording.Recordings;
import org.plugboard.media.recording.Talker;
import org.plugboard.media.recording.ToneWindows;

/**
 * Call recording through the real relay: phones on loopback sending in real time, the engine's writer thread on the
 * system clock, files in a temporary folder.
 */
class CallRecordingTest extends RelayFixture {
    @TempDir
    Path dir;

    /** A call from A to B, answered; returns {A's relay port, B's relay port}. */
    static int[] call(MediaSession s, Phone a, Phone b) throws Exception {
        String toB = s.offer(Side.CALLER, audio("127.0.0.1", a.port()), "127.0.0.1", "127.0.0.1");
        String toA = s.answer(Side.CALLEE, audio("127.0.0.1", b.port()), "127.0.0.1", "127.0.0.1");
        return new int[] {port(toA, 0), port(toB, 0)};
    }

    static CallRecorder recorder(MediaSession s, Options options) throws Exception {
        return s.record(options).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static Result finished(CallRecorder r) throws Exception {
        return r.finished().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Both channels hold every window each party sent, in order, once; the last is left out: a packet's audio ends
     * after it arrived, so the stop may cut the last window short.
     */
    static void bothPartiesWindowForWindow(Path file, int[] callerWindows, int[] calleeWindows) throws Exception {
        int[] callerCodes = java.util.Arrays.copyOf(callerWindows, callerWindows.length - 1);
        int[] calleeCodes = java.util.Arrays.copyOf(calleeWindows, calleeWindows.length - 1);
        ToneWindows.Wav wav = ToneWindows.Wav.read(file);
        assertEquals(2, wav.channels());
        int left = ToneWindows.findAligned(wav.samples()[0], ToneWindows.CALLER, callerCodes);
        assertTrue(left >= 0, "the caller's windows " + java.util.Arrays.toString(callerCodes) + ", in order, on the left: "
                + ToneWindows.decodedFrom(wav.samples()[0], 0, ToneWindows.CALLER));
        int right = ToneWindows.findAligned(wav.samples()[1], ToneWindows.CALLEE, calleeCodes);
        assertTrue(right >= 0, "the callee's windows " + java.util.Arrays.toString(calleeCodes) + ", in order, on the right: "
                + ToneWindows.decodedFrom(wav.samples()[1], 0, ToneWindows.CALLEE));
    }

    @Test
    void bothPartiesAreRecordedInStereoWithTheirOwnPacketTimes() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-rec", listener);
        int[] relay = call(s, a, b);
        long before = System.nanoTime();
        CallRecorder recorder = recorder(s, new Options(dir.resolve("call.wav"), Layout.STEREO, null));
        assertSame(recorder, s.recorder().orElseThrow());
        int[] callerCodes = ToneWindows.codes(21, 25);
        int[] calleeCodes = ToneWindows.codes(22, 25);
        Streamer fromA = new Streamer(a, relay[0], new Talker(Side.CALLER, ToneWindows.CALLER, callerCodes, 1).talk(2500, 20));
        Streamer fromB = new Streamer(b, relay[1], new Talker(Side.CALLEE, ToneWindows.CALLEE, calleeCodes, 2)
                .law(8).talk(1200, 30).talk(2500, 40));
        fromA.start();
        fromB.start();
        fromA.finish();
        fromB.finish();
        recorder.stop();
        long wall = System.nanoTime() - before;
        Result result = finished(recorder);
        assertEquals(Ending.STOPPED, result.ending());
        bothPartiesWindowForWindow(result.file(), callerCodes, calleeCodes);
        long frames = ToneWindows.Wav.read(result.file()).frames();
        double recordedNanos = frames * 125_000.0;
        assertTrue(Math.abs(recordedNanos - wall) < wall * 0.01 + 20_000_000, "the file lasts as long as the recording: "
                + frames + " samples for " + wall / 1_000_000 + " ms");
        assertTrue(s.recorder().isEmpty(), "none running any more");
        assertEquals(gateway.ports().total() - 4, gateway.ports().free(), "the call itself goes on");
    }

    /**
     * The shipped "this call is recorded" prompt as the engine's spoken notice: after the three beeps and 200 ms of
     * silence, the party whose peer sends silence receives exactly the prompt's audio (u-law codes in, the same codes
     * out), and every packet is still relayed.
     */
    @Test
    void theSpokenAnnouncementFollowsTheBeepInWhatTheOtherPartyHears() throws Exception {
        start(CONFIG);
        org.plugboard.media.audio.Audio prompt = org.plugboard.media.audio.WavReader.read(Path.of(
                "../../karaf-assembly/src/main/resources/assembly/etc/prompts/en/call-recorded.wav"));
        gateway.recordingAnnouncement(prompt);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-spoken", listener);
        int[] relay = call(s, a, b);
        CallRecorder recorder = recorder(s, new Options(dir.resolve("spoken.wav"), Layout.MIXED, null, true));
        byte[] silence = new byte[160];
        java.util.Arrays.fill(silence, G711.ULAW_SILENCE);
        int beepAndPause = org.plugboard.media.audio.Beeps.audio(org.plugboard.api.media.Beep.WARNING).samples() + 1600;
        int packets = (beepAndPause + prompt.samples()) / 160 + 10;
        short[] heard = new short[packets * 160];
        for (int i = 0; i < packets; i++) {
            a.rtp(relay[0], 0, i, i * 160L, 0xA, silence);
            DatagramPacket p = b.receive(1000);
            assertNotNull(p, "packet " + i + " relayed");
            byte[] data = Phone.data(p);
            for (int j = 0; j < 160; j++) {
                heard[i * 160 + j] = G711.ulawToLinear(data[12 + j]);
            }
        }
        assertEquals(3, Goertzel.bursts(java.util.Arrays.copyOf(heard, beepAndPause), 500).size(), "three beeps first");
        for (int i = 0; i < prompt.samples(); i++) {
            assertEquals(prompt.linear(i), heard[beepAndPause + i], "sample " + i + " of the spoken notice");
        }
        for (int i = beepAndPause + prompt.samples(); i < heard.length; i++) {
            assertEquals(0, heard[i], "silence again after the notice, at " + i);
        }
        recorder.stop();
        assertEquals(Ending.STOPPED, finished(recorder).ending());
    }

    @Test
    void theAnnouncementIsHeardByTheOtherPartyAndEveryPacketIsStillRelayed() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-beep", listener);
        int[] relay = call(s, a, b);
        CallRecorder recorder = recorder(s, new Options(dir.resolve("beep.wav"), Layout.MIXED, null, true));
        byte[] silence = new byte[160];
        java.util.Arrays.fill(silence, G711.ULAW_SILENCE);
        short[] heard = new short[50 * 160];
        for (int i = 0; i < 50; i++) {
            a.rtp(relay[0], 0, i, i * 160L, 0xA, silence);
            DatagramPacket p = b.receive(1000);
            assertNotNull(p, "packet " + i + " relayed");
            byte[] data = Phone.data(p);
            for (int j = 0; j < 160; j++) {
                heard[i * 160 + j] = G711.ulawToLinear(data[12 + j]);
            }
        }
        List<int[]> bursts = Goertzel.bursts(heard, 500);
        assertEquals(3, bursts.size(), "three beeps");
        for (int[] burst : bursts) {
            assertTrue(Goertzel.share(heard, burst[0], burst[1] - burst[0], 1400) > 0.9, "at 1400 Hz");
        }
        recorder.stop();
        assertEquals(Ending.STOPPED, finished(recorder).ending());
    }

    @Test
    void aFolderThatCannotBeWrittenFailsTheStartNamingFileAndFault() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-nofolder", listener);
        int[] relay = call(s, a, b);
        Path file = dir.resolve("missing/call.wav");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> recorder(s, new Options(file, Layout.MIXED, null)));
        MediaFileException fault = assertInstanceOf(MediaFileException.class, e.getCause());
        assertEquals(file, fault.file());
        assertTrue(fault.getMessage().contains(file.toString()) && fault.getMessage().contains("does not exist"),
                fault.getMessage());
        assertTrue(s.recorder().isEmpty());
        a.rtp(relay[0], 0, 1, 160, 0xA, new byte[160]);
        assertNotNull(b.receive(1000), "the call is untouched");
        CallRecorder next = recorder(s, new Options(dir.resolve("call.wav"), Layout.MIXED, null));
        next.stop();
        assertEquals(Ending.STOPPED, finished(next).ending(), "a later recording in a good folder works");
    }

    @Test
    void aDiskFullMidCallFailsTheRecordingAndTheRelayGoesOn() throws Exception {
        gateway = new RelayGateway(CONFIG, List.of(), new Recordings("local", System::nanoTime, new FillingDisk(44 + 8000)));
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-full", listener);
        int[] relay = call(s, a, b);
        Path file = dir.resolve("full.wav");
        CallRecorder recorder = recorder(s, new Options(file, Layout.MIXED, null));
        Streamer fromA = new Streamer(a, relay[0], new Talker(Side.CALLER, ToneWindows.CALLER, ToneWindows.codes(1, 20), 1)
                .talk(1500, 20));
        fromA.start();
        Result result = finished(recorder); // half a second fits
        assertEquals(Ending.FAILED, result.ending());
        assertTrue(result.failure().contains(file.toString()) && result.failure().contains("No space left on device"),
                result.failure());
        fromA.finish();
        int received = 0;
        while (b.receive(300) != null) {
            received++;
        }
        assertEquals(75, received, "every packet was relayed, before and after the failure");
        assertTrue(s.recorder().isEmpty());
        assertEquals(75, s.stats().get(0).packetsIn());
        ToneWindows.Wav wav = ToneWindows.Wav.read(file);
        assertEquals(result.length().toNanos() / 125_000, wav.frames(), "what was written is a valid file");
    }

    @Test
    void oneRecordingAtATimeAndTheCallsEndEndsIt() throws Exception {
        start(CONFIG);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = gateway.open("call-twice", listener);
        call(s, a, b);
        CallRecorder recorder = recorder(s, new Options(dir.resolve("one.wav"), Layout.MIXED, null));
        assertTrue(recorder.id().startsWith("local-rec-"));
        assertEquals(s.id(), recorder.sessionId());
        ExecutionException second = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> recorder(s, new Options(dir.resolve("two.wav"), Layout.MIXED, null)));
        MediaException already = assertInstanceOf(MediaException.class, second.getCause());
        assertEquals(Kind.ENGINE_FAILURE, already.kind());
        assertTrue(already.getMessage().contains("already recorded"), already.getMessage());
        assertFalse(Files.exists(dir.resolve("two.wav")));
        s.release();
        Result result = finished(recorder);
        assertEquals(Ending.CALL_ENDED, result.ending());
        assertTrue(Files.size(result.file()) >= 44);
        ExecutionException released = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> recorder(s, new Options(dir.resolve("three.wav"), Layout.MIXED, null)));
        assertEquals(Kind.NO_SESSION, ((MediaException) released.getCause()).kind());
    }
}
