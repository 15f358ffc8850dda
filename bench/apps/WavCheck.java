import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * media-apps.sh's check of the voicemail recordings: for every msg-*.wav under a folder (8 kHz mono; PCM16, A-law or
 * u-law), one CSV line: file, seconds, 20 ms frames, frames holding the 1 kHz tone, and silent frames between the first
 * and the last tone frame. The engine's recorder turns a lost packet into 20 ms of silence by RTP timestamp, so a
 * silent frame inside the tone is lost audio; a short file is audio lost at the ends.
 * Call recordings (stereo, 16-bit: caller left, callee right) are checked per channel: one line per file and channel.
 * Usage: java bench/apps/WavCheck.java FOLDER [FILE-REGEX] (default msg-.*\.wav)
 */
public final class WavCheck {
    public static void main(String[] args) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            String pattern = args.length > 1 ? args[1] : "msg-.*\\.wav";
            files = s.filter(p -> p.getFileName().toString().matches(pattern)).sorted().toList();
        }
        System.out.println("file,seconds,frames,tone_frames,silent_inside");
        for (Path f : files) {
            short[] all = read(Files.readAllBytes(f));
            int channels = channels(Files.readAllBytes(f));
            for (int ch = 0; ch < channels; ch++) {
                short[] pcm = new short[all.length / channels];
                for (int i = 0; i < pcm.length; i++) {
                    pcm[i] = all[i * channels + ch];
                }
                check(channels == 1 ? f.getFileName().toString() : f.getFileName() + "#" + ch, pcm);
            }
        }
    }

    private static void check(String name, short[] pcm) {
        {
            int frames = pcm.length / 160;
            int first = -1;
            int last = -1;
            int tones = 0;
            boolean[] tone = new boolean[frames];
            for (int i = 0; i < frames; i++) {
                tone[i] = isTone(pcm, i * 160);
                if (tone[i]) {
                    tones++;
                    last = i;
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            int silent = 0;
            for (int i = Math.max(first, 0); i <= last; i++) {
                if (!tone[i]) {
                    silent++;
                }
            }
            System.out.printf("%s,%.3f,%d,%d,%d%n", name, pcm.length / 8000.0, frames, tones, silent);
        }
    }

    /** The fmt chunk's channel count (1 when there is none). */
    private static int channels(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(12);
        while (buf.remaining() >= 8) {
            int id = buf.getInt();
            int size = buf.getInt();
            if (id == 0x20746d66) {
                return Math.max(1, buf.getShort(buf.position() + 2) & 0xffff);
            }
            buf.position(buf.position() + size + (size & 1));
        }
        return 1;
    }

    /** A 20 ms frame is the tone when most of its energy is at 1 kHz (Goertzel) and it is not near silence. */
    private static boolean isTone(short[] pcm, int from) {
        double c = 2 * Math.cos(2 * Math.PI * 1000 / 8000);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = from; i < from + 160; i++) {
            double x = pcm[i];
            double s = x + c * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += x * x;
        }
        double power = s1 * s1 + s2 * s2 - c * s1 * s2; // |X(k)|^2; a pure tone gives N/2 * energy
        return energy > 160 * 1000.0 * 1000.0 && power > 0.5 * 80 * energy;
    }

    private static short[] read(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(12);
        int format = 1;
        while (buf.remaining() >= 8) {
            int id = buf.getInt();
            int size = buf.getInt();
            if (id == 0x20746d66) { // "fmt "
                format = buf.getShort(buf.position()) & 0xffff;
            } else if (id == 0x61746164) { // "data"
                int n = Math.min(size, buf.remaining());
                if (format == 1) {
                    short[] pcm = new short[n / 2];
                    for (int i = 0; i < pcm.length; i++) {
                        pcm[i] = buf.getShort(buf.position() + 2 * i);
                    }
                    return pcm;
                }
                short[] pcm = new short[n];
                for (int i = 0; i < n; i++) {
                    int v = buf.get(buf.position() + i) & 0xff;
                    pcm[i] = (short) (format == 7 ? ulaw(v) : alaw(v));
                }
                return pcm;
            }
            buf.position(buf.position() + size + (size & 1));
        }
        return new short[0];
    }

    private static int ulaw(int u) {
        u = ~u & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    private static int alaw(int a) {
        a ^= 0x55;
        int t = (a & 0x0f) << 4;
        int seg = (a & 0x70) >> 4;
        t = seg == 0 ? t + 8 : seg == 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
        return (a & 0x80) != 0 ? t : -t;
    }
}
