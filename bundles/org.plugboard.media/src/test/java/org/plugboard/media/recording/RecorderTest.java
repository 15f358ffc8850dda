package org.plugboard.media.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plugboard.media.recording.ToneWindows.CALLEE;
import static org.plugboard.media.recording.ToneWindows.CALLER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.CallRecording.Ending;
import org.plugboard.api.media.CallRecording.Layout;
import org.plugboard.api.media.CallRecording.Options;
import org.plugboard.api.media.CallRecording.Result;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.G711;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.audio.LiveWavFile;
import org.plugboard.media.audio.WavReader;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** A recording's life with a manual clock: the file valid while it grows, its ends, failures, the warning beep, drift. */
class RecorderTest {
    @TempDir
    Path dir;
    private ManualRecording call;
    private final int[] callerCodes = ToneWindows.codes(3, 400);
    private final int[] calleeCodes = ToneWindows.codes(4, 400);

    @AfterEach
    void close() {
        if (call != null) {
            call.close();
        }
    }

    @Test
    void theFileIsAValidWavWhileItIsWrittenAndAfterAKill() throws Exception {
        Path file = dir.resolve("live.wav");
        call = new ManualRecording(file, Layout.MIXED, null, LiveWavFile.FILES);
        call.play(new Talker(Side.CALLER, CALLER, callerCodes, 1).talk(3000, 20),
                new Talker(Side.CALLEE, CALLEE, calleeCodes, 2).talk(3000, 20));
        // 3 s in, not stopped: what a kill -9 now would leave
        Audio sofar = WavReader.read(file);
        ToneWindows.Wav wav = ToneWindows.Wav.read(file);
        assertTrue(wav.frames() >= 8000 + 2 * Audio.RATE / 10, "more than a second written and counted: " + wav.frames());
        assertEquals(wav.frames(), sofar.samples(), "WavReader takes exactly what the header counts");
        assertTrue(Files.size(file) - 44 - wav.headerDataBytes() < Audio.RATE * 2, "at most a second not yet counted");
        int[] decoded = ToneWindows.decode(wav.samples()[0], CALLER);
        for (int w = 0; w < decoded.length; w++) {
            assertEquals(callerCodes[w], decoded[w], "window " + w + " already in the file");
        }
        assertFalse(call.recording.finished().toCompletableFuture().isDone());
    }

    @Test
    void theMaximumEndsItWithExactlyThatMuchAudio() throws Exception {
        call = new ManualRecording(dir.resolve("max.wav"), Layout.STEREO, Duration.ofMillis(1500), LiveWavFile.FILES);
        call.play(new Talker(Side.CALLER, CALLER, callerCodes, 1).talk(3000, 20));
        Result result = call.recording.finished().toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertEquals(Ending.MAX_LENGTH, result.ending());
        assertEquals(1500, result.length().toMillis());
        assertEquals(12_000, ToneWindows.Wav.read(result.file()).frames());
        assertTrue(call.recording.ended());
    }

