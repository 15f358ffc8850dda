package org.plugboard.media.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.Beep;
import org.plugboard.media.audio.G711;
import org.plugboard.media.audio.Goertzel;

/** The mixing core without sockets: frames in through the inboxes, payloads out through recording sinks, ticks by hand. */
class MixerTest {
    /** What one member was sent. */
    static final class Heard implements MemberOutput.Sink {
        final List<byte[]> packets = new ArrayList<>();
        final List<AudioEncoding> laws = new ArrayList<>();

        @Override
        public void send(byte[] payload, int length, AudioEncoding law) {
            packets.add(java.util.Arrays.copyOf(payload, length));
            laws.add(law);
        }

        short[] samples(int fromPacket) {
            int n = 0;
            for (int i = fromPacket; i < packets.size(); i++) {
                n += packets.get(i).length;
            }
            short[] s = new short[n];
            int at = 0;
            for (int i = fromPacket; i < packets.size(); i++) {
                for (byte b : packets.get(i)) {
                    s[at++] = G711.decode(laws.get(i), b);
                }
            }
            return s;
        }
    }

    /** A member sending a sine at {@code hz}, one 20 ms packet per tick, by RTP timestamp. */
    static final class Voice {
        final Mixer.Member member;
        final Heard heard = new Heard();
        final double hz;
        final int amplitude;
        final AudioEncoding law;
        long timestamp = 1000;
        int n;

        Voice(String id, double hz, int amplitude, AudioEncoding law, int ptime) {
            this.hz = hz;
            this.amplitude = amplitude;
            this.law = law;
            this.member = new Mixer.Member(id, new MemberOutput(heard, law, ptime), false);
        }

        byte[] next() {
            byte[] p = new byte[160];
            for (int i = 0; i < 160; i++, n++) {
                p[i] = G711.encode(law, (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * n / 8000)));
            }
            return p;
        }

