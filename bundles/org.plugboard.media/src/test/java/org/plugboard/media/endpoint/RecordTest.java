package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Recording;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.audio.WavReader;

/** A known tone sent by a real peer, found again in the WAV file at its frequency and length. */
class RecordTest extends EndpointFixture {
    @Test
    void aToneIsRecordedUntilTheStopDigitWhichIsUsedUp() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0 101", 20);
        Path file = dir.resolve("message.wav");
        CompletionStage<Recording> recording = leg.record(file, new Recording.Options(Duration.ofSeconds(30), "#", null));
        started(leg);
        int seq = sendAudio(peer, AudioEncoding.PCMU, Goertzel.sine(700, 1500, 8000), 1, 16000);
        peer.digit('#', seq, 16000 + 12000);
        Recording r = await(recording);
        assertEquals(new Recording(file, Duration.ofMillis(1500), Recording.Ending.DIGIT, "#"), r);
        Audio audio = WavReader.read(file);
        assertEquals(AudioEncoding.PCMU, audio.encoding(), "the leg's law");
        assertEquals(12000, audio.samples());
        assertTrue(Goertzel.share(Goertzel.linear(audio), 0, 12000, 700) > 0.95, "700 Hz");
        assertFalse(Files.exists(dir.resolve("message.wav.part")));
        assertEquals(Digits.Ending.NO_INPUT, await(leg.collect(new DigitCollection(1, "", Duration.ofMillis(100),
                Duration.ofMillis(100), false))).ending(), "the stop digit is not typed ahead");
    }

    @Test
    void anOversizedRecordingStopsAtItsMaximumInLinearFromAnAlawLeg() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "8 101", 20);
        Path file = dir.resolve("greeting.wav");
        CompletionStage<Recording> recording = leg.record(file,
                new Recording.Options(Duration.ofSeconds(1), "", AudioEncoding.LINEAR16));
        started(leg);
        sendAudio(peer, AudioEncoding.PCMA, Goertzel.sine(1000, 3000, 8000), 1, 0);
        Recording r = await(recording);
        assertEquals(Recording.Ending.MAX_LENGTH, r.ending());
        assertEquals(Duration.ofSeconds(1), r.length());
        Audio audio = WavReader.read(file);
        assertEquals(AudioEncoding.LINEAR16, audio.encoding());
        assertEquals(8000, audio.samples(), "exactly the maximum, not a sample more");
        assertEquals(2 * 8000 + 44, Files.size(file));
        assertTrue(Goertzel.share(Goertzel.linear(audio), 0, 8000, 1000) > 0.95);
    }

    @Test
    void gapsInTheTimestampsBecomeSilenceAndClosingKeepsTheRecording() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0 101", 20);
        Path file = dir.resolve("gap.wav");
        CompletionStage<Recording> recording = leg.record(file, new Recording.Options(Duration.ofSeconds(30), "", null));
        started(leg);
        int seq = sendAudio(peer, AudioEncoding.PCMU, Goertzel.sine(500, 500, 8000), 1, 0);
        seq = sendAudio(peer, AudioEncoding.PCMU, Goertzel.sine(500, 500, 8000), seq, 8000); // 4000 samples skipped
        seq = sendAudio(peer, AudioEncoding.PCMU, Goertzel.sine(500, 100, 8000), seq, 8000); // repeated: dropped
        peer.digit('5', seq, 20000); // after the audio on the same socket: once it is collected, the audio was handled
        assertEquals("5", await(leg.collect(DigitCollection.of(1))).digits());
        leg.close();
        Recording r = await(recording);
        assertEquals(Recording.Ending.CLOSED, r.ending());
        assertEquals(Duration.ofMillis(1500), r.length());
        short[] s = Goertzel.linear(WavReader.read(file));
        List<int[]> bursts = Goertzel.bursts(s, 500);
        assertEquals(2, bursts.size());
        assertEquals(List.of(0, 4000), List.of(bursts.get(0)[0], bursts.get(0)[1]));
        assertEquals(List.of(8000, 12000), List.of(bursts.get(1)[0], bursts.get(1)[1]));
    }

    @Test
    void aSilentPeerStillEndsAtTheMaximumByTheClock() throws Exception {
        MediaEndpoint leg = leg(peer(), "0", 20);
        Path file = dir.resolve("silent.wav");
        Recording r = await(leg.record(file, new Recording.Options(Duration.ofMillis(300), "", null)));
        assertEquals(Recording.Ending.MAX_LENGTH, r.ending());
        assertEquals(Duration.ZERO, r.length());
        assertTrue(Files.exists(file), "an empty but complete WAV");
    }

    @Test
    void aRecordingThatCannotBeWrittenFailsNamingTheFile() throws Exception {
        MediaEndpoint leg = leg(peer(), "0", 20);
        Throwable e = failure(leg.record(dir.resolve("missing/folder.wav"), new Recording.Options(Duration.ofSeconds(1), "", null)));
        assertEquals(dir.resolve("missing/folder.wav"), ((org.plugboard.api.media.MediaFileException) e).file());
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("does not exist"), e.getMessage());
    }
}
