package org.plugboard.media.endpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Recording.Ending;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.G711;
import org.plugboard.media.audio.WavWriter;

import io.netty.buffer.ByteBuf;

/**
 * A recording of what a leg receives. Audio is placed by RTP timestamp (gaps up to {@value #MAX_GAP_SAMPLES}
 * samples become silence; late and repeated packets are dropped; a new SSRC or a jump restarts the timeline),
 * converted to the file's encoding, cut at the maximum, and written in one-second chunks by the engine's I/O
 * executor, in order (a chain of tasks), so the event loop never touches the disk. Loop-confined but for the
 * chain.
 */
final class Recorder {
    /** Longer gaps are a new timeline, not silence (10 s). */
    static final long MAX_GAP_SAMPLES = 10L * Audio.RATE;

    private final Path target;
    private final AudioEncoding encoding;
    private final long maxSamples;
    private final String stopDigits;
    private final Executor io;
    private final CompletableFuture<Recording> done;
    private final int bytesPerSample;
    private byte[] chunk;
    private int chunkLength;
    private long samples;
    private long ssrc = -1;
    private long nextTimestamp;
    private boolean finished;
    /** When the wall clock ends the recording ({@link System#nanoTime}, which the next version shares). */
    private long deadlineNanos;
    private Timers.Timer wallClock;
    /** The write chain, run on {@link #io} one task after the other. */
    private CompletableFuture<WavWriter> chain;

    Recorder(Path target, AudioEncoding encoding, Duration max, String stopDigits, Executor io,
            CompletableFuture<Recording> done) {
        this(target, encoding, max.toMillis() * Audio.RATE / 1000, stopDigits, io, done);
    }

    private Recorder(Path target, AudioEncoding encoding, long maxSamples, String stopDigits, Executor io,
            CompletableFuture<Recording> done) {
        this.target = target;
        this.encoding = encoding;
        this.maxSamples = maxSamples;
        this.stopDigits = stopDigits;
        this.io = io;
        this.done = done;
        this.bytesPerSample = encoding == AudioEncoding.LINEAR16 ? 2 : 1;
        this.chunk = new byte[Audio.RATE * bytesPerSample];
    }

    CompletableFuture<Recording> done() {
        return done;
    }