        void talk() {
            byte[] p = next();
            member.inbox.offer(0xABC, timestamp, law.payloadType(), p, p.length);
            timestamp += 160;
        }
    }

    static void run(Mixer mixer, int ticks, Voice... voices) {
        for (int t = 0; t < ticks; t++) {
            for (Voice v : voices) {
                v.talk();
            }
            mixer.tick();
        }
    }

    static Mixer mixer(Voice... voices) {
        Mixer mixer = new Mixer();
        for (Voice v : voices) {
            mixer.add(v.member);
        }
        return mixer;
    }

    @Test
    void eachMemberHearsTheOthersAndNotItself() {
        Voice a = new Voice("a", 500, 6000, AudioEncoding.PCMU, 20);
        Voice b = new Voice("b", 1100, 6000, AudioEncoding.PCMA, 20);
        Voice c = new Voice("c", 1900, 6000, AudioEncoding.PCMU, 20);
        run(mixer(a, b, c), 30, a, b, c);
        assertHears(a, b, c);
        assertHears(b, a, c);
        assertHears(c, a, b);
        assertEquals(List.of(AudioEncoding.PCMA), b.heard.laws.stream().distinct().toList(), "each in its own law");
    }

    private static void assertHears(Voice listener, Voice... others) {
        short[] s = listener.heard.samples(10);
        for (Voice o : others) {
            assertTrue(Goertzel.share(s, 0, 1600, o.hz) > 0.3, listener.member.id + " hears " + o.member.id);
        }
        assertTrue(Goertzel.share(s, 0, 1600, listener.hz) < 0.02, listener.member.id + " does not hear itself");
    }

    @Test
    void aMutedMemberIsNotHeardButHears() {
        Voice a = new Voice("a", 500, 6000, AudioEncoding.PCMU, 20);
        Voice b = new Voice("b", 1100, 6000, AudioEncoding.PCMU, 20);
        Voice c = new Voice("c", 1900, 6000, AudioEncoding.PCMU, 20);
        c.member.heard = false;
        run(mixer(a, b, c), 30, a, b, c);
        short[] atA = a.heard.samples(10);
        assertTrue(Goertzel.share(atA, 0, 1600, 1900) < 0.02, "c muted");
        assertTrue(Goertzel.share(atA, 0, 1600, 1100) > 0.8);
        assertHears(c, a, b);
    }

    @Test
    void loudVoicesSaturateAndNeverWrapAround() {
        Voice a = new Voice("a", 400, 30000, AudioEncoding.PCMU, 20);
        Voice b = new Voice("b", 400, 30000, AudioEncoding.PCMU, 20);
        Voice listener = new Voice("l", 1000, 0, AudioEncoding.PCMU, 20);
        run(mixer(a, b, listener), 20, a, b, listener);
        short[] s = listener.heard.samples(5);
        short[] in = Goertzel.sine(400, 1000, 30000);
        int peak = 0;
        for (int i = 0; i < 800; i++) {
            peak = Math.max(peak, Math.abs(s[i]));
        }
        assertTrue(peak > 28000, "near full scale: " + peak);
        // The sum is in phase with the voices: wrapping would flip signs at the loud peaks.
        int lag = 5 * 160 + JitterBuffer.DELAY; // the delay of the jitter buffer, in samples
        int flipped = 0;
        for (int i = 0; i < 800; i++) {
            int v = in[(i + lag) % 8000 + 0];
            if (Math.abs(v) > 20000 && Integer.signum(v) != Integer.signum(s[i])) {
                flipped++;
            }
        }
        assertEquals(0, flipped, "samples whose sign flipped (wrap-around)");
        assertTrue(Goertzel.share(s, 0, 800, 400) > 0.8);
    }

    @Test
    void theLimiterIsIdentityBelowTheKneeAndBoundedAbove() {
        assertEquals(1234, Limiter.limit(1234));
        assertEquals(-24576, Limiter.limit(-24576));
        assertEquals(Short.MAX_VALUE - 1, Limiter.limit(Integer.MAX_VALUE / 2) , 1);
        assertTrue(Limiter.limit(100_000) <= Short.MAX_VALUE && Limiter.limit(100_000) > 30000);
        assertTrue(Limiter.limit(-100_000) >= Short.MIN_VALUE && Limiter.limit(-100_000) < -30000);
        assertTrue(Limiter.limit(40000) > Limiter.limit(30000), "monotonic");
    }

    @Test
    void beepsAreMixedIntoWhatMembersHear() {
        Voice a = new Voice("a", 500, 0, AudioEncoding.PCMU, 20);
        Voice b = new Voice("b", 500, 0, AudioEncoding.PCMU, 20);
        Mixer mixer = mixer(a, b);
        b.member.hearsBeeps = false;
        mixer.beep(Beep.WARNING);
        run(mixer, 50, a, b);
        short[] s = a.heard.samples(0);
        List<int[]> bursts = Goertzel.bursts(s, 1000);
        assertEquals(3, bursts.size(), "three short beeps");
        int[] first = bursts.get(0);
        assertTrue(Goertzel.share(s, first[0], first[1] - first[0], 1400) > 0.9);
        assertTrue(Goertzel.bursts(b.heard.samples(0), 1000).isEmpty(), "b does not hear beeps");
        assertTrue(!mixer.beeping());
    }

    @Test
    void joinRisesAndLeaveFalls() {
        assertEquals(List.of(600.0, 900.0), pitches(Beep.JOIN));
        assertEquals(List.of(900.0, 600.0), pitches(Beep.LEAVE));
    }

    private static List<Double> pitches(Beep beep) {
        Voice a = new Voice("a", 500, 0, AudioEncoding.PCMU, 20);
        Mixer mixer = mixer(a);
        mixer.beep(beep);
        run(mixer, 25, a);
        short[] s = a.heard.samples(0);
        List<Double> found = new ArrayList<>();
        for (int[] burst : Goertzel.bursts(s, 1000)) {
            for (double hz : new double[] {600, 900}) {
                if (Goertzel.share(s, burst[0], burst[1] - burst[0], hz) > 0.8) {
                    found.add(hz);
                }
            }
        }
        return found;
    }

    @Test
    void aLongerPacketTimeGathersFramesAndTenMillisecondsCutsThem() {
        Voice forty = new Voice("40", 500, 6000, AudioEncoding.PCMU, 40);
        Voice ten = new Voice("10", 700, 6000, AudioEncoding.PCMA, 10);
        run(mixer(forty, ten), 10, forty, ten);
        assertEquals(5, forty.heard.packets.size());
        assertTrue(forty.heard.packets.stream().allMatch(p -> p.length == 320));
        assertEquals(20, ten.heard.packets.size());
        assertTrue(ten.heard.packets.stream().allMatch(p -> p.length == 80));
        Voice thirty = new Voice("30", 500, 6000, AudioEncoding.PCMU, 30);
        run(mixer(thirty), 6, thirty);
        assertEquals(4, thirty.heard.packets.size());
        assertTrue(thirty.heard.packets.stream().allMatch(p -> p.length == 240));
    }

    @Test
    void aHeldMemberIsSentNothing() {
        Voice a = new Voice("a", 500, 6000, AudioEncoding.PCMU, 20);
        Voice b = new Voice("b", 900, 6000, AudioEncoding.PCMU, 20);
        b.member.hears = false;
        run(mixer(a, b), 10, a, b);
        assertTrue(b.heard.packets.isEmpty());
        assertEquals(10, a.heard.packets.size());
    }
}
