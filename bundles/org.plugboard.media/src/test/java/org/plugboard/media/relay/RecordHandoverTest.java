package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Recording;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.audio.WavReader;

/**
 * A leg that records (a voicemail deposit) across a bundle update of the engine, done as LocalMediaGateway does it:
 * the recording goes on in the next version into the same file, the stage the application waits on completes from
 * there, and the file holds the tone from before and after the update with nothing missing or doubled.
 */
class RecordHandoverTest extends MixFixture {
    @TempDir
    Path dir;
    private final MediaEndpoint[] leg = new MediaEndpoint[1];

    @Test
    void aRecordingGoesOnAcrossAnUpdateIntoTheSameFileWithoutAGap() throws Exception {
        Talker a = leg(600, AudioEncoding.PCMU, 20, leg);
        Path file = dir.resolve("message.wav");
        CompletionStage<Recording> recording = leg[0].record(file, new Recording.Options(Duration.ofSeconds(30), "#", null));
        started(leg[0]);
        for (int i = 0; i < 50; i++) {
            a.talk(); // 1 s of 600 Hz
        }
        started(leg[0]); // the audio sent before the probe was handled: the first second is in this version

        updateEngine(10_000);

        assertFalse(recording.toCompletableFuture().isDone(), "the recording still runs");
        for (int i = 0; i < 50; i++) {
            a.talk(); // the next second, timestamps going on
        }
        a.phone.rtp(a.relayPort, 101, 900, 77_000, a.ssrc, Phone.dtmf(11, true, 800)); // '#'
        Recording r = await(recording);
        assertEquals(new Recording(file, Duration.ofSeconds(2), Recording.Ending.DIGIT, "#"), r,
                "the next version ended it, with the audio of both versions counted");
        Audio audio = WavReader.read(file);
        assertEquals(AudioEncoding.PCMU, audio.encoding());
        assertEquals(16000, audio.samples(), "2 s: nothing missing, nothing doubled");
        short[] s = Goertzel.linear(audio);
        assertTrue(Goertzel.share(s, 0, 8000, 600) > 0.95, "600 Hz before the update");
        assertTrue(Goertzel.share(s, 8000, 8000, 600) > 0.95, "600 Hz after the update");
        List<int[]> bursts = Goertzel.bursts(s, 500);
        assertEquals(1, bursts.size(), "one unbroken tone");
        assertEquals(List.of(0, 16000), List.of(bursts.get(0)[0], bursts.get(0)[1]));
        assertFalse(Files.exists(dir.resolve("message.wav.part")), "the file was moved into place");
    }

    /** Nobody takes the deposit over: the stage the application waits on fails with NO_SESSION, it does not hang. */
    @Test
    void aRecordingNobodyTakesOverFails() throws Exception {
        Talker a = leg(600, AudioEncoding.PCMU, 20, leg);
        CompletionStage<Recording> recording = leg[0].record(dir.resolve("lost.wav"),
                new Recording.Options(Duration.ofSeconds(30), "#", null));
        started(leg[0]);
        a.talk();
        List<java.util.Map<String, Object>> parts = new java.util.ArrayList<>(mixing.handOver());
        parts.addAll(endpoints.handOver());
        gateway.handOver(300, parts); // and no next version comes
        assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) failure(recording)).kind());
        gateway = new RelayGateway(CONFIG); // the fixture checks this one's pool
    }

    /** The leg handled what came before: a digit given to a collection comes back through the leg's loop. */
    private static void started(MediaEndpoint leg) throws Exception {
        CompletionStage<org.plugboard.api.media.Digits> probe = leg.collect(new DigitCollection(1, "",
                Duration.ofSeconds(5), Duration.ofSeconds(5), true));
        leg.receivedDigit('0');
        assertEquals("0", await(probe).digits());
    }
}
