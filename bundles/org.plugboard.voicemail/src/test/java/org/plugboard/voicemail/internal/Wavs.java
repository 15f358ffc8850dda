package org.plugboard.voicemail.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Writes small 8000 Hz 16-bit PCM WAV files for the tests. */
final class Wavs {
    private Wavs() {
    }

    static void writeTone(Path file, double hz, Duration length) throws IOException {
        int samples = (int) (length.toMillis() * 8);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + samples * 2).putInt(0x45564157); // RIFF .... WAVE
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16); // fmt: PCM mono 8000 Hz 16 bit
        b.putInt(0x61746164).putInt(samples * 2); // data
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, b.array());
    }
}
