package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Tone;
import org.plugboard.media.audio.Goertzel;

/** Prompts and tones as a phone receives them: headers, pacing, and the audio itself, decoded and measured. */
class PlayTest extends EndpointFixture {
    @Test
    void aUlawPromptReachesAnAlawLegPacedWithRightHeadersAndItsToneIsFound() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "8 101", 20);
        assertEquals(AudioEncoding.PCMA, leg.encoding());
        Path prompt = wav("1k.wav", AudioEncoding.PCMU, Goertzel.sine(1000, 1000, 8000));
        CompletionStage<Playback> played = leg.play(prompt, "");
        List<RtpPeer.Packet> got = peer.receiveUntilQuiet(300, 1000);
        assertEquals(new Playback(Playback.Ending.COMPLETED, "", Duration.ofSeconds(1)), await(played));
        assertEquals(50, got.size(), "1 s in 20 ms packets");
        RtpPeer.Packet first = got.get(0);
        for (int i = 0; i < got.size(); i++) {
            RtpPeer.Packet p = got.get(i);
            assertEquals(8, p.payloadType(), "PCMA, transcoded from the u-law file");
            assertEquals(160, p.payload().length);
            assertEquals(i == 0, p.marker(), "marker on the first packet only");
            assertEquals((first.sequence() + i) & 0xFFFF, p.sequence());
            assertEquals((first.timestamp() + 160L * i) & 0xFFFFFFFFL, p.timestamp());
            assertEquals(first.ssrc(), p.ssrc());
        }
        long spanMillis = (got.get(49).nanos() - first.nanos()) / 1_000_000;
        assertTrue(spanMillis >= 850 && spanMillis <= 1500, "paced over about 980 ms, not sent at once: " + spanMillis);
        assertTrue(maxInWindow(got, 200) <= 14, "no bursts: at most about 10 packets in any 200 ms");
        short[] audio = decode(got, AudioEncoding.PCMA);
        assertTrue(Goertzel.share(audio, 0, 8000, 1000) > 0.9, "the 1 kHz tone");
        List<int[]> bursts = Goertzel.bursts(audio, 500);
        assertEquals(1, bursts.size());
        assertEquals(8000, bursts.get(0)[1] - bursts.get(0)[0], "1 s long");
    }

    @Test
    void linearPcmIsEncodedAndTheOfferedPtimeIsUsed() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0", 30);
        assertEquals(30, leg.ptime());
        CompletionStage<Playback> played = leg.play(wav("500.wav", AudioEncoding.LINEAR16, Goertzel.sine(500, 1000, 6000)), "");
        List<RtpPeer.Packet> got = peer.receiveUntilQuiet(300, 1000);
        await(played);
        assertEquals(34, got.size(), "8000 samples in 240-sample packets, the last padded");
        assertTrue(got.stream().allMatch(p -> p.payloadType() == 0 && p.payload().length == 240));
        assertEquals(240, got.get(1).timestamp() - got.get(0).timestamp());
        assertTrue(Goertzel.share(decode(got, AudioEncoding.PCMU), 0, 8000, 500) > 0.9);
    }

    @Test
    void aDigitInterruptsThePromptAndIsThenCollected() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0 101", 20);
        CompletionStage<Playback> played = leg.play(wav("long.wav", AudioEncoding.PCMU, Goertzel.sine(800, 5000, 8000)),
                Digits.ALL);
        for (int i = 0; i < 10; i++) {
            peer.receive(3000);
        }
        peer.digit('5', 1, 1000);
        Playback p = await(played);
        assertEquals(Playback.Ending.DIGIT, p.ending());
        assertEquals("5", p.digit());
        assertTrue(p.played().toMillis() < 2000, "stopped early: " + p.played());
        List<RtpPeer.Packet> after = peer.receiveUntilQuiet(300, 1000);
        assertTrue(after.size() < 20, "the prompt stopped sending: " + after.size() + " more packets");
        assertEquals(new Digits("5", "", Digits.Ending.MAX_DIGITS), await(leg.collect(DigitCollection.of(1))),
                "the barge-in digit is the first one collected");
    }

    @Test
    void aNewPromptStopsTheOneThatPlays() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0", 20);
        CompletionStage<Playback> first = leg.play(wav("a.wav", AudioEncoding.PCMU, Goertzel.sine(600, 5000, 8000)), "");
        peer.receive(3000);
        CompletionStage<Playback> second = leg.play(wav("b.wav", AudioEncoding.PCMU, Goertzel.sine(1200, 200, 8000)), "");
        assertEquals(Playback.Ending.STOPPED, await(first).ending());
        assertEquals(Playback.Ending.COMPLETED, await(second).ending());
        List<RtpPeer.Packet> got = peer.receiveUntilQuiet(300, 1000);
        RtpPeer.Packet last = got.get(got.size() - 1);
        short[] tail = decode(List.of(last), AudioEncoding.PCMU);
        assertTrue(Goertzel.share(tail, 0, 160, 1200) > 0.8, "the second prompt played last");
        assertTrue(got.stream().filter(RtpPeer.Packet::marker).count() >= 1, "its talkspurt starts with a marker");
    }

    @Test
    void aBusyToneWithItsCadenceAndAConfirmationToneOnce() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "8", 20);
        CompletionStage<Playback> busy = leg.tone(Tone.BUSY, "gb", Duration.ofMillis(1500), "");
        List<RtpPeer.Packet> got = peer.receiveUntilQuiet(300, 1000);
        assertEquals(Playback.Ending.COMPLETED, await(busy).ending());
        assertEquals(75, got.size(), "1.5 s, silence included");
        short[] audio = decode(got, AudioEncoding.PCMA);
        List<int[]> bursts = Goertzel.bursts(audio, 500);
        assertEquals(2, bursts.size(), "375 ms on, 375 off, twice");
        for (int[] b : bursts) {
            assertEquals(3000, b[1] - b[0], 80);
            assertTrue(Goertzel.share(audio, b[0], 2400, 400) > 0.9, "400 Hz");
        }
        assertEquals(6000, bursts.get(1)[0], 80, "the second burst 750 ms after the first");
        CompletionStage<Playback> confirm = leg.tone(Tone.CONFIRMATION, "us", null, "");
        short[] c = decode(peer.receiveUntilQuiet(300, 1000), AudioEncoding.PCMA);
        assertEquals(Duration.ofMillis(500), await(confirm).played(), "once: three 100 ms bursts with two gaps");
        List<int[]> cb = Goertzel.bursts(c, 500);
        assertEquals(3, cb.size());
        assertEquals(0.5, Goertzel.share(c, cb.get(0)[0], 800, 350), 0.1);
        assertEquals(0.5, Goertzel.share(c, cb.get(0)[0], 800, 440), 0.1);
    }

    @Test
    void badFilesFailNamingTheFileAndTheLegPlaysOn() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0", 20);
        Path stereo = dir.resolve("stereo.wav");
        java.nio.file.Files.write(stereo, stereoHeader());
        Throwable e = failure(leg.play(stereo, ""));
        assertInstanceOf(org.plugboard.api.media.MediaFileException.class, e);
        assertEquals(stereo, ((org.plugboard.api.media.MediaFileException) e).file());
        assertTrue(e.getMessage().contains(stereo.toString()) && e.getMessage().contains("stereo"), e.getMessage());
        Path mp3 = dir.resolve("song.wav");
        java.nio.file.Files.write(mp3, "ID3\u0003\u0000 an mp3 file".getBytes());
        assertTrue(failure(leg.play(mp3, "")).getMessage().contains("looks like MP3"));
        assertTrue(failure(leg.tone(Tone.BUSY, "zz", null, "")).getMessage().contains("known: de, gb, us"));
        assertEquals(Playback.Ending.COMPLETED,
                await(leg.play(wav("ok.wav", AudioEncoding.PCMU, Goertzel.sine(900, 100, 8000)), "")).ending());
        assertFalse(peer.receiveUntilQuiet(300, 100).isEmpty());
    }

    @Test
    void nothingIsSentWhileThePeerHoldsAndAPromptIsRereadOnlyWhenItChanges() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "0", 20);
        String answer = leg.answer(peer.offer("0", 20, "a=sendonly"), "127.0.0.1", "127.0.0.1");
        assertTrue(answer.contains("a=recvonly"), answer);
        Path prompt = wav("p.wav", AudioEncoding.PCMU, Goertzel.sine(700, 300, 8000));
        long reads = endpoints.promptReads();
        assertEquals(Playback.Ending.COMPLETED, await(leg.play(prompt, "")).ending());
        assertEquals(null, peer.receive(200), "on hold: nothing sent");
        leg.answer(peer.offer("0", 20), "127.0.0.1", "127.0.0.1");
        await(leg.play(prompt, ""));
        assertEquals(15, peer.receiveUntilQuiet(300, 100).size());
        assertEquals(reads + 1, endpoints.promptReads(), "played twice, read once");
    }

    @Test
    void theEnginesOwnOfferAndThePeersAnswer() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = endpoints.open("late-offer", org.plugboard.api.media.Side.CALLER);
        String offer = leg.offer("127.0.0.1");
        assertTrue(offer.contains("m=audio ") && offer.contains(" RTP/AVP 0 8 101"), offer);
        Path prompt = wav("x.wav", AudioEncoding.PCMU, Goertzel.sine(900, 100, 8000));
        assertEquals(MediaException.Kind.NO_USABLE_MEDIA, ((MediaException) failure(leg.play(prompt, ""))).kind(),
                "no codec before the answer");
        leg.answered(peer.offer("8", 0), "127.0.0.1");
        peer.engineRtpPort = port(offer);
        await(leg.play(prompt, ""));
        List<RtpPeer.Packet> got = peer.receiveUntilQuiet(300, 100);
        assertEquals(5, got.size());
        assertEquals(8, got.get(0).payloadType());
    }

    private static int maxInWindow(List<RtpPeer.Packet> packets, long millis) {
        int max = 0;
        for (int i = 0; i < packets.size(); i++) {
            int n = 0;
            for (int j = i; j < packets.size() && packets.get(j).nanos() - packets.get(i).nanos() < millis * 1_000_000; j++) {
                n++;
            }
            max = Math.max(max, n);
        }
        return max;
    }

    private static byte[] stereoHeader() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 64).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(8000).putInt(32000).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes()).putInt(64);
        return b.array();
    }
}
