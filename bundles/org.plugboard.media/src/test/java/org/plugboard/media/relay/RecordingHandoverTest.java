package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording.Ending;
import org.plugboard.api.media.CallRecording.Layout;
import org.plugboard.api.media.CallRecording.Options;
import org.plugboard.api.media.CallRecording.Result;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.media.recording.Talker;
import org.plugboard.media.recording.ToneWindows;

/**
 * A bundle update under a recorded call, played as in {@link HandoverTest}: two gateways in sequence over a map
 * store, phones sending tones in real time all along. The next version carries the recording on into the same file,
 * and the first version's recorder object forwards to it.
 */
class RecordingHandoverTest extends RelayFixture {
    private static final RelayConfig FIRST = RelayConfig.defaults().withPorts(40100, 40199).withBindAddress("127.0.0.1")
            .withThreads(2);
    private static final String OWNER = "org.plugboard.media.local";
    private final HandoverTest.MapStore store = new HandoverTest.MapStore();
    private RelayGateway previous;
    @TempDir
    Path dir;

    @AfterEach
    void closePrevious() {
        if (previous != null) {
            previous.close();
        }
    }

    @Test
    void theNextVersionCarriesTheRecordingOnIntoTheSameFileWithoutAGap() throws Exception {
        previous = new RelayGateway(FIRST);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = previous.open("call-rec-upd", listener);
        int[] relay = CallRecordingTest.call(s, a, b);
        Path file = dir.resolve("update.wav");
        CallRecorder recorder = CallRecordingTest.recorder(s, new Options(file, Layout.STEREO, null));
        int[] callerCodes = ToneWindows.codes(31, 30);
        int[] calleeCodes = ToneWindows.codes(32, 30);
        Streamer fromA = new Streamer(a, relay[0], new Talker(Side.CALLER, ToneWindows.CALLER, callerCodes, 1).talk(3000, 20));
        Streamer fromB = new Streamer(b, relay[1], new Talker(Side.CALLEE, ToneWindows.CALLEE, calleeCodes, 2).talk(3000, 30));
        fromA.start();
        fromB.start();
        eventually("a second of A's audio sent", () -> fromA.sent.get() >= 50);

        store.deposit(OWNER, previous.handOver(10_000));
        RelayGateway first = previous;
        previous = null;
        Thread.sleep(150); // the update's own duration, during which packets wait in the sockets (as in HandoverTest)
        gateway = new RelayGateway(FIRST, store.collect(OWNER));
        assertTrue(first.sessions().isEmpty());

        MediaSession taken = gateway.find(s.id()).orElseThrow();
        CallRecorder carried = taken.recorder().orElseThrow();
        assertNotSame(recorder, carried, "the next version's own recorder");
        assertEquals(recorder.id(), carried.id(), "the same recording");
        assertEquals(recorder.started(), carried.started());
        assertEquals(file, carried.options().file());
        assertSame(recorder.finished(), carried.finished(), "one stage for the caller, whichever version ends it");
        assertEquals(carried.id(), s.recorder().orElseThrow().id(), "the old session object finds it too");

        fromA.finish();
        fromB.finish();
        assertTrue(recorder.length().toMillis() >= 2000, "the old object reports the new one's length (it stopped at "
                + "about 0.8 s): " + recorder.length());
        recorder.stop(); // through the first version's object
        Result result = CallRecordingTest.finished(recorder);
        assertEquals(Ending.STOPPED, result.ending());
        CallRecordingTest.bothPartiesWindowForWindow(file, callerCodes, calleeCodes);
        assertTrue(taken.recorder().isEmpty());
        s.release();
    }

    @Test
    void aRecordingNobodyTakesOverEndsWithTheFileItWrote() throws Exception {
        previous = new RelayGateway(FIRST);
        Phone a = phone("127.0.0.1"), b = phone("127.0.0.1");
        MediaSession s = previous.open("call-rec-orphan", listener);
        int[] relay = CallRecordingTest.call(s, a, b);
        Path file = dir.resolve("orphan.wav");
        CallRecorder recorder = CallRecordingTest.recorder(s, new Options(file, Layout.MIXED, null));
        Streamer fromA = new Streamer(a, relay[0], new Talker(Side.CALLER, ToneWindows.CALLER, ToneWindows.codes(1, 10), 1)
                .talk(1000, 20));
        fromA.start();
        fromA.finish();
        store.deposit(OWNER, previous.handOver(300)); // and no next version comes
        previous = null;
        Result result = recorder.finished().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Ending.CALL_ENDED, result.ending());
        ToneWindows.Wav wav = ToneWindows.Wav.read(file);
        assertTrue(wav.frames() >= 5000, "what was due at the hand-over (all but the last 300 ms) is in the file: " + wav.frames());
        assertEquals(result.length().toNanos() / 125_000, wav.frames());
        gateway = new RelayGateway(FIRST, store.collect(OWNER)); // too late: takes nothing
        assertTrue(gateway.sessions().isEmpty());
    }
}
