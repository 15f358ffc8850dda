package org.plugboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Tone;

/** The tone notation, the shipped profiles (rendered and measured), and frames cut from them. */
class TonesTest {
    private final Tones tones = Tones.builtIn();

    @Test
    void theNotation() {
        ToneSpec spec = ToneSpec.parse("!350+440/100, !0/100,425/480,0/480");
        assertEquals(2, spec.once().size());
        assertEquals(2, spec.repeat().size());
        assertEquals(2, spec.once().get(0).frequencies().length);
        assertEquals(0, spec.once().get(1).frequencies().length, "0 Hz is silence");
        assertEquals(480, spec.repeat().get(0).millis());
        for (String[] bad : new String[][] {{"440", "has no /<milliseconds>"}, {"440/x", "is not <Hz>[+<Hz>]/<ms>"},
                {"5000/100", "outside 0-3999 Hz"}, {"440/0", "must last 1-60000 ms"}, {"", "has no /<milliseconds>"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToneSpec.parse(bad[0]));
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
    }

    @Test
    void aBrokenProfileNamesTheTone() {
        Properties p = new Properties();
        p.setProperty("xx.name", "Test");
        p.setProperty("xx.busy", "425/");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tones(p));
        assertTrue(e.getMessage().startsWith("tone xx.busy: "), e.getMessage());
    }

    @Test
    void theShippedCountries() throws Exception {
        assertTrue(tones.countries().containsAll(List.of("us", "gb", "de")));
        for (String c : tones.countries()) {
            for (Tone t : Tone.values()) {
                tones.audio(t, c); // every tone in every profile
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tones.audio(Tone.BUSY, "xx"));
        assertTrue(e.getMessage().contains("no tone profile for country 'xx'; known: de, gb, us"), e.getMessage());
        assertEquals(tones.audio(Tone.BUSY, "US"), tones.audio(Tone.BUSY, "us"), "case does not matter, rendered once");
    }

    @Test
    void usRingbackIs440And480TwoSecondsOnFourOff() throws Exception {
        Tones.Rendered r = tones.audio(Tone.RINGBACK, "us");
        assertNull(r.once());
        short[] s = Goertzel.linear(r.repeat());
        assertEquals(6 * 8000, s.length);
        List<int[]> bursts = Goertzel.bursts(s, 100);
        assertEquals(1, bursts.size());
        assertEquals(0, bursts.get(0)[0]);
        assertEquals(16000, bursts.get(0)[1]);
        assertEquals(0.5, Goertzel.share(s, 0, 8000, 440), 0.05);
        assertEquals(0.5, Goertzel.share(s, 0, 8000, 480), 0.05);
        assertEquals(0, Goertzel.rms(s, 16000, 32000), 0.001);
    }

    @Test
    void theCadencesOfTheOtherProfiles() throws Exception {
        short[] gbRing = Goertzel.linear(tones.audio(Tone.RINGBACK, "gb").repeat());
        List<int[]> b = Goertzel.bursts(gbRing, 100);
        assertEquals(2, b.size(), "double ring");
        assertEquals(3200, b.get(0)[1] - b.get(0)[0], "400 ms");
        assertEquals(4800, b.get(1)[0], "after 400 on and 200 off");
        assertEquals(0.5, Goertzel.share(gbRing, 0, 3200, 400), 0.05);
        assertEquals(0.5, Goertzel.share(gbRing, 0, 3200, 450), 0.05);
        short[] deBusy = Goertzel.linear(tones.audio(Tone.BUSY, "de").repeat());
        assertEquals(2 * 480 * 8, deBusy.length);
        assertTrue(Goertzel.share(deBusy, 0, 3840, 425) > 0.95);
        short[] usConfirm = Goertzel.linear(tones.audio(Tone.CONFIRMATION, "us").once());
        assertEquals(3, Goertzel.bursts(usConfirm, 100).size(), "three bursts");
        assertNull(tones.audio(Tone.CONFIRMATION, "us").repeat(), "played once");
    }

    @Test
    void theLevelIsMinus13Dbm0() throws Exception {
        short[] de = Goertzel.linear(tones.audio(Tone.RINGBACK, "de").repeat());
        double rms = Goertzel.rms(de, 0, 8000);
        double dbm0 = 20 * Math.log10(rms * Math.sqrt(2) / 32635) + 3.17;
        assertEquals(-13, dbm0, 0.1);
    }

    @Test
    void framesOfAPromptThenSilence() {
        Audio prompt = new Audio(AudioEncoding.PCMU, new byte[] {1, 2, 3, 4, 5});
        FrameSource f = FrameSource.of(prompt);
        byte[] frame = new byte[3];
        assertTrue(f.next(frame, AudioEncoding.PCMU));
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(frame[0], frame[1], frame[2]));
        assertTrue(f.next(frame, AudioEncoding.PCMU));
        assertEquals(List.of((byte) 4, (byte) 5, G711.ULAW_SILENCE), List.of(frame[0], frame[1], frame[2]), "padded");
        assertTrue(f.finished());
        assertTrue(!f.next(frame, AudioEncoding.PCMU));
        assertEquals(5, f.played());
        FrameSource toAlaw = FrameSource.of(prompt);
        toAlaw.next(frame, AudioEncoding.PCMA);
        assertEquals(G711.ulawToAlaw((byte) 1), frame[0], "transcoded to the leg's law");
    }

    @Test
    void framesOfARepeatingToneForALength() throws Exception {
        FrameSource f = FrameSource.of(tones.audio(Tone.BUSY, "us"), 2500);
        byte[] frame = new byte[160];
        int frames = 0;
        while (f.next(frame, AudioEncoding.PCMU)) {
            frames++;
        }
        assertEquals(125, frames);
        assertEquals(20000, f.played());
        FrameSource once = FrameSource.of(tones.audio(Tone.CALL_WAITING, "us"), 0);
        while (once.next(frame, AudioEncoding.PCMU)) {
            frames++;
        }
        assertEquals(10000 * 8, once.played(), "once through its cadence: 300 on, 9700 off");
    }
}
