package org.plugboard.media.audio;

/**
 * Finds tones in decoded audio for the tests: the Goertzel algorithm gives the power at one frequency, and the
 * share of a block's energy a frequency holds tells a tone from silence or from another tone.
 */
public final class Goertzel {
    private Goertzel() {
    }

    /**
     * The share (0-1) of the energy of {@code samples[from, from+n)} at {@code hz}: about 1 for a pure tone at that
     * frequency, about 0.5 for each of a pair, about 0 elsewhere.
     */
    public static double share(short[] samples, int from, int n, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / Audio.RATE);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = from; i < from + n; i++) {
            double s = samples[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double) samples[i] * samples[i];
        }
        if (energy == 0) {
            return 0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return power / (n * energy / 2);
    }

    /** Root mean square of a block. */
    public static double rms(short[] samples, int from, int n) {
        double energy = 0;
        for (int i = from; i < from + n; i++) {
            energy += (double) samples[i] * samples[i];
        }
        return Math.sqrt(energy / n);
    }

    /**
     * The audible runs in 10 ms blocks (RMS above {@code threshold}): pairs of start and end sample indexes.
     */
    public static java.util.List<int[]> bursts(short[] samples, double threshold) {
        java.util.List<int[]> runs = new java.util.ArrayList<>();
        int block = Audio.RATE / 100;
        int start = -1;
        for (int at = 0; at + block <= samples.length; at += block) {
            boolean loud = rms(samples, at, block) > threshold;
            if (loud && start < 0) {
                start = at;
            } else if (!loud && start >= 0) {
                runs.add(new int[] {start, at});
                start = -1;
            }
        }
        if (start >= 0) {
            runs.add(new int[] {start, samples.length - samples.length % block});
        }
        return runs;
    }

    /** {@code millis} of a sine at {@code hz} and {@code amplitude}, as 16-bit samples. */
    public static short[] sine(double hz, int millis, double amplitude) {
        short[] s = new short[millis * Audio.RATE / 1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / Audio.RATE));
        }
        return s;
    }

    /** Samples as 16-bit little-endian bytes (a LINEAR16 {@link Audio}'s data). */
    public static byte[] littleEndian(short[] samples) {
        byte[] b = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return b;
    }

    /** All samples of an {@link Audio} as linear values. */
    public static short[] linear(Audio audio) {
        short[] s = new short[audio.samples()];
        for (int i = 0; i < s.length; i++) {
            s[i] = audio.linear(i);
        }
        return s;
    }
}
