package org.plugboard.media.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plugboard.media.recording.ToneWindows.CALLEE;
import static org.plugboard.media.recording.ToneWindows.CALLER;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.CallRecording.Ending;
import org.plugboard.api.media.CallRecording.Layout;
import org.plugboard.api.media.CallRecording.Result;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.LiveWavFile;

/**
 * The recorder's timeline, driven with a manual clock: both parties play tones that change every 100 ms and the file
 * is decoded window by window. In stereo, each channel's windows must equal what that party sent, window for window:
 * nothing lost, repeated or moved, whatever the packet times, pauses, loss, reordering or SSRC changes.
 */
class TimelineTest {
    private static final int SECONDS = 4;
    private static final int WINDOWS = SECONDS * 10;
    @TempDir
    Path dir;
    private ManualRecording call;

    @AfterEach
    void close() {
        if (call != null) {
            call.close();
        }
    }

    private ManualRecording record(Layout layout) throws Exception {
        call = new ManualRecording(dir.resolve("call.wav"), layout, null, LiveWavFile.FILES);
        return call;
    }

    private final int[] callerCodes = ToneWindows.codes(1, WINDOWS);
    private final int[] calleeCodes = ToneWindows.codes(2, WINDOWS);

    private Talker caller() {
        return new Talker(Side.CALLER, CALLER, callerCodes, 11).jitter(40);
    }

    private Talker callee() {
        return new Talker(Side.CALLEE, CALLEE, calleeCodes, 12).jitter(40).law(8);
    }

    /** Plays, stops at the end, and checks each channel's windows against what was sent. */
    private ToneWindows.Wav stereo(Talker a, Talker b, int[] expectedCaller, int[] expectedCallee) throws Exception {
        record(Layout.STEREO).play(a, b);
        Result result = call.stopAt(SECONDS * 1000);
        assertEquals(Ending.STOPPED, result.ending());
        ToneWindows.Wav wav = ToneWindows.Wav.read(result.file());
        assertEquals(2, wav.channels());
        assertEquals(SECONDS * 8000, wav.frames(), "the file is exactly as long as the recording");
        assertEquals(SECONDS * 1000, result.length().toMillis());
        assertArrayEquals(expectedCaller, ToneWindows.decode(wav.samples()[0], CALLER), "the caller's windows, left");
        assertArrayEquals(expectedCallee, ToneWindows.decode(wav.samples()[1], CALLEE), "the callee's windows, right");
        return wav;
    }

    @Test
    void partiesWithDifferentPacketTimesAreRecordedWindowForWindow() throws Exception {
        stereo(caller().talk(4000, 20), callee().talk(4000, 30), callerCodes, calleeCodes);
    }

    @Test
    void aPacketTimeChangingMidCallChangesNothing() throws Exception {
        stereo(caller().talk(4000, 20), callee().talk(1500, 30).talk(4000, 40), callerCodes, calleeCodes);
    }

    @Test
    void aPauseWithATimestampJumpIsSilenceAndAlignmentIsKeptAfterIt() throws Exception {
        Talker a = caller().talk(1000, 20).pause(3000, true).talk(4000, 20);
        stereo(a, callee().talk(4000, 30), ToneWindows.silent(callerCodes, 10, 30), calleeCodes);
    }

    @Test
    void aPauseWithoutATimestampJumpIsReanchoredAtTheNextPacket() throws Exception {
        Talker a = caller().talk(1000, 20).pause(3000, false).talk(4000, 20);
        stereo(a, callee().talk(4000, 30), ToneWindows.silent(callerCodes, 10, 30), calleeCodes);
        assertEquals(1, call.recording.direction(Side.CALLER).counters()[4], "one re-anchor: the timestamps lied");
        assertEquals(0, call.recording.direction(Side.CALLEE).counters()[4]);
    }

    @Test
    void comfortNoiseAndSilenceSuppressionLeaveSilence() throws Exception {
        Talker a = caller().talk(1500, 20).comfortNoise().pause(2500, true).talk(4000, 20);
        stereo(a, callee().talk(4000, 20), ToneWindows.silent(callerCodes, 15, 25), calleeCodes);
    }

