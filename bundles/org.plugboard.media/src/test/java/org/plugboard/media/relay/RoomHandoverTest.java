package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;

/**
 * A conference room across a bundle update of the engine, done as LocalMediaGateway's deactivation and activation do
 * it (rooms, then legs, then the relay into one deposit; the next version takes the relay, then the legs, then the
 * rooms): the members still hear each other and not themselves, a muted one stays muted, the digit collection the
 * application waits on completes from the next version, and the old room and leg objects the applications hold
 * forward to it (leave, close).
 */
class RoomHandoverTest extends MixFixture {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;
    private final MediaEndpoint[] legA = new MediaEndpoint[1];
    private final MediaEndpoint[] legB = new MediaEndpoint[1];
    private final MediaEndpoint[] legC = new MediaEndpoint[1];

    @Test
    void aRoomItsMembersAndTheirCollectionSurviveAnUpdate() throws Exception {
        Talker a = leg(500, AudioEncoding.PCMU, 20, legA);
        Talker b = leg(1100, AudioEncoding.PCMA, 20, legB);
        Talker c = leg(1900, AudioEncoding.PCMU, 40, legC);
        Conference room = await(mixing.conference("room-1"));
        for (MediaEndpoint[] leg : List.of(legA, legB, legC)) {
            await(room.join(leg[0], false));
        }
        assertTrue(room.mute(legC[0].id(), true));
        CompletionStage<Digits> waiting = legA[0].collect(new DigitCollection(1, "", Duration.ofSeconds(20),
                Duration.ofSeconds(20), true));
        Talker.rounds(40, a, a, b, c);
        hears(a, b);

        updateEngine(10_000);

        List<String> ids = List.of(legA[0].id(), legB[0].id(), legC[0].id());
        RelayFixture.eventually("the next version's room has the three members", () -> room.members().equals(ids));
        assertEquals(1, mixing.conferences().size());
        assertEquals(ids, mixing.conferences().get(0).members(), "the old room object shows the next version's");
        a.forget();
        b.forget();
        c.forget();
        Talker.rounds(50, a, a, b, c);
        hears(a, b);
        doesNotHear(a, a);
        hears(b, a);
        doesNotHear(b, b);
        hears(c, a);
        hears(c, b);
        doesNotHear(a, c); // still muted
        doesNotHear(b, c);
        assertEquals(8, b.lastPayloadType, "b is still sent its own law");

        a.phone.rtp(a.relayPort, 101, 900, 77_000, a.ssrc, Phone.dtmf(5, true, 800));
        assertEquals("5", await(waiting).digits(), "the collection started before the update completes after it");

        assertTrue(room.leave(legA[0]), "the old room object forwards a leave");
        RelayFixture.eventually("a left", () -> room.members().equals(List.of(legB[0].id(), legC[0].id())));
        legB[0].close();
        assertTrue(legB[0].closed());
        RelayFixture.eventually("b's leg, closed through the old object, left", () -> room.members().equals(
                List.of(legC[0].id())));
        MediaException e = (MediaException) failure(legB[0].collect(new DigitCollection(1, "", Duration.ofSeconds(1),
                Duration.ofSeconds(1), true)));
        assertEquals(MediaException.Kind.NO_SESSION, e.kind());
        room.close();
        RelayFixture.eventually("the room closed through the old object", () -> mixing.conferences().isEmpty());
    }

    /**
     * The bundle stopped for good: nobody takes the deposit over, so its guard closes the legs' sockets when the
     * hand-over time is up, the collection the application waits on fails with NO_SESSION (its flow ends) and the
     * old objects say closed (and refuse work); a room's old object says it has nobody.
     */
    @Test
    void legsAndRoomsNobodyTakesOverAreClosedAndTheirCollectionFails() throws Exception {
        leg(500, AudioEncoding.PCMU, 20, legA);
        Conference room = await(mixing.conference("room-2"));
        await(room.join(legA[0], false));
        CompletionStage<Digits> waiting = legA[0].collect(new DigitCollection(1, "", Duration.ofSeconds(20),
                Duration.ofSeconds(20), true));
        List<java.util.Map<String, Object>> parts = new java.util.ArrayList<>(mixing.handOver());
        parts.addAll(endpoints.handOver());
        gateway.handOver(300, parts); // and no next version comes
        MediaException e = (MediaException) failure(waiting);
        assertEquals(MediaException.Kind.NO_SESSION, e.kind());
        RelayFixture.eventually("the old leg object says closed", () -> legA[0].closed());
        assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) failure(legA[0].play(java.nio.file.Path.of("x.wav"),
                ""))).kind());
        assertEquals(List.of(), room.members(), "a room nobody took over has nobody");
        gateway = new RelayGateway(CONFIG); // the fixture checks this one's pool
    }

    /** A prompt playing when the engine is updated goes on in the next version where it was: every frame, once. */
    @Test
    void aPromptPlayingAcrossAnUpdateGoesOnWhereItWas() throws Exception {
        Talker a = leg(500, AudioEncoding.PCMU, 20, legA);
        org.plugboard.media.audio.WavWriter w = org.plugboard.media.audio.WavWriter.create(dir.resolve("p.wav"),
                AudioEncoding.LINEAR16);
        byte[] data = org.plugboard.media.audio.Goertzel.littleEndian(org.plugboard.media.audio.Goertzel.sine(700, 1000, 8000));
        w.write(data, data.length);
        CompletionStage<org.plugboard.api.media.Playback> playing = legA[0].play(w.finish(), "");
        for (int i = 0; i < 10; i++) {
            assertTrue(a.hear(1000), "packet " + i + " of the prompt before the update");
        }
        updateEngine(10_000);
        org.plugboard.api.media.Playback played = await(playing);
        assertEquals(org.plugboard.api.media.Playback.Ending.COMPLETED, played.ending());
        assertEquals(Duration.ofSeconds(1), played.played());
        while (a.hear(300)) {
            // the rest of the prompt, then nothing
        }
        assertEquals(50, a.packetsHeard, "every frame of the 1 s prompt, once");
        short[] heard = a.heard();
        assertTrue(org.plugboard.media.audio.Goertzel.share(heard, 0, heard.length, 700) > 0.9, "the prompt's 700 Hz");
    }
}
