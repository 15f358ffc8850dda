package org.plugboard.media.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.Goertzel;

/**
 * Test audio that shows what a recording lost, repeated or moved: each party plays a tone that changes every 100 ms,
 * a random code per window picking the frequency from its own set. Decoding a recording window by window with
 * Goertzel gives the codes back; comparing them with the codes sent, window for window, proves every window is there
 * once and in its place.
 */
public final class ToneWindows {
    public static final int WINDOW = Audio.RATE / 10;
    /** The caller's frequencies. */
    public static final double[] CALLER = {500, 700, 900, 1100, 1300};
    /** The callee's frequencies (none of them 1400 Hz, the warning beep). */
    public static final double[] CALLEE = {600, 800, 1000, 1200, 1600};
    /** Silence in a sequence of codes. */
    public static final int SILENT = -1;
    private static final double AMPLITUDE = 6000;

    private ToneWindows() {
    }

    /** Random codes for {@code windows} windows. */
    public static int[] codes(long seed, int windows) {
        Random random = new Random(seed);
        int[] codes = new int[windows];
        for (int i = 0; i < windows; i++) {
            codes[i] = random.nextInt(CALLER.length);
        }
        return codes;
    }

    /** The sample at position {@code p} (from the start of the script) of the tone {@code codes} play in {@code set}. */
    public static short sample(double[] set, int[] codes, long p) {
        int window = (int) (p / WINDOW);
        if (p < 0 || window >= codes.length || codes[window] == SILENT) {
            return 0;
        }
        return (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * set[codes[window]] * p / Audio.RATE));
    }

    /** The code each window holds: the strongest frequency of the set, or {@link #SILENT}. */
    public static int[] decode(short[] samples, double[] set) {
        int[] codes = new int[samples.length / WINDOW];
        for (int w = 0; w < codes.length; w++) {
            codes[w] = SILENT;
            if (Goertzel.rms(samples, w * WINDOW, WINDOW) < 300) {
                continue;
            }
            double best = 0.2; // a window with less of any frequency is not a tone of the set
            for (int c = 0; c < set.length; c++) {
                double share = Goertzel.share(samples, w * WINDOW, WINDOW, set[c]);
                if (share > best) {
                    best = share;
                    codes[w] = c;
                }
            }
        }
        return codes;
    }

    /**
     * Where in {@code samples} the windows of {@code codes} start, all of them in order (searched in 5 ms steps: a
     * recording through real sockets starts where the first packet arrived); -1 if nowhere: a window is missing,
     * repeated or moved.
     */
    public static int findAligned(short[] samples, double[] set, int[] codes) {
        int length = codes.length * WINDOW;
        for (int offset = 0; offset + length <= samples.length; offset += WINDOW / 20) {
            int[] decoded = decode(java.util.Arrays.copyOfRange(samples, offset, offset + length), set);
            if (java.util.Arrays.equals(decoded, codes)) {
                return offset;
            }
        }
        return -1;
    }

    /** The codes decoded from {@code offset} on, for a failure message. */
    public static String decodedFrom(short[] samples, int offset, double[] set) {
        return java.util.Arrays.toString(decode(java.util.Arrays.copyOfRange(samples, Math.max(0, offset), samples.length), set));
    }

    /** The share of window {@code w} that is frequency {@code hz}. */
    public static double share(short[] samples, int w, double hz) {
        return Goertzel.share(samples, w * WINDOW, WINDOW, hz);
    }

    /** {@code codes} with windows {@code [from, to)} silent. */
    public static int[] silent(int[] codes, int from, int to) {
        int[] c = codes.clone();
        Arrays.fill(c, from, Math.min(to, c.length), SILENT);
        return c;
    }

    /** A recorded WAV file: 16-bit PCM, 8000 Hz, its channels apart; the header's lengths checked against the file. */
    public record Wav(int channels, short[][] samples, long headerDataBytes) {
        public static Wav read(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            check("RIFF".equals(new String(bytes, 0, 4)) && "WAVE".equals(new String(bytes, 8, 4)), "a RIFF/WAVE file");
            check("fmt ".equals(new String(bytes, 12, 4)) && b.getShort(20) == 1, "16-bit PCM");
            int channels = b.getShort(22);
            check(b.getInt(24) == Audio.RATE && b.getShort(34) == 16, "8000 Hz, 16 bits");
            check(b.getInt(28) == Audio.RATE * 2 * channels && b.getShort(32) == 2 * channels, "byte rate and block align");
            check("data".equals(new String(bytes, 36, 4)), "the data chunk after fmt");
            long data = b.getInt(40) & 0xFFFFFFFFL;
            check(b.getInt(4) == 36 + data, "the RIFF length matches the data length");
            check(44 + data <= bytes.length, "the header counts no more than the file holds");
            int frames = (int) (data / (2 * channels));
            short[][] samples = new short[channels][frames];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    samples[c][i] = b.getShort(44 + 2 * (i * channels + c));
                }
            }
            return new Wav(channels, samples, data);
        }

        public int frames() {
            return samples[0].length;
        }

        private static void check(boolean ok, String what) throws IOException {
            if (!ok) {
                throw new IOException("not a valid recording: expected " + what);
            }
        }
    }
}