    /** Opens the file (on the I/O executor) and starts the wall clock: silence from the peer still ends at the max. */
    void start(Timers timers, long maxMillis) {
        chain = CompletableFuture.supplyAsync(() -> {
            try {
                return WavWriter.create(target, encoding);
            } catch (MediaException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io);
        deadlineNanos = System.nanoTime() + maxMillis * 1_000_000;
        wallClock = timers.after(maxMillis, () -> finish(Ending.MAX_LENGTH, ""));
    }

    // ---- bundle update ----

    /**
     * For the next version of the bundle: what is buffered goes to the file, which is then let go of unfinished
     * (still {@code <name>.part}), and the recorder's state is written down as JDK and API values: the file, its
     * limits, the stage the application waits on, the samples so far and the RTP timeline, so the next version
     * places the next packet right after the last one. This recorder takes no more audio and never completes the
     * stage; the next version does.
     */
    Object[] handOver() {
        flush();
        finished = true;
        if (wallClock != null) {
            wallClock.cancel();
        }
        CompletableFuture<Long> released = chain.thenApplyAsync(writer -> {
            try {
                return writer.release();
            } catch (IOException e) {
                writer.abort();
                throw new java.util.concurrent.CompletionException(failure(e));
            }
        }, io);
        return new Object[] {target, encoding, maxSamples, stopDigits, done, samples, ssrc, nextTimestamp,
            deadlineNanos, released};
    }

    /** The future of {@link #handOver}'s state that completes once this version let go of the file. */
    static CompletableFuture<?> released(Object[] state) {
        return (CompletableFuture<?>) state[9];
    }

    /** The stage the application waits on, in {@link #handOver}'s state. */
    static CompletableFuture<?> stage(Object[] state) {
        return (CompletableFuture<?>) state[4];
    }

    /**
     * Carries on a recording a previous version {@link #handOver handed over}: appends to its file once that version
     * let go of it, and ends at the same wall-clock time.
     */
    @SuppressWarnings("unchecked")
    static Recorder restore(Object[] s, Executor io, Timers timers) {
        Path target = (Path) s[0];
        AudioEncoding encoding = (AudioEncoding) s[1];
        Recorder r = new Recorder(target, encoding, (Long) s[2], (String) s[3], io, (CompletableFuture<Recording>) s[4]);
        r.samples = (Long) s[5];
        r.ssrc = (Long) s[6];
        r.nextTimestamp = (Long) s[7];
        r.deadlineNanos = (Long) s[8];
        r.chain = ((CompletableFuture<Long>) s[9]).thenApplyAsync(bytes -> {
            try {
                return WavWriter.resume(target, encoding, bytes);
            } catch (MediaException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io);
        long left = Math.max(0, (r.deadlineNanos - System.nanoTime()) / 1_000_000);
        r.wallClock = timers.after(left, () -> r.finish(Ending.MAX_LENGTH, ""));
        return r;
    }

    /** Audio from the peer: {@code payload} holds G.711 codes of {@code law}. */
    void audio(long packetSsrc, long timestamp, ByteBuf payload, AudioEncoding law) {
        if (finished) {
            return;
        }
        int n = payload.readableBytes();
        if (packetSsrc != ssrc) {
            ssrc = packetSsrc;
            nextTimestamp = timestamp;
        }
        long gap = (int) (timestamp - nextTimestamp); // signed 32-bit difference: wraps correctly
        if (gap < 0 && -gap < MAX_GAP_SAMPLES) {
            return; // late or repeated
        }
        if (gap > 0 && gap <= MAX_GAP_SAMPLES) {
            for (long i = 0; i < gap && samples < maxSamples; i++) {
                put(G711.silence(AudioEncoding.PCMU), AudioEncoding.PCMU);
            }
        }
        nextTimestamp = (timestamp + n) & 0xFFFFFFFFL;
        int start = payload.readerIndex();
        for (int i = 0; i < n && samples < maxSamples; i++) {
            put(payload.getByte(start + i), law);
        }
        if (samples >= maxSamples) {
            finish(Ending.MAX_LENGTH, "");
        }
    }

    /** A digit came: true when it ended the recording (and is used up). */
    boolean digit(char d) {
        if (!finished && stopDigits.indexOf(d) >= 0) {
            finish(Ending.DIGIT, String.valueOf(d));
            return true;
        }
        return false;
    }

    boolean finished() {
        return finished;
    }

    /** Writes what is left, completes the header, moves the file into place, then completes the stage. */
    void finish(Ending ending, String digit) {
        if (finished) {
            return;
        }
        finished = true;
        if (wallClock != null) {
            wallClock.cancel();
        }
        flush();
        Duration length = Duration.ofMillis(samples * 1000 / Audio.RATE);
        chain.thenApplyAsync(writer -> {
            try {
                return writer.finish();
            } catch (IOException e) {
                writer.abort();
                throw new java.util.concurrent.CompletionException(failure(e));
            }
        }, io).whenComplete((file, error) -> {
            if (error == null) {
                done.complete(new Recording(file, length, ending, digit));
            } else {
                done.completeExceptionally(error instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : error);
            }
        });
    }

    private void put(byte code, AudioEncoding law) {
        if (encoding == AudioEncoding.LINEAR16) {
            short v = G711.decode(law, code);
            chunk[chunkLength++] = (byte) v;
            chunk[chunkLength++] = (byte) (v >> 8);
        } else {
            chunk[chunkLength++] = G711.transcode(law, encoding, code);
        }
        samples++;
        if (chunkLength == chunk.length) {
            flush();
        }
    }

    /** Hands the chunk to the write chain. */
    private void flush() {
        if (chunkLength == 0) {
            return;
        }
        byte[] data = chunk;
        int length = chunkLength;
        chunk = new byte[Audio.RATE * bytesPerSample];
        chunkLength = 0;
        chain = chain.thenApplyAsync(writer -> {
            try {
                writer.write(data, length);
                return writer;
            } catch (IOException e) {
                writer.abort();
                throw new java.util.concurrent.CompletionException(failure(e));
            }
        }, io);
    }

    private MediaException failure(IOException e) {
        return new MediaFileException(target, "recording " + target + " cannot be written: " + e, e);
    }
}
