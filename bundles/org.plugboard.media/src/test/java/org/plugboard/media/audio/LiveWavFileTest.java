package org.plugboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.media.recording.ToneWindows;

/** The durable WAV file of call recordings: valid after each sync, appended to by a next version, its faults named. */
class LiveWavFileTest {
    @TempDir
    Path dir;

    private static byte[] frames(int count, int channels, int value) {
        byte[] b = new byte[count * 2 * channels];
        for (int i = 0; i < b.length; i += 2) {
            b[i] = (byte) value;
            b[i + 1] = (byte) (value >> 8);
        }
        return b;
    }

    @Test
    void eachSyncLeavesAValidFileAndAnAppendCarriesOnAfterWhatWasCounted() throws Exception {
        Path file = dir.resolve("rec.wav");
        java.util.List<java.nio.channels.FileChannel> opened = new java.util.ArrayList<>();
        LiveWavFile wav = LiveWavFile.create(file, 2, (f, options) -> {
            java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(f, options);
            opened.add(c);
            return c;
        });
        assertEquals(0, ToneWindows.Wav.read(file).frames(), "valid and empty from the start");
        wav.write(frames(1000, 2, 100), 4000);
        wav.sync();
        assertEquals(1000, ToneWindows.Wav.read(file).frames());
        wav.write(frames(500, 2, 200), 2000); // never synced: a crash now leaves 1000 counted frames
        assertEquals(1000, ToneWindows.Wav.read(file).frames(), "a reader takes what the header counts");
        opened.get(0).close(); // as a crash would: no last sync

        LiveWavFile next = LiveWavFile.append(file, 2, 4000, LiveWavFile.FILES);
        next.write(frames(300, 2, 300), 1200);
        next.close();
        ToneWindows.Wav read = ToneWindows.Wav.read(file);
        assertEquals(1300, read.frames(), "the uncounted 500 frames were cut off, the appended ones follow");
        assertEquals(100, read.samples()[1][999]);
        assertEquals(300, read.samples()[0][1000]);
        assertEquals(44 + 1300 * 4, Files.size(file));
    }

    @Test
    void appendingToAFileShorterThanCountedIsRefused() throws Exception {
        Path file = dir.resolve("short.wav");
        LiveWavFile.create(file, 1, LiveWavFile.FILES).close();
        MediaFileException e = assertThrows(MediaFileException.class, () -> LiveWavFile.append(file, 1, 8000, LiveWavFile.FILES));
        assertTrue(e.getMessage().contains(file + " cannot be continued") && e.getMessage().contains("less than"),
                e.getMessage());
    }

    @Test
    void aFolderThatIsAFileIsNamed() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain"), "x");
        MediaFileException e = assertThrows(MediaFileException.class,
                () -> LiveWavFile.create(notAFolder.resolve("rec.wav"), 1, LiveWavFile.FILES));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
    }
}
