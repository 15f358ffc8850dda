package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.Beep;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.endpoint.Endpoints;

/** Conference rooms through real UDP on 127.0.0.1: legs of the engine, phones talking tones. */
class ConferenceTest extends MixFixture {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;
    private final MediaEndpoint[] legA = new MediaEndpoint[1];
    private final MediaEndpoint[] legB = new MediaEndpoint[1];
    private final MediaEndpoint[] legC = new MediaEndpoint[1];

    private Conference room(Talker... talkers) throws Exception {
        Conference room = await(mixing.conference("room-1"));
        MediaEndpoint[][] legs = {legA, legB, legC};
        for (int i = 0; i < talkers.length; i++) {
            await(room.join(legs[i][0], false));
        }
        return room;
    }

    @Test
    void threeMembersEachHearTheOtherTwoAndNotThemselves() throws Exception {
        Talker a = leg(500, AudioEncoding.PCMU, 20, legA);
        Talker b = leg(1100, AudioEncoding.PCMA, 20, legB);
        Talker c = leg(1900, AudioEncoding.PCMU, 40, legC);
        Conference room = room(a, b, c);
        assertEquals(List.of(legA[0].id(), legB[0].id(), legC[0].id()), room.members());
        assertEquals(List.of(room), mixing.conferences());
        Talker.rounds(50, a, a, b, c);
        hears(a, b);
        hears(a, c);
        doesNotHear(a, a);
        hears(b, a);
        hears(b, c);
        doesNotHear(b, b);
        hears(c, a);
        hears(c, b);
        doesNotHear(c, c);
        assertEquals(8, b.lastPayloadType, "b is sent its own law");
    }

