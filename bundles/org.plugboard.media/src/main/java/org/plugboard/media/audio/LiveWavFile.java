package org.plugboard.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaFileException;

/**
 * A 16-bit PCM WAV file (8000 Hz, mono or stereo) that is valid at every moment up to its last {@link #sync}: it is
 * written under its own name (no {@code .part}, unlike {@link WavWriter}), and each sync patches the header's lengths
 * and forces the file to the disk, so a process killed mid-write leaves a playable file. A file can be re-opened to
 * append ({@link #append}): a call recording carried on by the next version of the bundle. Blocking I/O: used by one
 * thread at a time, never on an event loop.
 */
public final class LiveWavFile {
    /** Opens the file's channel: {@link FileChannel#open} but where a test brings a disk that fills up. */
    @FunctionalInterface
    public interface Opener {
        FileChannel open(Path file, OpenOption... options) throws IOException;
    }

    public static final Opener FILES = FileChannel::open;

    private final Path file;
    private final int channels;
    private final FileChannel channel;
    private final int headerBytes;
    private long dataBytes;
    private long syncedBytes = -1;

    private LiveWavFile(Path file, int channels, FileChannel channel, int headerBytes, long dataBytes) {
        this.file = file;
        this.channels = channels;
        this.channel = channel;
        this.headerBytes = headerBytes;
        this.dataBytes = dataBytes;
    }

    /** Creates (or replaces) the file with an empty, valid header, forced to the disk. */
    public static LiveWavFile create(Path file, int channels, Opener opener) throws MediaFileException {
        checkFolder(file);
        FileChannel channel = null;
        try {
            channel = opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            ByteBuffer header = WavWriter.header(AudioEncoding.LINEAR16, channels, 0);
            LiveWavFile wav = new LiveWavFile(file, channels, channel, header.remaining(), 0);
            wav.sync(); // positional: the audio goes after the header
            channel.position(header.remaining());
            return wav;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new MediaFileException(file, "recording " + file + " cannot be written: " + fault(e), e);
        }
    }

    /**
     * Re-opens a file this class wrote to append after its first {@code dataBytes} bytes of audio (anything after
     * them is cut off: audio that was never counted in the header).
     */
    public static LiveWavFile append(Path file, int channels, long dataBytes, Opener opener) throws MediaFileException {
        checkFolder(file);
        int headerBytes = WavWriter.header(AudioEncoding.LINEAR16, channels, 0).remaining();
        try {
            FileChannel channel = WavWriter.appendAfter(opener, file, headerBytes + dataBytes);
            return new LiveWavFile(file, channels, channel, headerBytes, dataBytes);
        } catch (IOException | RuntimeException e) {
            throw new MediaFileException(file, "recording " + file + " cannot be continued: " + fault(e), e);
        }
    }

    public Path file() {
        return file;
    }

    public int channels() {
        return channels;
    }

    /** Bytes of audio written so far (the header excluded). */
    public long dataBytes() {
        return dataBytes;
    }

    /** Appends 16-bit little-endian samples ({@code channels} interleaved). */
    public void write(byte[] data, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        dataBytes += length;
    }

    /** Writes the lengths into the header and forces data and header to the disk. */
    public void sync() throws IOException {
        if (syncedBytes == dataBytes) {
            return;
        }
        ByteBuffer header = WavWriter.header(AudioEncoding.LINEAR16, channels, dataBytes);
        long at = 0;
        while (header.hasRemaining()) {
            at += channel.write(header, at);
        }
        channel.force(false);
        syncedBytes = dataBytes;
    }

    /** Syncs and closes; the channel is closed even when the sync fails. */
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }

    /**
     * After a failed write (a full disk): cuts off what the header does not count, counts the rest (rewriting the
     * header needs no new space) and closes. Best effort, never throws.
     */
    public void salvage() {
        try {
            channel.truncate(headerBytes + dataBytes);
            syncedBytes = -1;
            sync();
        } catch (IOException | RuntimeException e) {
            // the file keeps what the last sync counted
        } finally {
            closeQuietly(channel);
        }
    }

    int headerBytes() {
        return headerBytes;
    }

    private static void checkFolder(Path file) throws MediaFileException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new MediaFileException(file, "recording " + file + " cannot be written: the folder " + parent
                    + (Files.exists(parent) ? " is not a folder" : " does not exist"));
        }
    }

    /** The fault in words: the exception's class says more than its message for some (AccessDeniedException). */
    public static String fault(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing after a failure: nothing more to do
        }
    }
}
