package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.audio.WavReader;

/** Closing a leg and the engine: every operation ends cleanly, recordings are kept, ports come back; no thread per leg. */
class LifecycleTest extends EndpointFixture {
    @Test
    void closingEndsEveryOperationKeepsTheRecordingAndGivesThePortsBack() throws Exception {
        RtpPeer peer = peer();
        PortUsage before = relay.ports();
        MediaEndpoint leg = leg(peer, "0 101", 20);
        assertEquals(before.free() - 2, relay.ports().free(), "one pair taken");
        CompletionStage<Playback> playing = leg.play(wav("long.wav", AudioEncoding.PCMU, Goertzel.sine(800, 10_000, 8000)), "");
        CompletionStage<Recording> recording = leg.record(dir.resolve("r.wav"), new Recording.Options(Duration.ofMinutes(1), "#", null));
        started(leg);
        int seq = sendAudio(peer, AudioEncoding.PCMU, Goertzel.sine(600, 400, 8000), 1, 0);
        peer.digit('9', seq, 3200);
        assertEquals("9", await(leg.collect(DigitCollection.of(1))).digits());
        CompletionStage<Digits> collecting = leg.collect(DigitCollection.of(4));
        leg.close();
        assertTrue(leg.closed());
        assertEquals(before.free(), relay.ports().free(), "the pair is back when close() returns");
        assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) failure(playing)).kind());
        assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) failure(collecting)).kind());
        Recording r = await(recording);
        assertEquals(Recording.Ending.CLOSED, r.ending());
        assertEquals(3200, WavReader.read(r.file()).samples(), "what came before the close is kept");
        while (peer.receive(200) != null) {
            // drain what was sent before the close
        }
        assertNull(peer.receive(300), "nothing is sent after the close");
        leg.close(); // idempotent
        assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) failure(leg.collect(DigitCollection.of(1)))).kind());
        assertEquals(MediaException.Kind.NO_SESSION, assertThrows(MediaException.class,
                () -> leg.answer(peer.offer("0", 20), "127.0.0.1", "127.0.0.1")).kind());
        assertTrue(endpoints.list().isEmpty());
    }

    @Test
    void closingTheEngineFinishesTheRecordingsFirst() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "8 101", 20);
        Path file = dir.resolve("kept.wav");
        CompletionStage<Recording> recording = leg.record(file, new Recording.Options(Duration.ofMinutes(1), "", null));
        started(leg);
        int seq = sendAudio(peer, AudioEncoding.PCMA, Goertzel.sine(600, 200, 8000), 1, 0);
        peer.digit('5', seq, 1600);
        assertEquals("5", await(leg.collect(DigitCollection.of(1))).digits(), "the audio before it was handled");
        endpoints.close();
        assertEquals(Recording.Ending.CLOSED, await(recording).ending());
        assertEquals(AudioEncoding.PCMA, WavReader.read(file).encoding());
        assertEquals(1600, WavReader.read(file).samples());
        assertEquals(MediaException.Kind.ENGINE_FAILURE, assertThrows(MediaException.class,
                () -> endpoints.open("late", Side.CALLER)).kind());
        assertTrue(seq > 1);
    }

    @Test
    void fortyLegsPlayAtOnceOnTheEnginesFewThreads() throws Exception {
        List<RtpPeer> all = new ArrayList<>();
        List<CompletionStage<Playback>> playing = new ArrayList<>();
        Path prompt = wav("p.wav", AudioEncoding.PCMU, Goertzel.sine(1000, 600, 8000));
        for (int i = 0; i < 40; i++) {
            RtpPeer p = peer();
            all.add(p);
            playing.add(leg(p, i % 2 == 0 ? "0" : "8", 20).play(prompt, ""));
        }
        long mediaThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("plugboard-media")).count();
        assertTrue(mediaThreads <= 4, "2 event loops and 2 I/O threads for 40 legs, not a thread each: " + mediaThreads);
        for (int i = 0; i < 40; i++) {
            assertEquals(Playback.Ending.COMPLETED, await(playing.get(i)).ending());
            List<RtpPeer.Packet> got = all.get(i).receiveUntilQuiet(50, 100); // sent already: in the buffer
            assertEquals(30, got.size(), "leg " + i);
            assertEquals(i % 2 == 0 ? 0 : 8, got.get(0).payloadType());
        }
    }

    @Test
    void anEngineThatOnlyRelaysSaysSo() {
        MediaGateway relayOnly = new MediaGateway() {
            @Override
            public String engine() {
                return "rtpengine";
            }

            @Override
            public MediaSession open(String callId, MediaListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<MediaSession> find(String sessionId) {
                return Optional.empty();
            }

            @Override
            public List<MediaSession> sessions() {
                return List.of();
            }

            @Override
            public PortUsage ports() {
                return PortUsage.UNKNOWN;
            }
        };
        assertTrue(!relayOnly.terminatesLegs());
        MediaException e = assertThrows(MediaException.class, () -> relayOnly.endpoint("c", Side.CALLER));
        assertEquals(MediaException.Kind.ENGINE_FAILURE, e.kind());
        assertEquals(503, e.kind().sipStatus());
        assertTrue(e.getMessage().contains("'rtpengine' relays only"), e.getMessage());
    }

    @Test
    void aBadOfferTakesNoPortAndTheLegStaysUsable() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = endpoints.open("bad", Side.CALLER);
        MediaException e = assertThrows(MediaException.class, () -> leg.answer(peer.offer("9 18", 20), "127.0.0.1", null));
        assertEquals(MediaException.Kind.NO_USABLE_MEDIA, e.kind());
        assertInstanceOf(String.class, leg.answer(peer.offer("0", 20), "127.0.0.1", null));
        assertEquals(AudioEncoding.PCMU, leg.encoding());
    }
}