    @Test
    void fivePercentLossLeavesEveryWindowInItsPlaceAndIsCounted() throws Exception {
        Talker a = caller().loss(0.05).talk(4000, 20);
        Talker b = callee().loss(0.05).talk(4000, 30);
        stereo(a, b, callerCodes, calleeCodes);
        assertTrue(a.lost() > 0 && b.lost() > 0, "the seed loses packets on both sides");
        assertEquals(a.lost(), call.recording.direction(Side.CALLER).counters()[1], "the caller's loss counted");
        assertEquals(b.lost(), call.recording.direction(Side.CALLEE).counters()[1], "the callee's loss counted");
    }

    @Test
    void reorderedAndDuplicatedPacketsArePlacedByTheirTimestamps() throws Exception {
        Talker a = caller().talk(4000, 20).swapPairs();
        Talker b = callee().talk(4000, 30).duplicateEvery(7);
        stereo(a, b, callerCodes, calleeCodes);
        long[] calleeCounters = call.recording.direction(Side.CALLEE).counters();
        assertEquals(b.sent() / 8, calleeCounters[3], "every duplicate spotted");
        assertEquals(0, call.recording.direction(Side.CALLER).counters()[2], "nothing reordered came too late");
    }

    @Test
    void anSsrcChangeIsReanchored() throws Exception {
        Talker a = caller().talk(2000, 20).newSource().talk(4000, 20);
        stereo(a, callee().talk(4000, 30), callerCodes, calleeCodes);
        assertEquals(1, call.recording.direction(Side.CALLER).counters()[4]);
        assertEquals(0, call.recording.direction(Side.CALLER).counters()[1], "no loss across the change");
    }

    @Test
    void aPartyStartingLateIsPlacedWhereItStarted() throws Exception {
        Talker b = callee().pause(1200, true).talk(4000, 30);
        stereo(caller().talk(4000, 20), b, callerCodes, ToneWindows.silent(calleeCodes, 0, 12));
    }

    @Test
    void mixedHoldsBothPartiesInEveryWindow() throws Exception {
        record(Layout.MIXED).play(caller().talk(4000, 20), callee().talk(4000, 30));
        Result result = call.stopAt(SECONDS * 1000);
        ToneWindows.Wav wav = ToneWindows.Wav.read(result.file());
        assertEquals(1, wav.channels());
        assertEquals(SECONDS * 8000, wav.frames());
        short[] mixed = wav.samples()[0];
        for (int w = 0; w < WINDOWS; w++) {
            double a = ToneWindows.share(mixed, w, CALLER[callerCodes[w]]);
            double b = ToneWindows.share(mixed, w, CALLEE[calleeCodes[w]]);
            assertTrue(a > 0.3 && b > 0.3, "window " + w + ": caller " + a + ", callee " + b);
        }
    }

    @Test
    void loudPartiesAreClippedNotWrappedWhenMixed() throws Exception {
        record(Layout.MIXED);
        byte loudest = org.plugboard.media.audio.G711.ulaw(32000);
        byte[] payload = new byte[160];
        Arrays.fill(payload, loudest);
        for (int i = 0; i < 50; i++) {
            call.advanceTo(i * 20_000_000L);
            for (Side side : Side.values()) {
                call.recording.packet(side, side.ordinal(), i, i * 160L, 0, io.netty.buffer.Unpooled.wrappedBuffer(payload),
                        0, 160, call.now.get());
            }
        }
        short[] mixed = ToneWindows.Wav.read(call.stopAt(1000).file()).samples()[0];
        for (int i = 0; i < mixed.length; i++) {
            assertEquals(Short.MAX_VALUE, mixed[i], "sample " + i);
        }
    }

    @Test
    void theFileIsAsLongAsTheRecordingEvenWhenNobodySpeaks() throws Exception {
        record(Layout.STEREO);
        Result result = call.stopAt(2500);
        ToneWindows.Wav wav = ToneWindows.Wav.read(result.file());
        assertEquals(20_000, wav.frames());
        assertTrue(Arrays.stream(ToneWindows.decode(wav.samples()[0], CALLER)).allMatch(c -> c == ToneWindows.SILENT));
    }
}
