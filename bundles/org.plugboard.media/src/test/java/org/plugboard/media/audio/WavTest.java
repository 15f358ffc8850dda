package org.plugboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;

/** WAV files written and read back, sox's files, and every kind of file a prompt must not be. */
class WavTest {
    @TempDir
    Path dir;

    @Test
    void whatTheWriterWritesTheReaderReadsInEachEncoding() throws Exception {
        short[] tone = Goertzel.sine(1000, 250, 8000);
        for (AudioEncoding e : AudioEncoding.values()) {
            Path file = dir.resolve(e + ".wav");
            WavWriter w = WavWriter.create(file, e);
            byte[] data = e == AudioEncoding.LINEAR16 ? Goertzel.littleEndian(tone) : encode(tone, e);
            w.write(data, data.length / 2);
            w.write(java.util.Arrays.copyOfRange(data, data.length / 2, data.length), data.length - data.length / 2);
            assertFalse(Files.exists(file), "not under its name before it is finished");
            assertTrue(Files.exists(dir.resolve(e + ".wav.part")));
            assertEquals(file, w.finish());
            assertFalse(Files.exists(dir.resolve(e + ".wav.part")));
            Audio a = WavReader.read(file);
            assertEquals(e, a.encoding());
            assertEquals(2000, a.samples());
            assertArrayEquals(data, a.data());
            assertTrue(Goertzel.share(Goertzel.linear(a), 0, 2000, 1000) > 0.95);
        }
    }

    @Test
    void soxFilesAreRead() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sox")), "sox is installed by scripts/setup-debian.sh");
        for (String[] kind : new String[][] {{"u-law", "PCMU", "8"}, {"a-law", "PCMA", "8"}, {"signed-integer", "LINEAR16", "16"}}) {
            Path file = dir.resolve(kind[0] + ".wav");
            sox("-n", "-r", "8000", "-c", "1", "-e", kind[0], "-b", kind[2], file.toString(), "synth", "0.5", "sine", "697");
            Audio a = WavReader.read(file);
            assertEquals(AudioEncoding.valueOf(kind[1]), a.encoding(), kind[0]);
            assertEquals(4000, a.samples());
            assertTrue(Goertzel.share(Goertzel.linear(a), 0, 4000, 697) > 0.9, kind[0]);
        }
    }

    @Test
    void soxReadsWhatTheWriterWrites() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sox")), "sox is installed by scripts/setup-debian.sh");
        Path file = dir.resolve("ours.wav");
        WavWriter w = WavWriter.create(file, AudioEncoding.PCMA);
        byte[] data = encode(Goertzel.sine(440, 1000, 8000), AudioEncoding.PCMA);
        w.write(data, data.length);
        w.finish();
        String info = sox("--i", file.toString());
        assertTrue(info.contains("Channels       : 1") && info.contains("Sample Rate    : 8000")
                && info.contains("8-bit A-law") && info.contains("00:00:01.00 = 8000 samples"), info);
    }

    @Test
    void stereoIsRefusedNamingTheFile() throws Exception {
        Path file = write("stereo.wav", header(1, 2, 8000, 16, 64));
        MediaFileException e = assertThrows(MediaFileException.class, () -> WavReader.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("2 channels (stereo)"), e.getMessage());
        assertTrue(e.getMessage().contains("sox"), "says how to fix it: " + e.getMessage());
    }

    @Test
    void otherRatesEncodingsAndWidthsAreRefused() throws Exception {
        assertRefused(header(1, 1, 44100, 16, 64), "sample rate is 44100 Hz, not 8000 Hz");
        assertRefused(header(1, 1, 8000, 8, 64), "8-bit LINEAR16 samples, not 16-bit");
        assertRefused(header(3, 1, 8000, 32, 64), "32-bit float (3), not G.711");
        assertRefused(header(0x55, 1, 8000, 0, 64), "MP3 (0x55)");
        assertRefused(header(7, 1, 8000, 8, 0).limit(36), "has no data chunk");
        assertRefused(header(7, 1, 8000, 8, 0), "holds no audio");
    }

    @Test
    void mp3AndOtherBytesAreNotTakenForWav() throws Exception {
        assertRefused(ByteBuffer.wrap("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0021rest of an mp3 file".getBytes()),
                "not a WAV file (it looks like MP3 audio)");
        assertRefused(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0}),
                "looks like MP3 audio");
        assertRefused(ByteBuffer.wrap("just some text, certainly no audio".getBytes()), "no RIFF/WAVE header");
        assertRefused(ByteBuffer.allocate(0), "the file is empty");
        MediaException missing = assertThrows(MediaException.class, () -> WavReader.read(dir.resolve("none.wav")));
        assertTrue(missing.getMessage().contains("none.wav does not exist"), missing.getMessage());
    }

    @Test
    void aFileCutShortPlaysWhatItHolds() throws Exception {
        ByteBuffer b = header(7, 1, 8000, 8, 1000); // says 1000 bytes, holds 64
        Path file = write("short.wav", b);
        assertEquals(64, WavReader.read(file).samples());
    }

    @Test
    void aRecordingIntoAMissingFolderFailsNamingIt() {
        MediaException e = assertThrows(MediaException.class,
                () -> WavWriter.create(dir.resolve("nope/x.wav"), AudioEncoding.PCMU));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    private void assertRefused(ByteBuffer bytes, String problem) throws IOException {
        Path file = write("bad-" + System.nanoTime() + ".wav", bytes);
        MediaFileException e = assertThrows(MediaFileException.class, () -> WavReader.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(problem),
                "expected '" + problem + "' in: " + e.getMessage());
    }

    /** A RIFF header with a 16-byte fmt chunk and {@code dataBytes} announced, plus 64 bytes of data. */
    private static ByteBuffer header(int format, int channels, int rate, int bits, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + Math.min(64, Math.max(dataBytes, 0))).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * Math.max(1, bits / 8)).putShort((short) (channels * Math.max(1, bits / 8)))
                .putShort((short) bits);
        b.put("data".getBytes()).putInt(dataBytes);
        return b.position(b.capacity()).flip();
    }

    private Path write(String name, ByteBuffer bytes) throws IOException {
        Path file = dir.resolve(name);
        byte[] data = new byte[bytes.remaining()];
        bytes.get(data);
        Files.write(file, data);
        return file;
    }

    static byte[] encode(short[] samples, AudioEncoding law) {
        byte[] b = new byte[samples.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = G711.encode(law, samples[i]);
        }
        return b;
    }

    private static String sox(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "sox";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
