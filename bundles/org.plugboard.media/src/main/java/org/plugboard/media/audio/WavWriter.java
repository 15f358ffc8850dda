package org.plugboard.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;

/**
 * Writes a recording as a WAV file, 8000 Hz mono, in chunks: under {@code <name>.part} while it grows, then the
 * header gets its lengths, the file is forced to the disk and moved into place, so the target is either absent or
 * complete. Blocking file I/O: one writer is used by one thread at a time, off the event loop.
 */
public final class WavWriter {
    private final Path target;
    private final Path part;
    private final AudioEncoding encoding;
    private final FileChannel channel;
    private final int headerBytes;
    private long dataBytes;

    private WavWriter(Path target, Path part, AudioEncoding encoding, FileChannel channel, int headerBytes) {
        this.target = target;
        this.part = part;
        this.encoding = encoding;
        this.channel = channel;
        this.headerBytes = headerBytes;
    }

    /** Opens {@code <target>.part} (replacing a leftover one) and writes a header with zero lengths. */
    public static WavWriter create(Path target, AudioEncoding encoding) throws MediaException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new MediaFileException(target, "recording " + target + " cannot be written: the folder "
                        + parent + " does not exist");
            }
            FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            ByteBuffer header = header(encoding, 0);
            int headerBytes = header.remaining();
            while (header.hasRemaining()) {
                channel.write(header);
            }
            return new WavWriter(target, part, encoding, channel, headerBytes);
        } catch (IOException e) {
            throw new MediaFileException(target, "recording " + target + " cannot be written: " + e, e);
        }
    }

    /**
     * Re-opens the {@code .part} file a writer {@link #release released} to append after its first {@code dataBytes}
     * bytes of audio (anything after them, never counted, is cut off): a recording carried on by the next version of
     * the bundle.
     */
    public static WavWriter resume(Path target, AudioEncoding encoding, long dataBytes) throws MediaException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        int headerBytes = header(encoding, 0).remaining();
        try {
            FileChannel channel = appendAfter(LiveWavFile.FILES, part, headerBytes + dataBytes);
            WavWriter w = new WavWriter(target, part, encoding, channel, headerBytes);
            w.dataBytes = dataBytes;
            return w;
        } catch (IOException | RuntimeException e) {
            throw new MediaFileException(target, "recording " + target + " cannot be continued from " + part + ": "
                    + LiveWavFile.fault(e), e);
        }
    }

    /**
     * Opens a file written before to append after its first {@code keep} bytes: anything after them (never counted
     * in its header) is cut off. Closed again when it fails.
     */
    static FileChannel appendAfter(LiveWavFile.Opener opener, Path file, long keep) throws IOException {
        FileChannel channel = opener.open(file, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < keep) {
                throw new IOException("it holds " + size + " bytes, less than the " + keep + " written before");
            }
            channel.truncate(keep);
            channel.position(keep);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Lets go of the file without finishing it, for {@link #resume}: it stays {@code <name>.part}.
     *
     * @return the bytes of audio written
     */
    public long release() throws IOException {
        channel.close();
        return dataBytes;
    }

    public Path target() {
        return target;
    }

    /** Appends audio bytes (G.711 codes, or 16-bit little-endian samples). */
    public void write(byte[] data, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        dataBytes += length;
    }

    /** Bytes of audio written so far. */
    public long dataBytes() {
        return dataBytes;
    }

    /** Writes the lengths into the header, forces the file to the disk and moves it to its name. */
    public Path finish() throws IOException {
        try {
            ByteBuffer header = header(encoding, dataBytes);
            long at = 0;
            while (header.hasRemaining()) {
                at += channel.write(header, at);
            }
            channel.force(true);
        } finally {
            channel.close();
        }
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Gives up: closes and deletes the partial file. Never throws. */
    public void abort() {
        try {
            channel.close();
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // nothing more to do: the .part file stays, its name says it is incomplete
        }
    }

    int headerBytes() {
        return headerBytes;
    }

    /** RIFF header of a mono file; the laws carry cbSize and a fact chunk, as the WAVE spec asks of non-PCM formats. */
    static ByteBuffer header(AudioEncoding encoding, long dataBytes) {
        return header(encoding, 1, dataBytes);
    }

    /** RIFF header with {@code channels} interleaved channels (a call recording's stereo: see {@link LiveWavFile}). */
    static ByteBuffer header(AudioEncoding encoding, int channels, long dataBytes) {
        boolean pcm = encoding == AudioEncoding.LINEAR16;
        int bytesPerSample = pcm ? 2 : 1;
        int fmtLength = pcm ? 16 : 18;
        int factLength = pcm ? 0 : 12;
        int size = 12 + 8 + fmtLength + factLength + 8;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (size - 8 + dataBytes)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtLength);
        int format = switch (encoding) {
            case PCMU -> WavReader.FORMAT_ULAW;
            case PCMA -> WavReader.FORMAT_ALAW;
            case LINEAR16 -> WavReader.FORMAT_PCM;
        };
        int blockAlign = bytesPerSample * channels;
        b.putShort((short) format).putShort((short) channels).putInt(Audio.RATE).putInt(Audio.RATE * blockAlign)
                .putShort((short) blockAlign).putShort((short) (8 * bytesPerSample));
        if (!pcm) {
            b.putShort((short) 0);
            b.put(ascii("fact")).putInt(4).putInt((int) (dataBytes / channels));
        }
        b.put(ascii("data")).putInt((int) dataBytes);
        return b.flip();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