    @Test
    void theCallEndingEndsItWithWhatWasBuffered() throws Exception {
        call = new ManualRecording(dir.resolve("bye.wav"), Layout.MIXED, null, LiveWavFile.FILES);
        AtomicInteger detached = new AtomicInteger();
        call.recording.onEnd(detached::incrementAndGet);
        call.play(new Talker(Side.CALLER, CALLER, callerCodes, 1).talk(2000, 20));
        call.advanceTo(2_000_000_000L);
        call.recording.end(Ending.CALL_ENDED);
        call.recording.stop(); // too late: the first end wins
        Result result = call.recording.finished().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Ending.CALL_ENDED, result.ending());
        assertEquals(16_000, ToneWindows.Wav.read(result.file()).frames(), "the last 300 ms, still in the buffer, too");
        assertEquals(1, detached.get(), "the tap is removed once");
    }

    @Test
    void aDiskFillingUpMidCallFailsTheRecordingAndKeepsWhatWasSynced() throws Exception {
        FillingDisk disk = new FillingDisk(44 + 2 * 8000 * 2 + 1000); // room for about two seconds, stereo is 4 bytes
        Path file = dir.resolve("full.wav");
        call = new ManualRecording(file, Layout.STEREO, null, disk);
        AtomicInteger detached = new AtomicInteger();
        call.recording.onEnd(detached::incrementAndGet);
        call.play(new Talker(Side.CALLER, CALLER, callerCodes, 1).talk(3000, 20));
        Result result = call.recording.finished().toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertEquals(Ending.FAILED, result.ending());
        assertTrue(result.failure().contains(file.toString()) && result.failure().contains("No space left on device"),
                result.failure());
        assertEquals(1, detached.get(), "the tap is removed");
        call.recording.packet(Side.CALLER, 1, 1, 1, 0, Unpooled.wrappedBuffer(new byte[160]), 0, 160, call.now.get());
        ToneWindows.Wav wav = ToneWindows.Wav.read(file);
        assertEquals(result.length().toNanos() / 125_000, wav.frames(), "all that was written is counted: a valid file");
        assertEquals(44 + wav.headerDataBytes(), Files.size(file), "the part of the failed write is cut off");
        assertTrue(wav.frames() > 6000, "most of the first second " + wav.frames());
        call.recording.stop(); // nothing more happens
        assertEquals(Ending.FAILED, call.recording.finished().toCompletableFuture().get().ending());
    }

    @Test
    void aMissingOrUnwritableFolderIsNamed() {
        MediaFileException missing = assertThrows(MediaFileException.class,
                () -> new ManualRecording(dir.resolve("nowhere/call.wav"), Layout.MIXED, null, LiveWavFile.FILES));
        assertTrue(missing.getMessage().contains("nowhere") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
        assertEquals(dir.resolve("nowhere/call.wav"), missing.file());
        MediaFileException full = assertThrows(MediaFileException.class,
                () -> new ManualRecording(dir.resolve("call.wav"), Layout.MIXED, null, new FillingDisk(10)));
        assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
        // /proc takes no new files, even from root
        MediaFileException proc = assertThrows(MediaFileException.class,
                () -> new ManualRecording(Path.of("/proc/plugboard-call.wav"), Layout.MIXED, null, LiveWavFile.FILES));
        assertTrue(proc.getMessage().contains("/proc/plugboard-call.wav cannot be written"), proc.getMessage());
    }

    @Test
    void theAnnouncementBeepsThreeTimesAt1400HzIntoWhatEachPartyReceives() throws Exception {
        call = new ManualRecording(new Options(dir.resolve("beep.wav"), Layout.MIXED, null, true), LiveWavFile.FILES);
        for (Side side : Side.values()) {
            int law = side == Side.CALLER ? 0 : 8;
            short[] heard = new short[8000];
            for (int i = 0; i < 50; i++) {
                byte[] payload = new byte[160];
                java.util.Arrays.fill(payload, G711.silence(law == 0 ? org.plugboard.api.media.AudioEncoding.PCMU
                        : org.plugboard.api.media.AudioEncoding.PCMA));
                ByteBuf packet = Unpooled.wrappedBuffer(new byte[12], payload);
                call.recording.packet(side, 7, i, i * 160L, law, packet, 12, 160, call.now.get() + i * 20_000_000L);
                for (int j = 0; j < 160; j++) {
                    byte code = packet.getByte(12 + j);
                    heard[i * 160 + j] = law == 0 ? G711.ulawToLinear(code) : G711.alawToLinear(code);
                }
            }
            List<int[]> bursts = Goertzel.bursts(heard, 500);
            assertEquals(3, bursts.size(), side + " sent three beeps to the other party");
            for (int[] b : bursts) {
                assertEquals(800, b[1] - b[0], "100 ms each");
                assertTrue(Goertzel.share(heard, b[0], 800, 1400) > 0.9, "at 1400 Hz");
            }
            assertTrue(Goertzel.rms(heard, 4000, 4000) <= 8, "then the party's own (silent) audio, untouched");
        }
    }

    @Test
    void aSlowClockIsFollowedByReanchoringWithNothingLate() throws Exception {
        call = new ManualRecording(dir.resolve("drift.wav"), Layout.STEREO, null, LiveWavFile.FILES);
        // 1 % slow: 390 ms behind after 39 s, past the 250 ms window after about 25 s
        Talker slow = new Talker(Side.CALLEE, CALLEE, calleeCodes, 2).slowClock(1.01).jitter(20).talk(39_000, 20);
        call.play(new Talker(Side.CALLER, CALLER, callerCodes, 1).talk(39_200, 20), slow);
        Result result = call.stopAt(39_200);
        long[] callee = call.recording.direction(Side.CALLEE).counters();
        assertTrue(callee[4] >= 1, "re-anchored as the offset left the window: " + callee[4]);
        assertEquals(0, callee[2], "no packet came too late for the file");
        assertEquals(0, call.recording.direction(Side.CALLER).counters()[4], "the caller's clock is right");
        assertEquals(39_200 * 8, ToneWindows.Wav.read(result.file()).frames(), "the wall clock's length");
    }
}