    @Test
    void aMutedMemberIsNotHeardALeaverAndAClosedLegAreOut() throws Exception {
        Talker a = leg(500, AudioEncoding.PCMU, 20, legA);
        Talker b = leg(1100, AudioEncoding.PCMU, 20, legB);
        Talker c = leg(1900, AudioEncoding.PCMU, 20, legC);
        Conference room = room(a, b, c);
        assertTrue(room.mute(legC[0].id(), true));
        assertFalse(room.mute("nobody", true));
        Talker.rounds(50, a, a, b, c);
        doesNotHear(a, c);
        hears(a, b);
        hears(c, a);

        assertTrue(room.leave(legA[0]));
        assertFalse(room.leave(legA[0]));
        assertEquals(List.of(legB[0].id(), legC[0].id()), room.members());
        b.listen();
        b.forget();
        Talker.rounds(45, b, a, b, c);
        doesNotHear(b, a);
        a.listen();

        legC[0].close();
        RelayFixture.eventually("a closed leg leaves its room", () -> room.members().equals(List.of(legB[0].id())));

        room.close();
        assertTrue(room.members().isEmpty());
        assertTrue(mixing.conferences().isEmpty());
        Throwable e = failure(room.join(legB[0], false));
        assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) e).kind());
    }

    @Test
    void aLeftLegSendsItsOwnAudioAgainAndDigitsAreCollectedInTheRoom() throws Exception {
        Talker a = leg(500, AudioEncoding.PCMU, 20, legA);
        Talker b = leg(1100, AudioEncoding.PCMU, 20, legB);
        Conference room = room(a, b);
        var digits = legA[0].collect(new DigitCollection(1, "", Duration.ofSeconds(5), Duration.ofSeconds(5), true));
        Talker.rounds(5, a, a, b);
        a.phone.rtp(a.relayPort, 101, 900, 77_000, a.ssrc, Phone.dtmf(5, true, 800));
        assertEquals("5", await(digits).digits());
        // a prompt is not sent while in the room, and is once out of it
        Talker prompt = new Talker(b.phone, 700, 0, AudioEncoding.PCMU, 0);
        short[] sine = Goertzel.sine(700, 5000, 8000);
        org.plugboard.media.audio.WavWriter w = org.plugboard.media.audio.WavWriter.create(dir.resolve("p.wav"),
                AudioEncoding.LINEAR16);
        byte[] data = Goertzel.littleEndian(sine);
        w.write(data, data.length);
        var playing = legB[0].play(w.finish(), "");
        b.forget();
        Talker.rounds(40, a, a, b);
        doesNotHear(b, prompt);
        assertTrue(room.leave(legB[0]));
        b.listen();
        b.forget();
        for (int i = 0; i < 40; i++) {
            assertTrue(b.hear(1000), "b's own prompt plays again");
        }
        hears(b, prompt);
        playing.toCompletableFuture().cancel(true);
    }

    @Test
    void beepsAreHeardByEveryMember() throws Exception {
        Talker a = leg(500, AudioEncoding.PCMU, 20, legA);
        Talker b = leg(1100, AudioEncoding.PCMA, 20, legB);
        Talker silentA = new Talker(a.phone, 500, 0, AudioEncoding.PCMU, a.ssrc);
        silentA.relayPort = a.relayPort;
        Talker silentB = new Talker(b.phone, 1100, 0, AudioEncoding.PCMA, b.ssrc);
        silentB.relayPort = b.relayPort;
        Conference room = room(a, b);
        room.beep(Beep.WARNING);
        Talker.rounds(60, silentA, silentA, silentB);
        for (Talker t : List.of(silentA, silentB)) {
            short[] s = t.heard();
            List<int[]> bursts = Goertzel.bursts(s, 1000);
            assertEquals(3, bursts.size(), "three beeps at " + t.phone.port());
            int[] first = bursts.get(0);
            assertTrue(Goertzel.share(s, first[0], first[1] - first[0], 1400) > 0.8);
        }
    }

    @Test
    void loudVoicesSaturateAndDoNotWrapAround() throws Exception {
        Talker a = leg(400, AudioEncoding.PCMU, 20, legA);
        Talker b = leg(400, AudioEncoding.PCMU, 20, legB);
        Talker c = leg(1900, AudioEncoding.PCMU, 20, legC);
        Talker loudA = new Talker(a.phone, 400, 30000, AudioEncoding.PCMU, a.ssrc);
        loudA.relayPort = a.relayPort;
        Talker loudB = new Talker(b.phone, 400, 30000, AudioEncoding.PCMU, b.ssrc);
        loudB.relayPort = b.relayPort;
        Talker quietC = new Talker(c.phone, 1900, 0, AudioEncoding.PCMU, c.ssrc);
        quietC.relayPort = c.relayPort;
        room(a, b, c);
        Talker.rounds(40, quietC, loudA, loudB, quietC);
        short[] s = last(quietC);
        int peak = 0;
        for (short v : s) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertTrue(peak > 28000, "loud: " + peak);
        // 400 Hz repeats every 20 ms, so the two voices add in phase whatever frame each lands in: a wrapped sum
        // would spread its energy over the spectrum (the best window: see hears)
        double share = shares(quietC, 400)[1];
        assertTrue(share > 0.85, "share " + share);
    }

    @Test
    void onlyOpenLegsOfThisEngineJoinAndAClosedEngineRefuses() throws Exception {
        Talker a = leg(500, AudioEncoding.PCMU, 20, legA);
        Conference room = await(mixing.conference("room-2"));
        try (RelayGateway other = new RelayGateway(RelayConfig.defaults().withPorts(40100, 40199)
                .withBindAddress("127.0.0.1").withThreads(1)); Endpoints otherLegs = Endpoints.on(other)) {
            MediaEndpoint foreign = otherLegs.open("x", Side.CALLER);
            Throwable e = failure(room.join(foreign, false));
            assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) e).kind());
            assertTrue(e.getMessage().contains("not a leg of the media engine"), e.getMessage());
        }
        MediaEndpoint unanswered = endpoints.open("y", Side.CALLER);
        assertEquals(MediaException.Kind.NO_USABLE_MEDIA, ((MediaException) failure(room.join(unanswered, false))).kind());
        await(room.join(legA[0], true));
        assertEquals(MediaException.Kind.ENGINE_FAILURE,
                ((MediaException) failure(await(mixing.conference("room-3")).join(legA[0], false))).kind(),
                "one room at a time");
        mixing.close();
        assertTrue(room.members().isEmpty());
        assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) failure(room.join(legA[0], false))).kind());
        assertEquals(MediaException.Kind.ENGINE_FAILURE, ((MediaException) failure(mixing.conference("room-2"))).kind());
        a.listen();
    }
}
