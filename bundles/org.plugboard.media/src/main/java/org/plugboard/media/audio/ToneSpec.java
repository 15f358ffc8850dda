package org.plugboard.media.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * One tone of a country profile: segments of one or two frequencies (or silence) with a length, some played once
 * at the start ({@code !}), the rest repeated. Parsed from the {@code tones.properties} notation
 * ({@code 440+480/2000,0/4000}); {@link #render} turns it into audio.
 */
public record ToneSpec(List<Segment> once, List<Segment> repeat) {
    /** Amplitude of a lone frequency at -13 dBm0, and of each of a pair at -16 dBm0 (full-scale sine = +3.17 dBm0). */
    static final double SINGLE = 32635 * Math.pow(10, (-13 - 3.17) / 20);
    static final double PAIR = 32635 * Math.pow(10, (-16 - 3.17) / 20);

    /** Frequencies in Hz (none: silence) for {@code millis}. */
    public record Segment(int[] frequencies, int millis) {
    }

    /** Parses the notation; the message names the fault. */
    public static ToneSpec parse(String text) {
        List<Segment> once = new ArrayList<>();
        List<Segment> repeat = new ArrayList<>();
        for (String raw : text.split(",")) {
            String part = raw.trim();
            boolean single = part.startsWith("!");
            if (single) {
                part = part.substring(1);
            }
            int slash = part.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("segment '" + raw.trim() + "' has no /<milliseconds>");
            }
            try {
                String[] freqs = part.substring(0, slash).split("\\+");
                int millis = Integer.parseInt(part.substring(slash + 1));
                int[] f = new int[freqs.length];
                for (int i = 0; i < freqs.length; i++) {
                    f[i] = Integer.parseInt(freqs[i].trim());
                    if (f[i] < 0 || f[i] >= Audio.RATE / 2) {
                        throw new IllegalArgumentException("frequency " + f[i] + " Hz is outside 0-3999 Hz");
                    }
                }
                if (millis <= 0 || millis > 60_000) {
                    throw new IllegalArgumentException("segment '" + raw.trim() + "' must last 1-60000 ms");
                }
                int[] audible = f.length == 1 && f[0] == 0 ? new int[0] : f;
                (single ? once : repeat).add(new Segment(audible, millis));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("segment '" + raw.trim() + "' is not <Hz>[+<Hz>]/<ms>");
            }
        }
        if (once.isEmpty() && repeat.isEmpty()) {
            throw new IllegalArgumentException("a tone needs at least one segment");
        }
        return new ToneSpec(List.copyOf(once), List.copyOf(repeat));
    }

    /** The segments as 16-bit linear audio, each burst starting at phase 0. */
    public static Audio render(List<Segment> segments) {
        int total = 0;
        for (Segment s : segments) {
            total += s.millis() * Audio.RATE / 1000;
        }
        byte[] data = new byte[2 * total];
        int at = 0;
        for (Segment s : segments) {
            int n = s.millis() * Audio.RATE / 1000;
            double amplitude = s.frequencies().length > 1 ? PAIR : SINGLE;
            for (int i = 0; i < n; i++, at++) {
                double v = 0;
                for (int f : s.frequencies()) {
                    v += amplitude * Math.sin(2 * Math.PI * f * i / Audio.RATE);
                }
                int sample = (int) Math.round(v);
                data[2 * at] = (byte) sample;
                data[2 * at + 1] = (byte) (sample >> 8);
            }
        }
        return new Audio(org.plugboard.api.media.AudioEncoding.LINEAR16, data);
    }
}
