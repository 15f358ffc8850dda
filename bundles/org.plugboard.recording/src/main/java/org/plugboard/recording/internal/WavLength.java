package org.plugboard.recording.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The audio a WAV file holds, from its header: the data chunk's size as the header says (the engine brings it up to
 * date once a second), or from the file's size when the header says less or nothing (a PBX killed before the first
 * update). PCM only; reads at most the first 4 KiB.
 */
public final class WavLength {
    private WavLength() {
    }

    /** @throws IOException when the file cannot be read or is no WAV */
    public static Duration of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(4096, size)).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && ch.read(head) > 0) {
                // bounded by the buffer's size
            }
            head.flip();
            if (head.remaining() < 12 || head.getInt(0) != 0x46464952 || head.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
                throw new IOException(file + " is no WAV file");
            }
            int byteRate = 0;
            int pos = 12;
            while (pos + 8 <= head.limit()) {
                int id = head.getInt(pos);
                long len = Integer.toUnsignedLong(head.getInt(pos + 4));
                if (id == 0x20746d66 && pos + 20 <= head.limit()) { // "fmt "
                    byteRate = head.getInt(pos + 16);
                } else if (id == 0x61746164) { // "data"
                    if (byteRate <= 0) {
                        throw new IOException(file + " has no format before its audio");
                    }
                    long onDisk = size - (pos + 8);
                    long bytes = len > 0 && len <= onDisk ? len : onDisk;
                    return Duration.ofMillis(bytes * 1000 / byteRate);
                }
                pos += 8 + (int) Math.min(len + (len & 1), Integer.MAX_VALUE - pos - 8);
            }
            throw new IOException(file + " has no audio chunk in its first 4 KiB");
        }
    }
}
