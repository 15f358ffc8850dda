package org.plugboard.media.recording;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording.Ending;
import org.plugboard.api.media.CallRecording.Layout;
import org.plugboard.api.media.CallRecording.Options;
import org.plugboard.api.media.CallRecording.Result;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.G711;
import org.plugboard.media.audio.LiveWavFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;

/**
 * One call's recording. The event loop hands it each RTP packet ({@link #packet}): G.711 is decoded into the sending
 * direction's jitter buffer ({@link Direction}), nothing else is done there. The writer thread ({@link Recordings})
 * calls {@link #tick} every ~100 ms: it takes both directions up to {@value #DELAY_MILLIS} ms behind the clock, so
 * late packets still land, mixes or interleaves them ({@link Frames}) and appends them to the file, whose header is
 * brought up to date at least once a second. The timeline is the clock's: the file is as long as the recording
 * lasted. Ends are asked for from any thread ({@link #end}) and carried out by the writer.
 */
public final class LiveRecording implements CallRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRecording.class);
    static final long DELAY_MILLIS = 300;
    static final long DELAY = DELAY_MILLIS * Audio.RATE / 1000;
    /** Header syncs at most this far apart, so the header is never a second behind on the 100 ms beat. */
    static final long SYNC_NANOS = 900_000_000L;
    static final long NANOS_PER_SAMPLE = 1_000_000_000L / Audio.RATE;
    /** Samples written at most per write call (4000: half a second). */
    private static final int CHUNK = Audio.RATE / 2;

    enum State { OPENING, RECORDING, HANDED_OVER, ENDED }

    private final String id;
    private final String sessionId;
    private final Options options;
    private final Instant started;
    private final long startNanos;
    private final LongSupplier clock;
    private final LiveWavFile.Opener opener;
    private final Executor writer;
    private final long maxSamples;
    private final Direction caller = new Direction();
    private final Direction callee = new Direction();
    private final Announcement announcement;
    private final CompletableFuture<Result> finished;
    /** The next version's recorder, once it carries this one on. */
    private final CompletableFuture<CallRecorder> successor;
    /** Event loop only: a packet's samples, decoded. */
    private final short[] decoded = new short[2048];
    private volatile Runnable onEnd = () -> { };
    /** The end asked for; set without the monitor, which the writer holds during file I/O. */
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private volatile long written;
    /** Written under the monitor, read without it. */
    private volatile State state = State.OPENING;
    // guarded by this (writer thread, hand-over)
    private LiveWavFile file;
    private long lastSyncNanos;
    private Frames frames;

    LiveRecording(String id, String sessionId, Options options, Instant started, long startNanos, LongSupplier clock,
            LiveWavFile.Opener opener, Executor writer, CompletableFuture<Result> finished,
            CompletableFuture<CallRecorder> successor, Audio notice) {
        this.id = id;
        this.sessionId = sessionId;
        this.options = options;
        this.started = started;
        this.startNanos = startNanos;
        this.clock = clock;
        this.opener = opener;
        this.writer = writer;
        this.finished = finished;
        this.successor = successor;
        this.announcement = options.announce() ? new Announcement(notice) : null;
        this.maxSamples = options.max() == null ? Long.MAX_VALUE : options.max().toMillis() * Audio.RATE / 1000;
    }

    // ---- CallRecorder ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public Duration length() {
        CallRecorder next = successor.getNow(null);
        return next != null ? next.length() : Duration.ofNanos(written * NANOS_PER_SAMPLE);
    }

    /** The same stage in every version: the last one to record completes it. */
    @Override
    public CompletionStage<Result> finished() {
        return finished;
    }

    @Override
    public void stop() {
        if (handedOver()) {
            successor.thenAccept(CallRecorder::stop); // at once, or when the next version has taken over
        } else {
            end(Ending.STOPPED);
        }
    }

    // ---- the event loop's side ----

    /**
     * An RTP packet {@code from} sent, its payload at {@code payloadIndex} of {@code packet}. G.711 goes into the
     * direction's buffer, other payloads (comfort noise...) only keep the timing; with the announcement on, the
     * warning beep is mixed into the payload in place.
     */
    public void packet(Side from, long ssrc, int seq, long timestamp, int payloadType, ByteBuf packet, int payloadIndex,
            int payloadLength, long arrivalNanos) {
        if (ending.get() != null) {
            return;
        }
        boolean g711 = payloadType == 0 || payloadType == 8;
        int n = Math.min(payloadLength, decoded.length);
        if (g711) {
            for (int i = 0; i < n; i++) {
                byte code = packet.getByte(payloadIndex + i);
                decoded[i] = payloadType == 8 ? G711.alawToLinear(code) : G711.ulawToLinear(code);
            }
        }
        long arrivalPos = Math.floorDiv(arrivalNanos - startNanos, NANOS_PER_SAMPLE);
        direction(from).put(ssrc, seq, timestamp, g711 ? decoded : null, g711 ? n : 0, arrivalPos);
        if (g711 && announcement != null) {
            announcement.mix(from, packet, payloadIndex, decoded, n, payloadType == 8);
        }
    }

    /** Asks the writer to end the recording (no I/O here: safe on the event loop). The first ending wins. */
    public void end(Ending why) {
        if (state == State.HANDED_OVER || state == State.ENDED || !ending.compareAndSet(null, why)) {
            return;
        }
        try {
            writer.execute(this::tick);
        } catch (RejectedExecutionException e) {
            tick(); // the writer is gone (the engine stopped): finish here rather than leave the file unsynced
        }
    }

    /** Run once the recording is over (ended, failed): the relay removes its tap. */
    public void onEnd(Runnable action) {
        this.onEnd = action;
    }

    private void runOnEnd() {
        Runnable action = onEnd;
        onEnd = () -> { };
        action.run();
    }

    public boolean ended() {
        return ending.get() != null || state == State.ENDED || finished.isDone();
    }

    // ---- the writer's side ----

    /** Creates the file. On failure the recording is over and the exception says why. */
    synchronized void open() throws MediaFileException {
        if (state != State.OPENING) {
            return;
        }
        try {
            file = LiveWavFile.create(options.file(), options.layout() == Layout.STEREO ? 2 : 1, opener);
        } catch (MediaFileException e) {
            state = State.ENDED;
            CompletableFuture.runAsync(() -> finished.completeExceptionally(e));
            runOnEnd();
            throw e;
        }
        started(file);
    }

    /** Carries on into a file an earlier version wrote {@code dataBytes} of. */
    synchronized void reopen(long samplesWritten, long dataBytes) throws MediaFileException {
        written = samplesWritten;
        started(LiveWavFile.append(options.file(), options.layout() == Layout.STEREO ? 2 : 1, dataBytes, opener));
    }

    private void started(LiveWavFile opened) {
        file = opened;
        frames = new Frames(options.layout(), CHUNK);
        state = State.RECORDING;
        lastSyncNanos = clock.getAsLong();
    }

    /** Writes what is due; carries out a requested end; syncs the header once a second. */
    synchronized void tick() {
        if (state != State.RECORDING) {
            return;
        }
        long now = clock.getAsLong();
        long elapsed = Math.floorDiv(now - startNanos, NANOS_PER_SAMPLE);
        try {
            Ending why = ending.get();
            if (why != null) {
                writeUpTo(Math.min(elapsed, maxSamples)); // the call is over: what is buffered is all there is
                finish(why, "");
                return;
            }
            writeUpTo(Math.min(elapsed - DELAY, maxSamples));
            if (written >= maxSamples) {
                ending.compareAndSet(null, Ending.MAX_LENGTH);
                finish(Ending.MAX_LENGTH, "");
            } else if (now - lastSyncNanos >= SYNC_NANOS) {
                file.sync();
                lastSyncNanos = now;
            }
        } catch (IOException | RuntimeException e) {
            fail(e); // a bug fails this recording once, rather than every 100 ms
        }
    }

    private void writeUpTo(long target) throws IOException {
        while (written < target) {
            int n = (int) Math.min(CHUNK, target - written);
            caller.take(frames.left(), n);
            callee.take(frames.right(), n);
            file.write(frames.bytes(n), frames.byteCount(n));
            written += n;
        }
    }

    private void finish(Ending why, String failure) throws IOException {
        state = State.ENDED;
        try {
            file.close();
        } finally {
            runOnEnd();
        }
        LOG.info("Call recording {} of session {} ended ({}) after {} ms into {}: caller {}; callee {}", id, sessionId,
                why, written * 1000 / Audio.RATE, options.file(), caller.statsText(), callee.statsText());
        Result result = new Result(options.file(), length(), why, failure);
        finished.completeAsync(() -> result); // the caller's callbacks never run on (or block) the writer
    }

    /** A write failed: the file keeps what was written before, the call goes on unrecorded; logged once. */
    private void fail(Exception e) {
        state = State.ENDED;
        ending.compareAndSet(null, Ending.FAILED);
        file.salvage();
        runOnEnd();
        String failure = "recording " + options.file() + " cannot be written: " + LiveWavFile.fault(e);
        LOG.warn("Call recording {} of session {} failed after {} ms: {}; the call goes on unrecorded; caller {}; "
                + "callee {}", id, sessionId, written * 1000 / Audio.RATE, failure, caller.statsText(), callee.statsText());
        Result result = new Result(options.file(), length(), Ending.FAILED, failure);
        finished.completeAsync(() -> result);
    }

    // ---- bundle update ----

    /**
     * Hands the recording to the next version (off the event loop, after the tap was removed): writes what is due,
     * closes the file with its header up to date and returns the rest (the buffers, anchors, counters) as JDK and
     * API values; null when it is over or failed.
     */
    public synchronized java.util.Map<String, Object> handOver() {
        try {
            if (state == State.OPENING) {
                open();
            }
        } catch (MediaFileException e) {
            return null;
        }
        if (state != State.RECORDING) {
            return null;
        }
        if (ending.get() != null) {
            tick();
            return null;
        }
        long elapsed = Math.floorDiv(clock.getAsLong() - startNanos, NANOS_PER_SAMPLE);
        try {
            writeUpTo(Math.min(elapsed - DELAY, maxSamples));
            file.close();
        } catch (IOException e) {
            fail(e);
            return null;
        }
        state = State.HANDED_OVER;
        return RecordingState.save(this);
    }

    boolean handedOver() {
        return state == State.HANDED_OVER;
    }

    // ---- for RecordingState and the tests ----

    long startNanos() {
        return startNanos;
    }

    long samplesWritten() {
        return written;
    }

    long dataBytes() {
        synchronized (this) {
            return file == null ? 0 : file.dataBytes();
        }
    }

    Direction direction(Side side) {
        return side == Side.CALLER ? caller : callee;
    }

    Announcement announcement() {
        return announcement;
    }

    CompletableFuture<Result> finishedFuture() {
        return finished;
    }

    CompletableFuture<CallRecorder> successor() {
        return successor;
    }

    State state() {
        return state;
    }

    @Override
    public String toString() {
        return "call recording " + id + " of session " + sessionId + " into " + options.file();
    }
}
